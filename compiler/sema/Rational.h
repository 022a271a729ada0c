// Exact rationals for unit scales (亩 = 2000/3 平方米) and constant bounds,
// computed by the runtime's own zc_dec functions: a result that does not fit
// is reported (nothing), never wrapped.
#pragma once

#include <optional>
#include <string>

#include "zc/runtime.h"

namespace zc {

struct Rational {
  __int128 num = 0;
  __int128 den = 1;

  static Rational integer(__int128 n) { return {n, 1}; }
  // A decimal text ("12.5") read exactly; nothing when it does not fit.
  static std::optional<Rational> parse(std::string_view text);
  static Rational fromDec(zc_dec value) { return {value.num, value.den}; }

  bool isInteger() const { return den == 1; }
  bool isZero() const { return num == 0; }
  zc_dec toDec() const { return {num, den}; }
  // Whether the engines can hold it: its numerator and denominator in lowest
  // terms fit the runtime's decimals. A constant beyond is a compile-time
  // error, not a run-time one.
  bool withinRuntimeRange() const;
  std::string str() const;

  friend bool operator==(const Rational& a, const Rational& b) { return a.num == b.num && a.den == b.den; }
};

// Each returns nothing on overflow.
std::optional<Rational> multiply(const Rational& a, const Rational& b);
std::optional<Rational> divide(const Rational& a, const Rational& b);
std::optional<Rational> add(const Rational& a, const Rational& b);
// -1, 0, 1; nothing on overflow of the cross products.
std::optional<int> compare(const Rational& a, const Rational& b);

}  // namespace zc
