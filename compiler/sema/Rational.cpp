#include "sema/Rational.h"

namespace zc {

namespace {

__int128 gcd(__int128 a, __int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    __int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::optional<Rational> normalized(__int128 num, __int128 den) {
  if (den == 0) return std::nullopt;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  __int128 g = gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return Rational{num, den};
}

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

std::optional<Rational> multiply(const Rational& a, const Rational& b) {
  Rational x = *normalized(a.num, b.den), y = *normalized(b.num, a.den);
  __int128 num, den;
  if (__builtin_mul_overflow(x.num, y.num, &num) || __builtin_mul_overflow(x.den, y.den, &den)) return std::nullopt;
  return normalized(num, den);
}

std::optional<Rational> divide(const Rational& a, const Rational& b) {
  if (b.num == 0) return std::nullopt;
  return multiply(a, Rational{b.den, b.num}.num < 0 ? Rational{-b.den, -b.num} : Rational{b.den, b.num});
}

std::optional<Rational> add(const Rational& a, const Rational& b) {
  __int128 l, r, num, den;
  if (__builtin_mul_overflow(a.num, b.den, &l) || __builtin_mul_overflow(b.num, a.den, &r) ||
      __builtin_add_overflow(l, r, &num) || __builtin_mul_overflow(a.den, b.den, &den))
    return std::nullopt;
  return normalized(num, den);
}

std::optional<int> compare(const Rational& a, const Rational& b) {
  __int128 l, r;
  if (__builtin_mul_overflow(a.num, b.den, &l) || __builtin_mul_overflow(b.num, a.den, &r)) return std::nullopt;
  return l < r ? -1 : l > r ? 1 : 0;
}

}  // namespace zc
