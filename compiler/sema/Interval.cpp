#include "sema/Interval.h"

#include <fmt/format.h>

#include <algorithm>

namespace zc::sema {

namespace {

// Rationals here are bounds written in a ruleset: far from 128 bits, so the
// comparisons cannot overflow.
int order(const Rational& a, const Rational& b) { return compare(a, b).value_or(0); }

__int128 floorOf(const Rational& r) {
  __int128 q = r.num / r.den;
  return (r.num % r.den != 0 && r.num < 0) ? q - 1 : q;
}

__int128 ceilOf(const Rational& r) { return r.isInteger() ? r.num : floorOf(r) + 1; }

}  // namespace

Range within(Range range, const Domain& domain) {
  if (domain.integers) {
    if (range.lo) range.lo = Rational::integer(range.loClosed ? ceilOf(*range.lo) : floorOf(*range.lo) + 1);
    if (range.hi) range.hi = Rational::integer(range.hiClosed ? floorOf(*range.hi) : ceilOf(*range.hi) - 1);
    range.loClosed = range.hiClosed = true;
  }
  if (domain.min && (!range.lo || order(*range.lo, *domain.min) < 0)) {
    range.lo = domain.min;
    range.loClosed = true;
  }
  return range;
}

bool isEmpty(const Range& r) {
  if (!r.lo || !r.hi) return false;
  int c = order(*r.lo, *r.hi);
  return c > 0 || (c == 0 && !(r.loClosed && r.hiClosed));
}

bool disjoint(const Range& a, const Range& b) {
  auto before = [](const Range& x, const Range& y) {
    if (!x.hi || !y.lo) return false;
    int c = order(*x.hi, *y.lo);
    return c < 0 || (c == 0 && !(x.hiClosed && y.loClosed));
  };
  return before(a, b) || before(b, a);
}

std::optional<std::string> firstGap(std::vector<Range> ranges, const Domain& domain, const std::string& unit) {
  auto text = [&](const Rational& r) { return unit.empty() ? r.str() : r.str() + " " + unit; };
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
    if (!a.lo) return b.lo.has_value();
    if (!b.lo) return false;
    int c = order(*a.lo, *b.lo);
    return c < 0 || (c == 0 && a.loClosed && !b.loClosed);
  });
  if (ranges.empty()) return std::string("(-∞, ∞)");
  const Range& first = ranges.front();
  if (first.lo && !(domain.min && order(*first.lo, *domain.min) == 0 && first.loClosed))
    return fmt::format("below {}", text(*first.lo));
  for (size_t i = 0; i + 1 < ranges.size(); ++i) {
    const Range& a = ranges[i];
    const Range& b = ranges[i + 1];
    if (domain.integers) {
      // Closed integer bounds: 2022 and 2023 meet.
      Rational next = *add(*a.hi, Rational::integer(1));
      int c = order(next, *b.lo);
      if (c < 0) {
        Rational last = *add(*b.lo, Rational::integer(-1));
        return order(next, last) == 0 ? fmt::format("at {}", text(next))
                                      : fmt::format("from {} to {}", text(next), text(last));
      }
      continue;
    }
    int c = order(*a.hi, *b.lo);
    if (c < 0 || !(a.hiClosed || b.loClosed))
      return c < 0 ? fmt::format("between {} and {}", text(*a.hi), text(*b.lo)) : fmt::format("at {}", text(*a.hi));
  }
  if (ranges.back().hi) return fmt::format("above {}", text(*ranges.back().hi));
  return std::nullopt;
}

}  // namespace zc::sema
