// Tests of the runtime's exact rationals. Fixed cases were worked out by hand
// or with Python's fractions module; the randomized tests check each result
// against cross-multiplication in a slow signed bignum defined here, which
// shares no code with the runtime.
#include <zc/runtime.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

using u128 = unsigned __int128;

zc_dec dec(const std::string& text) {
  zc_dec value;
  REQUIRE(zc_dec_parse(text.data(), text.size(), &value) == ZC_OK);
  return value;
}

zc_dec ratio(__int128 num, __int128 den) {
  zc_dec value;
  REQUIRE(zc_dec_make(num, den, &value) == ZC_OK);
  return value;
}

std::string str(const zc_dec& value, int places = -1) {
  char buf[ZC_DEC_FORMAT_SIZE];
  size_t length = zc_dec_format(&value, places, buf);
  REQUIRE(length == std::strlen(buf));
  REQUIRE(length < sizeof buf);
  return std::string(buf, length);
}

// The result as text, or the error message: readable failures, since Catch
// cannot print __int128.
std::string text_of(zc_status status, const zc_dec& value) {
  return status == ZC_OK ? str(value) : zc_status_message(status);
}

using BinaryOp = zc_status (*)(const zc_dec*, const zc_dec*, zc_dec*);

std::string apply(BinaryOp op, const zc_dec& a, const zc_dec& b) {
  zc_dec out;
  return text_of(op(&a, &b, &out), out);
}

std::string apply(BinaryOp op, const std::string& a, const std::string& b) { return apply(op, dec(a), dec(b)); }

std::string round_to(const std::string& a, int places) {
  zc_dec value = dec(a), out;
  return text_of(zc_dec_round(&value, places, &out), out);
}

const char* const kMax = "170141183460469231731687303715884105727";  // 2^127 - 1

}  // namespace

TEST_CASE("decimal text is read into lowest terms", "[runtime][decimal]") {
  CHECK(dec("0.05") == zc_dec{1, 20});
  CHECK(dec("12.250") == zc_dec{49, 4});
  CHECK(dec("-0.5") == zc_dec{-1, 2});
  CHECK(dec("+7.") == zc_dec{7, 1});
  CHECK(dec(".5") == zc_dec{1, 2});
  CHECK(dec("000") == zc_dec{0, 1});
  CHECK(dec("-0.000") == zc_dec{0, 1});
  CHECK(dec(kMax) == zc_dec{(__int128)(((u128)1 << 127) - 1), 1});
  // 38 places are kept; further digits must be zeros.
  CHECK(dec("0.00000000000000000000000000000000000001") == zc_dec{1, (__int128)1e19 * (__int128)1e19});
  CHECK(dec("1.50000000000000000000000000000000000000000000") == zc_dec{3, 2});
  zc_dec out;
  auto status = [&](const char* text) { return zc_dec_parse(text, std::strlen(text), &out); };
  CHECK(status("0.000000000000000000000000000000000000001") == ZC_ERR_PRECISION);
  CHECK(status("170141183460469231731687303715884105728") == ZC_ERR_OVERFLOW);
  CHECK(status("1e5") == ZC_ERR_SYNTAX);
  CHECK(status("") == ZC_ERR_SYNTAX);
  CHECK(status(".") == ZC_ERR_SYNTAX);
  CHECK(status("1,000") == ZC_ERR_SYNTAX);
  CHECK(status(" 1") == ZC_ERR_SYNTAX);
  CHECK(status("--1") == ZC_ERR_SYNTAX);
  CHECK(status("1.2.3") == ZC_ERR_SYNTAX);
  CHECK(status("x0.0000000000000000000000000000000000000000001") == ZC_ERR_SYNTAX);
}

TEST_CASE("decimal format prints exactly, or says it rounded", "[runtime][decimal]") {
  CHECK(str(dec("15000")) == "15000");
  CHECK(str(dec("0.05")) == "0.05");
  CHECK(str(dec("-2.5")) == "-2.5");
  CHECK(str(ratio(1, 3)) == "0.333333333333333333…");
  CHECK(str(ratio(-2, 3)) == "-0.666666666666666667…");
  CHECK(str(ratio(1, 8)) == "0.125");
  CHECK(str(dec("0.0000000000000000005")) == "0.000000000000000001…");  // 19 places
  CHECK(str(ratio(1, 3), 2) == "0.33");
  CHECK(str(dec("12345.675"), 2) == "12345.68");
  CHECK(str(dec("-12345.675"), 2) == "-12345.68");
  CHECK(str(dec("-0.004"), 2) == "0.00");
  CHECK(str(dec("9.995"), 2) == "10.00");
  CHECK(str(dec("7"), 2) == "7.00");
  CHECK(str(dec("-0.5"), 0) == "-1");
  CHECK(str(dec(kMax), 2) == std::string(kMax) + ".00");
  CHECK(str(ratio(-(__int128)(((u128)1 << 127) - 1), 3)) ==
        "-56713727820156410577229101238628035242.333333333333333333…");
  CHECK(str(ratio(1, 7), 38) == "0.14285714285714285714285714285714285714");
}

TEST_CASE("the same amount wherever the brackets are", "[runtime][decimal]") {
  // The case: 30000.03 元 × (1 / 3) × 50% is exactly 5000.005.
  zc_dec invoice = dec("30000.03"), third = ratio(1, 3), half = dec("0.5"), three = ratio(3, 1);
  zc_dec left, right, a, b;
  REQUIRE(zc_dec_mul(&invoice, &third, &a) == ZC_OK);
  REQUIRE(zc_dec_mul(&a, &half, &left) == ZC_OK);
  REQUIRE(zc_dec_mul(&invoice, &half, &b) == ZC_OK);
  REQUIRE(zc_dec_div(&b, &three, &right) == ZC_OK);
  CHECK(left == right);
  CHECK(str(left) == "5000.005");
  zc_dec paid;
  REQUIRE(zc_dec_round(&left, 2, &paid) == ZC_OK);
  CHECK(str(paid) == "5000.01");
}

TEST_CASE("decimal arithmetic is exact and detects overflow", "[runtime][decimal]") {
  CHECK(apply(zc_dec_add, "0.1", "0.2") == "0.3");
  CHECK(apply(zc_dec_sub, "1.5", "4") == "-2.5");
  CHECK(apply(zc_dec_add, ratio(1, 3), ratio(2, 3)) == "1");
  CHECK(apply(zc_dec_add, ratio(1, 6), ratio(1, 10)) == "0.266666666666666667…");
  CHECK(apply(zc_dec_sub, ratio(1, 6), ratio(1, 6)) == "0");
  CHECK(apply(zc_dec_mul, "1.5", "1.5") == "2.25");
  CHECK(apply(zc_dec_mul, ratio(2, 3), ratio(3, 4)) == "0.5");
  CHECK(apply(zc_dec_div, "105", "100") == "1.05");
  CHECK(apply(zc_dec_div, "1", "0") == "division by zero");
  CHECK(apply(zc_dec_div, "0", "0") == "division by zero");
  CHECK(apply(zc_dec_add, kMax, "1") == "arithmetic overflow");
  CHECK(apply(zc_dec_sub, std::string("-") + kMax, "1") == "arithmetic overflow");
  CHECK(apply(zc_dec_add, std::string("-") + kMax, kMax) == "0");
  CHECK(apply(zc_dec_mul, "10000000000000000000", "100000000000000000000") == "arithmetic overflow");
  CHECK(apply(zc_dec_div, "1", kMax) == std::string("0.000000000000000000…"));
  // Denominators past 127 bits cannot be held, even for small values.
  zc_dec tiny = ratio(1, (__int128)1e19 * (__int128)1e19);
  CHECK(apply(zc_dec_mul, tiny, tiny) == "arithmetic overflow");
  zc_dec out = ratio(42, 1), before = out;
  CHECK(zc_dec_div(&out, &tiny, &out) == ZC_ERR_OVERFLOW);  // out aliases a and is left untouched
  CHECK(out == before);
  zc_dec neg;
  REQUIRE(zc_dec_neg(&tiny, &neg) == ZC_OK);
  CHECK(neg == zc_dec{-1, tiny.den});
}

TEST_CASE("decimal compare is exact beyond 128 bits", "[runtime][decimal]") {
  auto cmp = [](const zc_dec& a, const zc_dec& b) { return zc_dec_compare(&a, &b); };
  CHECK(cmp(ratio(1, 3), dec("0.33333333333333333333333333333333333333")) == 1);
  CHECK(cmp(ratio(1, 3), dec("0.33333333333333333333333333333333333334")) == -1);
  CHECK(cmp(ratio(-1, 3), ratio(-1, 2)) == 1);
  CHECK(cmp(dec(kMax), ratio(-1, 3)) == 1);
  CHECK(cmp(ratio(2, 4), dec("0.5")) == 0);
  CHECK(cmp(dec("0"), dec("-0")) == 0);
  // 105.00…01 / 100 − 1 > 5%, decided with the divisor's full width.
  zc_dec now = dec("105.00000000000000000000000000001"), before = dec("100"), q, growth, one = ratio(1, 1);
  REQUIRE(zc_dec_div(&now, &before, &q) == ZC_OK);
  REQUIRE(zc_dec_sub(&q, &one, &growth) == ZC_OK);
  CHECK(cmp(growth, dec("0.05")) == 1);
}

TEST_CASE("decimal round to places, half away from zero", "[runtime][decimal]") {
  CHECK(round_to("2.345", 2) == "2.35");
  CHECK(round_to("-2.345", 2) == "-2.35");
  CHECK(round_to("2.3449999", 2) == "2.34");
  CHECK(round_to("0.5", 0) == "1");
  CHECK(round_to("-0.5", 0) == "-1");
  CHECK(round_to("1250", -2) == "1300");
  CHECK(round_to("-1249.99", -2) == "-1200");
  CHECK(round_to("7", 2) == "7");
  CHECK(round_to("12345", -39) == "0");
  CHECK(round_to(kMax, -1) == "arithmetic overflow");
  zc_dec third = ratio(2, 3), out;
  REQUIRE(zc_dec_round(&third, 3, &out) == ZC_OK);
  CHECK(out == zc_dec{667, 1000});
  REQUIRE(zc_dec_round(&third, 40, &out) == ZC_OK);
  CHECK(out == third);
}

TEST_CASE("decimal from_int and make", "[runtime][decimal]") {
  zc_dec out;
  REQUIRE(zc_dec_from_int(INT64_MIN, &out) == ZC_OK);
  CHECK(str(out) == "-9223372036854775808");
  CHECK(zc_dec_make(1, 0, &out) == ZC_ERR_DIV_ZERO);
  REQUIRE(zc_dec_make(6, -4, &out) == ZC_OK);
  CHECK(out == zc_dec{-3, 2});
  CHECK(zc_dec_make(((__int128)1) << 126, 1, &out) == ZC_OK);
  __int128 min = -(__int128)(((u128)1 << 127) - 1) - 1;
  CHECK(zc_dec_make(min, 1, &out) == ZC_ERR_OVERFLOW);
  REQUIRE(zc_dec_make(min, 2, &out) == ZC_OK);
  CHECK(out == zc_dec{min / 2, 1});
}

namespace {

// A signed bignum of 32-bit digits, just enough for cross-multiplication.
struct Big {
  bool negative = false;
  std::vector<uint32_t> digits;  // least significant first, no leading zeros
};

Big big(__int128 v) {
  Big r;
  r.negative = v < 0;
  for (u128 mag = v < 0 ? (u128)0 - (u128)v : (u128)v; mag != 0; mag >>= 32) r.digits.push_back((uint32_t)mag);
  return r;
}

Big mul(const Big& a, const Big& b) {
  Big r;
  r.negative = a.negative != b.negative;
  r.digits.assign(a.digits.size() + b.digits.size(), 0);
  for (size_t i = 0; i < a.digits.size(); i++) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.digits.size(); j++) {
      uint64_t t = (uint64_t)a.digits[i] * b.digits[j] + r.digits[i + j] + carry;
      r.digits[i + j] = (uint32_t)t;
      carry = t >> 32;
    }
    r.digits[i + b.digits.size()] = (uint32_t)carry;
  }
  while (!r.digits.empty() && r.digits.back() == 0) r.digits.pop_back();
  if (r.digits.empty()) r.negative = false;
  return r;
}

int compare_magnitude(const Big& a, const Big& b) {
  if (a.digits.size() != b.digits.size()) return a.digits.size() < b.digits.size() ? -1 : 1;
  for (size_t i = a.digits.size(); i-- > 0;)
    if (a.digits[i] != b.digits[i]) return a.digits[i] < b.digits[i] ? -1 : 1;
  return 0;
}

Big add(const Big& a, const Big& b) {
  Big r;
  if (a.negative == b.negative) {
    r.negative = a.negative;
    uint64_t carry = 0;
    for (size_t i = 0; i < std::max(a.digits.size(), b.digits.size()) || carry; i++) {
      uint64_t t = carry + (i < a.digits.size() ? a.digits[i] : 0) + (i < b.digits.size() ? b.digits[i] : 0);
      r.digits.push_back((uint32_t)t);
      carry = t >> 32;
    }
    return r;
  }
  const Big& large = compare_magnitude(a, b) >= 0 ? a : b;
  const Big& small = &large == &a ? b : a;
  r.negative = large.negative;
  int64_t borrow = 0;
  for (size_t i = 0; i < large.digits.size(); i++) {
    int64_t t = (int64_t)large.digits[i] - (i < small.digits.size() ? small.digits[i] : 0) - borrow;
    borrow = t < 0;
    r.digits.push_back((uint32_t)(t + (borrow << 32)));
  }
  while (!r.digits.empty() && r.digits.back() == 0) r.digits.pop_back();
  if (r.digits.empty()) r.negative = false;
  return r;
}

int compare(const Big& a, const Big& b) {
  Big negated = b;
  negated.negative = !b.digits.empty() && !b.negative;
  Big d = add(a, negated);
  return d.digits.empty() ? 0 : d.negative ? -1 : 1;
}

__int128 gcd(__int128 a, __int128 b) {
  if (a < 0) a = -a;
  while (b != 0) {
    __int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

bool lowest_terms(const zc_dec& v) { return v.den > 0 && gcd(v.num, v.den) == 1 && (v.num != 0 || v.den == 1); }

// Numbers as rules meet them: money with a few places, percentages, thirds,
// and now and then something huge.
zc_dec random_dec(std::mt19937_64& rng) {
  static const __int128 dens[] = {1, 2, 3, 4, 5, 7, 20, 100, 300, 10000, 1000000007, (__int128)1e18};
  __int128 num;
  switch (rng() % 4) {
    case 0:
      num = (__int128)(rng() % 2000001) - 1000000;
      break;
    case 1:
      num = (__int128)(int64_t)rng();
      break;
    case 2:
      num = (__int128)((u128)rng() << 64 | rng()) >> (rng() % 127);
      break;
    default:
      num = (__int128)(rng() % 201) - 100;
      break;
  }
  if (num == -(__int128)(((u128)1 << 127) - 1) - 1) num = 0;
  __int128 den = rng() % 8 == 0 ? (__int128)(rng() >> (rng() % 64)) + 1 : dens[rng() % std::size(dens)];
  zc_dec out;
  REQUIRE(zc_dec_make(num, den, &out) == ZC_OK);
  return out;
}

}  // namespace

TEST_CASE("decimal arithmetic agrees with bignum cross-multiplication", "[runtime][decimal]") {
  std::mt19937_64 rng(20261130);
  int exact = 0;
  for (int i = 0; i < 200000; i++) {
    zc_dec a = random_dec(rng), b = random_dec(rng), r;
    INFO("a = " << str(a) << ", b = " << str(b));
    Big an = big(a.num), ad = big(a.den), bn = big(b.num), bd = big(b.den);
    // r = a + b  ⇔  r.num × a.den × b.den = (a.num × b.den + b.num × a.den) × r.den
    if (zc_dec_add(&a, &b, &r) == ZC_OK) {
      CHECK(lowest_terms(r));
      CHECK(compare(mul(big(r.num), mul(ad, bd)), mul(add(mul(an, bd), mul(bn, ad)), big(r.den))) == 0);
      ++exact;
    }
    if (zc_dec_mul(&a, &b, &r) == ZC_OK) {
      CHECK(lowest_terms(r));
      CHECK(compare(mul(big(r.num), mul(ad, bd)), mul(mul(an, bn), big(r.den))) == 0);
    }
    if (b.num == 0) {
      CHECK(zc_dec_div(&a, &b, &r) == ZC_ERR_DIV_ZERO);
    } else if (zc_dec_div(&a, &b, &r) == ZC_OK) {
      CHECK(lowest_terms(r));
      // r = a / b  ⇔  r.num × a.den × b.num = a.num × b.den × r.den
      CHECK(compare(mul(big(r.num), mul(ad, bn)), mul(mul(an, bd), big(r.den))) == 0);
    }
    CHECK(zc_dec_compare(&a, &b) == compare(mul(an, bd), mul(bn, ad)));
    int places = (int)(rng() % 20) - 4;
    if (zc_dec_round(&a, places, &r) == ZC_OK) {
      // |a − r| ≤ half a unit of the last place, and a tie moves away from zero.
      CHECK(lowest_terms(r));
      zc_dec diff, half, unit, ten = ratio(10, 1), two = ratio(2, 1);
      REQUIRE(zc_dec_make(1, 1, &unit) == ZC_OK);
      for (int p = 0; p < std::abs(places); p++)
        REQUIRE((places > 0 ? zc_dec_div(&unit, &ten, &unit) : zc_dec_mul(&unit, &ten, &unit)) == ZC_OK);
      REQUIRE(zc_dec_div(&unit, &two, &half) == ZC_OK);
      if (zc_dec_sub(&r, &a, &diff) == ZC_OK) {
        zc_dec distance;
        REQUIRE(zc_dec_abs(&diff, &distance) == ZC_OK);
        int against = zc_dec_compare(&distance, &half);
        CHECK(against <= 0);
        if (against == 0) CHECK((a.num < 0 ? diff.num < 0 : diff.num > 0));
      }
    }
  }
  CHECK(exact > 150000);  // the sample is mostly values that fit, not overflows
}

TEST_CASE("decimal format and parse round-trip", "[runtime][decimal]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 50000; i++) {
    zc_dec a = random_dec(rng);
    std::string text = str(a);
    INFO("text: " << text);
    if (text.find("…") == std::string::npos) CHECK(dec(text) == a);
    int places = (int)(rng() % 19);
    zc_dec rounded;
    if (zc_dec_round(&a, places, &rounded) == ZC_OK) {
      CHECK(str(rounded, places) == str(a, places));
      CHECK(dec(str(a, places)) == rounded);
    }
  }
}

// The checked integer operations and status messages have no test file of
// their own; they sit beside the decimals they resemble.
TEST_CASE("checked int64 arithmetic", "[runtime][integer]") {
  int64_t out = 42;
  CHECK(zc_int_add(INT64_MAX, 1, &out) == ZC_ERR_OVERFLOW);
  CHECK(out == 42);  // untouched on failure
  CHECK(zc_int_sub(INT64_MIN, 1, &out) == ZC_ERR_OVERFLOW);
  CHECK(zc_int_mul(INT64_MIN, -1, &out) == ZC_ERR_OVERFLOW);
  CHECK(zc_int_mul(INT64_C(3037000500), INT64_C(3037000500), &out) == ZC_ERR_OVERFLOW);
  REQUIRE(zc_int_mul(INT64_C(3037000499), INT64_C(3037000499), &out) == ZC_OK);
  CHECK(out == INT64_C(9223372030926249001));
  REQUIRE(zc_int_add(INT64_MAX, INT64_MIN, &out) == ZC_OK);
  CHECK(out == -1);
  REQUIRE(zc_int_sub(-5, 7, &out) == ZC_OK);
  CHECK(out == -12);
}

TEST_CASE("status messages", "[runtime]") {
  CHECK(std::string(zc_status_message(ZC_ERR_OVERFLOW)) == "arithmetic overflow");
  CHECK(std::string(zc_status_message(ZC_ERR_DIV_ZERO)) == "division by zero");
  CHECK(std::string(zc_status_message(ZC_ERR_BAD_DATE)) == "date does not exist");
  CHECK(std::string(zc_status_message(ZC_ERR_PRECISION)) == "too many decimal places (at most 38)");
  CHECK(std::string(zc_status_message(ZC_ERR_SYNTAX)) == "not a number or date");
  CHECK(std::string(zc_status_message(ZC_ERR_NEGATIVE_AWARD)) ==
        "the award is negative, and a negative award is never paid");
  CHECK(std::string(zc_status_message((zc_status)99)) == "unknown error");
}
