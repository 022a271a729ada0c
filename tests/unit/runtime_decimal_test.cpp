// Tests of the runtime's fixed-point decimals. Expected values were worked
// out independently (Python's decimal module, ROUND_HALF_UP); the randomized
// tests compare against a slow bignum reference defined here.
#include <catch2/catch.hpp>

#include <zc/runtime.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

using u128 = unsigned __int128;

const char* const kMax = "170141183460469231731.687303715884105727";
const char* const kMin = "-170141183460469231731.687303715884105728";
const char* const kUlp = "0.000000000000000001";

zc_status parse(const std::string& text, zc_dec* out) {
  return zc_dec_parse(text.data(), text.size(), out);
}

zc_dec dec(const std::string& text) {
  zc_dec value = 0;
  REQUIRE(parse(text, &value) == ZC_OK);
  return value;
}

std::string str(zc_dec value, int places = -1) {
  char buf[48];
  size_t length = zc_dec_format(value, places, buf);
  REQUIRE(length == std::strlen(buf));
  return std::string(buf, length);
}

// The result as text, or the error message: keeps failures readable, since
// Catch cannot print __int128.
std::string text_of(zc_status status, zc_dec value) {
  return status == ZC_OK ? str(value) : zc_status_message(status);
}

using BinaryOp = zc_status (*)(zc_dec, zc_dec, zc_dec*);

std::string apply(BinaryOp op, const std::string& a, const std::string& b) {
  zc_dec out = 0;
  zc_status status = op(dec(a), dec(b), &out);
  return text_of(status, out);
}

std::string scale(const std::string& a, zc_dec num, zc_dec den) {
  zc_dec out = 0;
  zc_status status = zc_dec_scale(dec(a), num, den, &out);
  return text_of(status, out);
}

std::string round_to(const std::string& a, int places) {
  zc_dec out = 0;
  zc_status status = zc_dec_round(dec(a), places, &out);
  return text_of(status, out);
}

zc_dec raw(uint64_t high, uint64_t low) {
  return (zc_dec)((u128)high << 64 | low);
}

}  // namespace

TEST_CASE("decimal add, sub and neg are exact and detect overflow", "[runtime][decimal]") {
  zc_dec ratio = 0, diff = 0;
  REQUIRE(zc_dec_div(dec("105"), dec("100"), &ratio) == ZC_OK);
  REQUIRE(zc_dec_sub(ratio, dec("1"), &diff) == ZC_OK);
  CHECK(diff == dec("0.05"));
  CHECK(str(diff) == "0.05");
  CHECK(apply(zc_dec_add, "0.1", "0.2") == "0.3");
  CHECK(apply(zc_dec_sub, "1.5", "4") == "-2.5");
  CHECK(apply(zc_dec_add, kMax, kUlp) == "arithmetic overflow");
  CHECK(apply(zc_dec_sub, kMin, kUlp) == "arithmetic overflow");
  CHECK(apply(zc_dec_add, kMin, kMax) == "-0.000000000000000001");
  zc_dec out = 0;
  CHECK(zc_dec_neg(dec(kMin), &out) == ZC_ERR_OVERFLOW);
  REQUIRE(zc_dec_neg(dec(kMax), &out) == ZC_OK);
  CHECK(str(out) == "-170141183460469231731.687303715884105727");
}

TEST_CASE("decimal mul rounds half away from zero at the 18th place", "[runtime][decimal]") {
  CHECK(apply(zc_dec_mul, "1.2345675", "0.01") == "0.012345675");
  CHECK(apply(zc_dec_mul, "-1.5", "2.5") == "-3.75");
  CHECK(apply(zc_dec_mul, "0.000000001", "0.000000001") == kUlp);
  CHECK(apply(zc_dec_mul, "0.000000001", "0.0000000005") == kUlp);
  CHECK(apply(zc_dec_mul, "-0.000000001", "0.0000000005") == "-0.000000000000000001");
  CHECK(apply(zc_dec_mul, "0.000000001", "0.000000000499999999") == "0");
  CHECK(apply(zc_dec_mul, "100000000000000000000", "1.23456789") == "123456789000000000000");
  CHECK(apply(zc_dec_mul, "100000000000000000000", kUlp) == "100");
  CHECK(apply(zc_dec_mul, "123456789012345678.123456789", "987.654321") ==
        "121932631124828531344.307269112635269");
}

TEST_CASE("decimal mul overflows only beyond the limits", "[runtime][decimal]") {
  CHECK(apply(zc_dec_mul, kMax, "1") == kMax);
  CHECK(apply(zc_dec_mul, kMin, "1") == kMin);
  CHECK(apply(zc_dec_mul, kMax, "-1") == "-170141183460469231731.687303715884105727");
  CHECK(apply(zc_dec_mul, kMin, "-1") == "arithmetic overflow");
  CHECK(apply(zc_dec_mul, kMax, "1.000000000000000001") == "arithmetic overflow");
  CHECK(apply(zc_dec_mul, kMax, kMax) == "arithmetic overflow");
  CHECK(apply(zc_dec_mul, kMin, kMin) == "arithmetic overflow");
  CHECK(apply(zc_dec_mul, "10000000000", "10000000000") == "100000000000000000000");
  CHECK(apply(zc_dec_mul, "100000000000", "10000000000") == "arithmetic overflow");
  CHECK(apply(zc_dec_mul, kMax, "0.5") == "85070591730234615865.843651857942052864");
}

TEST_CASE("decimal div rounds half away from zero and rejects zero", "[runtime][decimal]") {
  CHECK(apply(zc_dec_div, "1", "3") == "0.333333333333333333");
  CHECK(apply(zc_dec_div, "2", "3") == "0.666666666666666667");
  CHECK(apply(zc_dec_div, "-2", "3") == "-0.666666666666666667");
  CHECK(apply(zc_dec_div, "2", "-3") == "-0.666666666666666667");
  CHECK(apply(zc_dec_div, "1", "7") == "0.142857142857142857");
  CHECK(apply(zc_dec_div, "7", "100") == "0.07");
  CHECK(apply(zc_dec_div, "-1", "100000000000") == "-0.00000000001");
  CHECK(apply(zc_dec_div, "1", "0") == "division by zero");
  CHECK(apply(zc_dec_div, "0", "0") == "division by zero");
  CHECK(apply(zc_dec_div, "0", "5") == "0");
}

TEST_CASE("decimal div with divisors wider than 64 bits", "[runtime][decimal]") {
  CHECK(apply(zc_dec_div, "123456789012345678.9", "98765432109.87654321") ==
        "1249999.988609375000142383");
  CHECK(apply(zc_dec_div, kMin, "98765432109.87654321") ==
        "-1722679482.343449529517542529");
  CHECK(apply(zc_dec_div, "99999999999999999999.999999999999999999",
              "12345678901234567890.123456789012345678") == "8.100000072900000663");
  CHECK(apply(zc_dec_div, "100000000000000000000", "10000000000000000000") == "10");
  CHECK(apply(zc_dec_div, kMax, kMax) == "1");
  CHECK(apply(zc_dec_div, kMin, kMin) == "1");
}

TEST_CASE("decimal div overflow", "[runtime][decimal]") {
  CHECK(apply(zc_dec_div, kMin, "-1") == "arithmetic overflow");
  CHECK(apply(zc_dec_div, kMin, "1") == kMin);
  CHECK(apply(zc_dec_div, kMax, "0.5") == "arithmetic overflow");
  CHECK(apply(zc_dec_div, kMax, "2") == "85070591730234615865.843651857942052864");
  CHECK(apply(zc_dec_div, "1", kUlp) == "1000000000000000000");
  CHECK(apply(zc_dec_div, "1000", kUlp) == "arithmetic overflow");
}

TEST_CASE("decimal scale multiplies by an integer ratio exactly", "[runtime][decimal]") {
  CHECK(scale("1", 2000, 3) == "666.666666666666666667");
  CHECK(scale("12345.678901234567", 2000, 3) == "8230452.600823044666666667");
  CHECK(scale("-0.000000000000000001", 2000, 3) == "-0.000000000000000667");
  CHECK(scale("0.000000000000000002", 1, 4) == kUlp);
  CHECK(scale("0.000000000000000001", 1, 3) == "0");
  CHECK(scale("12.345", 10000, 1) == "123450");
  CHECK(scale("12.345", 10000, -1) == "-123450");
  CHECK(scale("12.345", -1, 10000) == "-0.0012345");
  // The product needs more than 128 bits before the division brings it back.
  CHECK(scale(kMax, 2, 2) == kMax);
  CHECK(scale(kMax, 2, 3) == "113427455640312821154.458202477256070485");
  CHECK(scale(kMax, 9999, 10000) == "170124169342123184808.514134985512517316");
  CHECK(scale(kMin, 1000000007, 1000000007) == kMin);
  CHECK(scale(kMax, 3, 2) == "arithmetic overflow");
  CHECK(scale(kMin, -1, 1) == "arithmetic overflow");
  CHECK(scale("1", 1, 0) == "division by zero");
}

TEST_CASE("decimal division needing Knuth's add-back step", "[runtime][decimal]") {
  // Found by simulating the 32-bit-digit long division: one quotient digit's
  // estimate survives the two-digit test yet is one too large. Random inputs
  // almost never get here (odds about 2 in 2^32 a digit).
  struct Case {
    zc_dec n, d, expected;
  };
  const Case cases[] = {
      {raw(0x7fffffff, 0xffffffff80000000), raw(1, 0xffffffffffffffff), 1073741824},
      {raw(0x7fffffff7fffffff, 0xfffffffeb2a85839), raw(0x80000000, 0x80000001fffffffe),
       4294967294},
      {raw(0x7fffffffffffffff, 0xc999f78afffffffe), raw(0x80000000, 0x8000000080000000),
       4294967295},
      {raw(0xffffffff, 0xffffffff00000000), raw(0x7fffffff, 0xffffffffffffffff), 2},
  };
  for (const Case& c : cases) {
    zc_dec out = 0;
    REQUIRE(zc_dec_scale(c.n, 1, c.d, &out) == ZC_OK);
    CHECK(str(out) == str(c.expected));
  }
}

TEST_CASE("decimal round to places, half away from zero", "[runtime][decimal]") {
  CHECK(round_to("12345.675", 2) == "12345.68");
  CHECK(round_to("-12345.675", 2) == "-12345.68");
  CHECK(round_to("-0.005", 2) == "-0.01");
  CHECK(round_to("0.004999", 2) == "0");
  CHECK(round_to("2.5", 0) == "3");
  CHECK(round_to("-2.5", 0) == "-3");
  CHECK(round_to("2.4999999999999999", 0) == "2");
  CHECK(round_to("0.123456789012345678", 18) == "0.123456789012345678");
  CHECK(round_to("0.123456789012345678", 17) == "0.12345678901234568");
  CHECK(round_to("0.123456789012345678", 40) == "0.123456789012345678");
  CHECK(round_to("12345.6", -2) == "12300");
  CHECK(round_to("12350", -2) == "12400");
  CHECK(round_to("49999999999999999999.9", -20) == "0");
  CHECK(round_to("-50000000000000000000", -20) == "-100000000000000000000");
  CHECK(round_to(kMax, -20) == "arithmetic overflow");
  CHECK(round_to(kMax, -21) == "0");
  CHECK(round_to(kMax, -2000) == "0");
  CHECK(round_to(kMax, 0) == "arithmetic overflow");
  CHECK(round_to(kMin, 0) == "arithmetic overflow");
  CHECK(round_to(kMax, 4) == "170141183460469231731.6873");
  CHECK(round_to(kMin, 4) == "-170141183460469231731.6873");
  // Rounding up past the last representable value.
  CHECK(round_to(kMax, 17) == "arithmetic overflow");
}

TEST_CASE("decimal from_int", "[runtime][decimal]") {
  zc_dec out = 0;
  REQUIRE(zc_dec_from_int(INT64_MAX, &out) == ZC_OK);
  CHECK(str(out) == "9223372036854775807");
  REQUIRE(zc_dec_from_int(INT64_MIN, &out) == ZC_OK);
  CHECK(str(out) == "-9223372036854775808");
  REQUIRE(zc_dec_from_int(-7, &out) == ZC_OK);
  CHECK(out == dec("-7.000"));
}

TEST_CASE("decimal parse accepts the documented forms", "[runtime][decimal]") {
  CHECK(str(dec("5.")) == "5");
  CHECK(str(dec(".5")) == "0.5");
  CHECK(str(dec("-.5")) == "-0.5");
  CHECK(str(dec("+3")) == "3");
  CHECK(str(dec("007.0100")) == "7.01");
  CHECK(str(dec("-0")) == "0");
  CHECK(str(dec("1.50000000000000000000")) == "1.5");
  CHECK(str(dec("1.5000000000000000000")) == "1.5");
  CHECK(str(dec(kMax)) == kMax);
  CHECK(str(dec(kMin)) == kMin);
  CHECK(str(dec("0.000000000000000001")) == kUlp);
}

TEST_CASE("decimal parse errors", "[runtime][decimal]") {
  zc_dec out = 0;
  CHECK(parse("0.1234567890123456789", &out) == ZC_ERR_PRECISION);
  CHECK(parse("1.0000000000000000001", &out) == ZC_ERR_PRECISION);
  CHECK(parse("1.000000000000000000000000005", &out) == ZC_ERR_PRECISION);
  CHECK(parse("170141183460469231731.687303715884105728", &out) == ZC_ERR_OVERFLOW);
  CHECK(parse("-170141183460469231731.687303715884105729", &out) == ZC_ERR_OVERFLOW);
  CHECK(parse("170141183460469231732", &out) == ZC_ERR_OVERFLOW);
  CHECK(parse("1" + std::string(50, '0'), &out) == ZC_ERR_OVERFLOW);
  // Syntax is judged first, then places, then range.
  CHECK(parse(std::string(50, '9') + "x", &out) == ZC_ERR_SYNTAX);
  CHECK(parse(std::string(50, '9') + ".0000000000000000001", &out) == ZC_ERR_PRECISION);
  for (const char* bad : {"", "+", "-", ".", "-.", "+.", "1e5", "1E5", " 1", "1 ", "1,000",
                          "abc", "1.2.3", "--1", "+-1", "0x10", "1_000", "١", "NaN", "inf"}) {
    INFO("text: " << bad);
    CHECK(parse(bad, &out) == ZC_ERR_SYNTAX);
  }
  CHECK(zc_dec_parse("12", 1, &out) == ZC_OK);  // only `length` bytes count
  CHECK(str(out) == "1");
  CHECK(zc_dec_parse("1\0" "2", 3, &out) == ZC_ERR_SYNTAX);
}

TEST_CASE("decimal format with fixed places", "[runtime][decimal]") {
  CHECK(str(dec("12345.675"), 2) == "12345.68");
  CHECK(str(dec("15000"), -1) == "15000");
  CHECK(str(dec("15000"), 2) == "15000.00");
  CHECK(str(dec("-3.5"), -1) == "-3.5");
  CHECK(str(dec("-3.5"), 0) == "-4");
  CHECK(str(dec("0"), 3) == "0.000");
  CHECK(str(dec("-0.005"), 2) == "-0.01");
  CHECK(str(dec("-0.004"), 2) == "0.00");
  CHECK(str(dec("0.004999"), 2) == "0.00");
  CHECK(str(dec("0.995"), 2) == "1.00");
  CHECK(str(dec("1.5"), 30) == "1.500000000000000000");
  CHECK(str(dec(kMax), 0) == "170141183460469231732");
  CHECK(str(dec(kMin), 0) == "-170141183460469231732");
  CHECK(str(dec(kMin), 18) == kMin);
  char buf[48];
  CHECK(zc_dec_format(dec(kMin), -1, buf) == 41);
}

namespace {

// A slow, obviously correct unsigned bignum: 32-bit limbs, schoolbook
// multiply and bit-at-a-time division.
using Big = std::vector<uint32_t>;

Big big(u128 v) {
  Big r;
  for (; v != 0; v >>= 32) r.push_back((uint32_t)v);
  return r;
}

void trim(Big& a) {
  while (!a.empty() && a.back() == 0) a.pop_back();
}

Big mul(const Big& a, const Big& b) {
  Big r(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); i++) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); j++) {
      uint64_t t = (uint64_t)a[i] * b[j] + r[i + j] + carry;
      r[i + j] = (uint32_t)t;
      carry = t >> 32;
    }
    r[i + b.size()] = (uint32_t)carry;
  }
  trim(r);
  return r;
}

int cmp(const Big& a, const Big& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

Big sub(const Big& a, const Big& b) {  // a >= b
  Big r = a;
  int64_t borrow = 0;
  for (size_t i = 0; i < r.size(); i++) {
    int64_t t = (int64_t)r[i] - (i < b.size() ? b[i] : 0) - borrow;
    borrow = t < 0;
    r[i] = (uint32_t)(t + (borrow << 32));
  }
  trim(r);
  return r;
}

void shift_in(Big& a, int bit) {
  uint32_t carry = (uint32_t)bit;
  for (uint32_t& limb : a) {
    uint32_t next = limb >> 31;
    limb = limb << 1 | carry;
    carry = next;
  }
  if (carry) a.push_back(carry);
}

void add_one(Big& a) {
  for (uint32_t& limb : a)
    if (++limb != 0) return;
  a.push_back(1);
}

// round(n / d), halves up; false if that does not fit 128 bits.
bool rounded_quotient(const Big& n, const Big& d, u128* out) {
  Big q, r;
  for (size_t i = n.size() * 32; i-- > 0;) {
    shift_in(r, (n[i / 32] >> (i % 32)) & 1);
    bool fits = cmp(r, d) >= 0;
    if (fits) r = sub(r, d);
    shift_in(q, fits);
  }
  if (cmp(r, sub(d, r)) >= 0) add_one(q);
  if (q.size() > 4) return false;
  u128 v = 0;
  for (size_t i = q.size(); i-- > 0;) v = v << 32 | q[i];
  *out = v;
  return true;
}

u128 magnitude(zc_dec a) {
  return a < 0 ? -(u128)a : (u128)a;
}

// What the runtime should answer for ±round(n / d), as text_of would say.
std::string expected(const Big& n, const Big& d, bool negative) {
  u128 q = 0;
  u128 limit = ((u128)1 << 127) - (negative ? 0 : 1);
  if (!rounded_quotient(n, d, &q) || q > limit) return "arithmetic overflow";
  if (q == 0) return "0";
  return str(negative ? -(zc_dec)(q - 1) - 1 : (zc_dec)q);
}

const u128 kScale = 1000000000000000000;

zc_dec random_dec(std::mt19937_64& rng) {
  switch (rng() % 12) {
    case 0: return 0;
    case 1: return dec(kMax);
    case 2: return dec(kMin);
    case 3: return (rng() & 1 ? 1 : -1) * (zc_dec)kScale;
    case 4: {
      // Short decimals such as 0.0005 or 250, where rounding ties are common.
      zc_dec small = (zc_dec)(rng() % 1000000) * (rng() & 1 ? 1 : -1);
      for (int i = (int)(rng() % 33); i > 0; i--) small *= 10;  // stays below 10^38
      return small;
    }
    default: break;
  }
  unsigned bits = rng() % 128;
  u128 mag = ((u128)rng() << 64 | rng()) & (((u128)1 << bits) - 1);
  return rng() & 1 ? -(zc_dec)mag : (zc_dec)mag;
}

// The exact decimal digits of |a|, at least 19 of them so a point fits
// before the last 18.
std::string digits_of(zc_dec a) {
  std::string out;
  for (u128 mag = magnitude(a); mag != 0; mag /= 10) out.insert(out.begin(), char('0' + mag % 10));
  if (out.size() < 19) out.insert(0, 19 - out.size(), '0');
  return out;
}

// Rounds the magnitude's digits to `places` and formats them: an
// implementation on strings, independent of the runtime's.
std::string reference_format(zc_dec a, int places) {
  std::string digits = digits_of(a);
  size_t keep = digits.size() - 18 + places;
  bool up = digits[keep] >= '5';
  digits.resize(keep);
  for (size_t i = keep; up && i-- > 0;) {
    up = digits[i] == '9';
    digits[i] = up ? '0' : char(digits[i] + 1);
  }
  if (up) digits.insert(digits.begin(), '1');
  std::string whole = digits.substr(0, digits.size() - places);
  std::string frac = digits.substr(digits.size() - places);
  bool zero = digits.find_first_not_of('0') == std::string::npos;
  return (a < 0 && !zero ? "-" : "") + whole + (places > 0 ? "." + frac : "");
}

}  // namespace

TEST_CASE("decimal mul, div and scale agree with a bignum reference", "[runtime][decimal]") {
  std::mt19937_64 rng(20240229);
  const Big scale_big = big(kScale);
  for (int i = 0; i < 100000; i++) {
    zc_dec a = random_dec(rng), b = random_dec(rng), c = random_dec(rng);
    INFO("a = " << str(a) << ", b = " << str(b) << ", c = " << str(c));
    zc_dec out = 0;
    zc_status status = zc_dec_mul(a, b, &out);
    CHECK(text_of(status, out) ==
          expected(mul(big(magnitude(a)), big(magnitude(b))), scale_big, (a < 0) != (b < 0)));
    status = zc_dec_div(a, b, &out);
    CHECK(text_of(status, out) ==
          (b == 0 ? "division by zero"
                  : expected(mul(big(magnitude(a)), scale_big), big(magnitude(b)),
                             (a < 0) != (b < 0))));
    status = zc_dec_scale(a, b, c, &out);
    CHECK(text_of(status, out) ==
          (c == 0 ? "division by zero"
                  : expected(mul(big(magnitude(a)), big(magnitude(b))), big(magnitude(c)),
                             ((a < 0) != (b < 0)) != (c < 0))));
  }
}

TEST_CASE("decimal format and parse round-trip", "[runtime][decimal]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 50000; i++) {
    zc_dec a = random_dec(rng);
    std::string exact = str(a);
    INFO("exact: " << exact);
    CHECK(dec(exact) == a);
    CHECK(str(a, ZC_DEC_PLACES) == reference_format(a, ZC_DEC_PLACES));
    int places = (int)(rng() % 19);
    INFO("places: " << places);
    CHECK(str(a, places) == reference_format(a, places));
    CHECK(dec(str(a, ZC_DEC_PLACES)) == a);
    zc_dec rounded = 0;
    if (zc_dec_round(a, places, &rounded) == ZC_OK) CHECK(str(rounded, places) == str(a, places));
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
  CHECK(std::string(zc_status_message(ZC_ERR_PRECISION)) ==
        "too many decimal places (at most 18)");
  CHECK(std::string(zc_status_message(ZC_ERR_SYNTAX)) == "not a number or date");
  CHECK(std::string(zc_status_message((zc_status)7)) == "unknown error");
}
