// Intervals over exact values, as tiers and 属于 write them, and the values
// a scrutinee can take: every rational, or integers only (整数, 计数, 日期),
// from 0 for a 计数. A tier over years 2021–2022 and one over 2023–2025 leave
// no gap, and a 计数 never needs a tier below 0.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sema/Rational.h"
#include "source/SourceManager.h"

namespace zc::sema {

struct Domain {
  bool integers = false;
  std::optional<Rational> min;  // the least value, for a 计数 0
};

// An interval; an absent bound is infinite.
struct Range {
  std::optional<Rational> lo, hi;
  bool loClosed = false, hiClosed = false;
  Span span;
};

// The values of the range the domain holds: over integers, with closed
// integer bounds; never below the domain's least value.
Range within(Range range, const Domain& domain);
// On ranges within their domain:
bool isEmpty(const Range& range);
bool disjoint(const Range& a, const Range& b);
// The first stretch of the domain that no range covers, if any ("below 50 万元").
std::optional<std::string> firstGap(std::vector<Range> ranges, const Domain& domain, const std::string& unit);

}  // namespace zc::sema
