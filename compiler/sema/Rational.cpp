#include "sema/Rational.h"

namespace zc {

namespace {

std::string int128String(__int128 v) {
  if (v == 0) return "0";
  bool negative = v < 0;
  unsigned __int128 u = negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string out;
  while (u > 0) {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  return negative ? "-" + out : out;
}

}  // namespace

std::optional<Rational> Rational::parse(std::string_view text) {
  zc_dec value;
  if (zc_dec_parse(text.data(), text.size(), &value) != ZC_OK) return std::nullopt;
  return fromDec(value);
}

bool Rational::withinRuntimeRange() const {
  const __int128 largest = static_cast<__int128>((static_cast<unsigned __int128>(1) << 127) - 1);
  return num >= -largest && den <= largest;
}

std::string Rational::str() const {
  if (den == 1) return int128String(num);
  zc_dec value = toDec();
  char buf[ZC_DEC_FORMAT_SIZE];
  zc_dec_format(&value, -1, buf);
  return buf;
}

// The checker computes constants with the engines' own exact arithmetic.
namespace {

std::optional<zc_dec> exact(const Rational& r) {
  zc_dec d;
  if (zc_dec_make(r.num, r.den, &d) != ZC_OK) return std::nullopt;
  return d;
}

std::optional<Rational> apply(zc_status (*op)(const zc_dec*, const zc_dec*, zc_dec*), const Rational& a,
                              const Rational& b) {
  auto x = exact(a), y = exact(b);
  zc_dec out;
  if (!x || !y || op(&*x, &*y, &out) != ZC_OK) return std::nullopt;
  return Rational::fromDec(out);
}

}  // namespace

std::optional<Rational> multiply(const Rational& a, const Rational& b) { return apply(zc_dec_mul, a, b); }

std::optional<Rational> divide(const Rational& a, const Rational& b) { return apply(zc_dec_div, a, b); }

std::optional<Rational> add(const Rational& a, const Rational& b) { return apply(zc_dec_add, a, b); }

std::optional<int> compare(const Rational& a, const Rational& b) {
  auto x = exact(a), y = exact(b);
  if (!x || !y) return std::nullopt;
  return zc_dec_compare(&*x, &*y);
}

}  // namespace zc
