/* Fixed-point decimals: zc_dec holds value × 10^18. Every operation works on
 * unsigned magnitudes plus a sign, so the most negative value (whose
 * magnitude 2^127 has no positive zc_dec) needs no special case and no
 * signed overflow can happen. On failure *out is left untouched. */
#include "zc/runtime.h"

#include <stdbool.h>

typedef unsigned __int128 u128;

/* 256-bit unsigned integer, 64-bit limbs, least significant first: wide
 * enough for any product of two magnitudes. */
typedef struct {
  uint64_t w[4];
} u256;

static const uint64_t POW10[20] = {
    UINT64_C(1),
    UINT64_C(10),
    UINT64_C(100),
    UINT64_C(1000),
    UINT64_C(10000),
    UINT64_C(100000),
    UINT64_C(1000000),
    UINT64_C(10000000),
    UINT64_C(100000000),
    UINT64_C(1000000000),
    UINT64_C(10000000000),
    UINT64_C(100000000000),
    UINT64_C(1000000000000),
    UINT64_C(10000000000000),
    UINT64_C(100000000000000),
    UINT64_C(1000000000000000),
    UINT64_C(10000000000000000),
    UINT64_C(100000000000000000),
    UINT64_C(1000000000000000000),
    UINT64_C(10000000000000000000),
};
#define SCALE POW10[ZC_DEC_PLACES]

/* 10^n for 0 <= n <= 38, all that fits in 128 bits. */
static u128 pow10_wide(int n) {
  return n < 20 ? POW10[n] : (u128)POW10[n - 19] * POW10[19];
}

static u128 magnitude(zc_dec a) {
  return a < 0 ? (u128)0 - (u128)a : (u128)a;
}

/* The largest magnitude a result of the given sign may have. */
static u128 limit(bool negative) {
  return ((u128)1 << 127) - (negative ? 0 : 1);
}

static zc_status signed_result(u128 mag, bool negative, zc_dec* out) {
  if (mag > limit(negative)) return ZC_ERR_OVERFLOW;
  /* Negating via mag - 1 keeps 2^127 from passing through a signed type. */
  *out = negative && mag != 0 ? -(zc_dec)(mag - 1) - 1 : (zc_dec)mag;
  return ZC_OK;
}

/* Rounds mag to a multiple of unit, half away from zero (on magnitudes,
 * "away from zero" is simply "up"). Cannot wrap: mag <= 2^127, unit < 2^127. */
static u128 round_mag(u128 mag, u128 unit) {
  u128 rem = mag % unit;
  mag -= rem;
  return rem >= unit - rem ? mag + unit : mag;
}

/* Schoolbook product from four 64 × 64 → 128-bit multiplies. */
static u256 mul_wide(u128 a, u128 b) {
  uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
  uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
  u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1;
  u128 p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
  u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
  u128 high = (mid >> 64) + (p01 >> 64) + (p10 >> 64) + (uint64_t)p11;
  u256 r = {{(uint64_t)p00, (uint64_t)mid, (uint64_t)high,
             (uint64_t)(high >> 64) + (uint64_t)(p11 >> 64)}};
  return r;
}

/* n /= d for a one-limb divisor, returning the remainder; each step divides
 * a two-limb value whose high limb is below d, so quotients fit one limb. */
static u128 divrem_narrow(u256* n, uint64_t d) {
  u128 rem = 0;
  for (int i = 3; i >= 0; i--) {
    if (rem == 0 && n->w[i] == 0) continue; /* most high limbs are zero */
    u128 cur = rem << 64 | n->w[i];
    uint64_t q = (uint64_t)(cur / d);
    rem = cur - (u128)q * d;
    n->w[i] = q;
  }
  return rem;
}

/* x <<= s (0 <= s < 32) over len 32-bit digits; returns the digit shifted
 * out. Widening first keeps a shift by 32 - s from ever being needed. */
static uint32_t shift_digits(uint32_t* x, int len, int s) {
  uint32_t carry = 0;
  for (int i = 0; i < len; i++) {
    uint64_t t = (uint64_t)x[i] << s | carry;
    x[i] = (uint32_t)t;
    carry = (uint32_t)(t >> 32);
  }
  return carry;
}

/* One step of Knuth's algorithm D (TAOCP 4.3.1; the shape follows Hacker's
 * Delight divmnu): divides the k+1 digits at u by the k-digit normalized v,
 * leaves the remainder in u and returns the quotient digit. */
static uint32_t divide_step(uint32_t* u, const uint32_t* v, int k) {
  const uint64_t base = (uint64_t)1 << 32;
  uint64_t top = (uint64_t)u[k] << 32 | u[k - 1];
  uint64_t qhat = top / v[k - 1], rhat = top % v[k - 1];
  /* The estimate is at most two too large; the second digit of v catches
   * almost every case, the add-back below the rest. */
  while (qhat >= base || qhat * v[k - 2] > (rhat << 32 | u[k - 2])) {
    qhat--;
    rhat += v[k - 1];
    if (rhat >= base) break;
  }
  uint64_t carry = 0, borrow = 0;
  for (int i = 0; i < k; i++) {
    uint64_t p = qhat * v[i] + carry;
    carry = p >> 32;
    uint64_t t = (uint64_t)u[i] - (uint32_t)p - borrow;
    u[i] = (uint32_t)t;
    borrow = t >> 63;
  }
  uint64_t t = (uint64_t)u[k] - carry - borrow;
  u[k] = (uint32_t)t;
  if (t >> 63) {
    qhat--;
    uint64_t c = 0;
    for (int i = 0; i < k; i++) {
      uint64_t s = (uint64_t)u[i] + v[i] + c;
      u[i] = (uint32_t)s;
      c = s >> 32;
    }
    u[k] += (uint32_t)c;
  }
  return (uint32_t)qhat;
}

/* n /= d for d >= 2^64, returning the remainder. Long division in 32-bit
 * digits so every intermediate fits a uint64_t. */
static u128 divrem_wide(u256* n, u128 d) {
  uint32_t u[9], v[4], q[8] = {0};
  for (int i = 0; i < 8; i++) u[i] = (uint32_t)(n->w[i / 2] >> (i % 2 * 32));
  for (int i = 0; i < 4; i++) v[i] = (uint32_t)(d >> (i * 32));
  int k = v[3] != 0 ? 4 : 3;
  int s = __builtin_clz(v[k - 1]);
  shift_digits(v, k, s);
  u[8] = shift_digits(u, 8, s);
  for (int j = 8 - k; j >= 0; j--) q[j] = divide_step(u + j, v, k);
  for (int i = 0; i < 4; i++) n->w[i] = (uint64_t)q[2 * i + 1] << 32 | q[2 * i];
  /* The remainder is below d << s < 2^128, so it lies in u[0..3]. */
  u128 rem = (u128)((uint64_t)u[3] << 32 | u[2]) << 64 |
             ((uint64_t)u[1] << 32 | u[0]);
  return rem >> s;
}

static u128 divrem(u256* n, u128 d) {
  return d >> 64 == 0 ? divrem_narrow(n, (uint64_t)d) : divrem_wide(n, d);
}

/* Stores ±round(n / d), rounding half away from zero; d != 0. */
static zc_status quotient(u256 n, u128 d, bool negative, zc_dec* out) {
  u128 rem = divrem(&n, d);
  if (n.w[2] != 0 || n.w[3] != 0) return ZC_ERR_OVERFLOW;
  u128 q = (u128)n.w[1] << 64 | n.w[0];
  if (q > limit(negative)) return ZC_ERR_OVERFLOW;
  if (rem >= d - rem) q++;
  return signed_result(q, negative, out);
}

zc_status zc_dec_add(zc_dec a, zc_dec b, zc_dec* out) {
  zc_dec r;
  if (__builtin_add_overflow(a, b, &r)) return ZC_ERR_OVERFLOW;
  *out = r;
  return ZC_OK;
}

zc_status zc_dec_sub(zc_dec a, zc_dec b, zc_dec* out) {
  zc_dec r;
  if (__builtin_sub_overflow(a, b, &r)) return ZC_ERR_OVERFLOW;
  *out = r;
  return ZC_OK;
}

zc_status zc_dec_neg(zc_dec a, zc_dec* out) {
  return zc_dec_sub(0, a, out);
}

zc_status zc_dec_mul(zc_dec a, zc_dec b, zc_dec* out) {
  return quotient(mul_wide(magnitude(a), magnitude(b)), SCALE,
                  (a < 0) != (b < 0), out);
}

zc_status zc_dec_div(zc_dec a, zc_dec b, zc_dec* out) {
  if (b == 0) return ZC_ERR_DIV_ZERO;
  return quotient(mul_wide(magnitude(a), SCALE), magnitude(b),
                  (a < 0) != (b < 0), out);
}

/* num and den are plain integers, not scaled by 10^18. A negative den is
 * accepted and flips the sign, though the checker only emits den > 0. */
zc_status zc_dec_scale(zc_dec a, zc_dec num, zc_dec den, zc_dec* out) {
  if (den == 0) return ZC_ERR_DIV_ZERO;
  bool negative = ((a < 0) != (num < 0)) != (den < 0);
  return quotient(mul_wide(magnitude(a), magnitude(num)), magnitude(den),
                  negative, out);
}

/* places > 18 leaves a as it is (it is already exact); places < 0 rounds to
 * tens, hundreds, ... like a spreadsheet's ROUND. */
zc_status zc_dec_round(zc_dec a, int32_t places, zc_dec* out) {
  if (places >= ZC_DEC_PLACES) {
    *out = a;
    return ZC_OK;
  }
  /* Units beyond 10^38 exceed twice any magnitude, so everything rounds
   * to zero. */
  if (places < ZC_DEC_PLACES - 38) {
    *out = 0;
    return ZC_OK;
  }
  u128 unit = pow10_wide(ZC_DEC_PLACES - places);
  return signed_result(round_mag(magnitude(a), unit), a < 0, out);
}

zc_status zc_dec_from_int(int64_t value, zc_dec* out) {
  /* |value| < 2^63 and 10^18 < 2^60, so this always fits. */
  *out = (zc_dec)value * (zc_dec)SCALE;
  return ZC_OK;
}

static bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

static size_t skip_digits(const char* text, size_t i, size_t length) {
  while (i < length && is_digit(text[i])) i++;
  return i;
}

/* mag = mag * 10 + digit for each digit; false once 128 bits overflow. The
 * value only grows, so an overflow here means the final value overflows. */
static bool push_digits(u128* mag, const char* digits, size_t count) {
  for (size_t i = 0; i < count; i++) {
    if (__builtin_mul_overflow(*mag, 10, mag) ||
        __builtin_add_overflow(*mag, (unsigned)(digits[i] - '0'), mag))
      return false;
  }
  return true;
}

/* Accepts "5.", ".5", leading zeros and a leading '+'; rejects an empty
 * digit string, exponents, spaces and thousands separators. Syntax is checked
 * over the whole text before precision or range, so garbage is always
 * ZC_ERR_SYNTAX however long its digits run. */
zc_status zc_dec_parse(const char* text, size_t length, zc_dec* out) {
  size_t i = 0;
  bool negative = false;
  if (i < length && (text[i] == '+' || text[i] == '-'))
    negative = text[i++] == '-';
  size_t int_start = i, int_end = skip_digits(text, i, length);
  size_t frac_start = int_end, frac_end = int_end;
  if (int_end < length && text[int_end] == '.') {
    frac_start = int_end + 1;
    frac_end = skip_digits(text, frac_start, length);
  }
  if (frac_end != length || (int_end == int_start && frac_end == frac_start))
    return ZC_ERR_SYNTAX;
  size_t places = frac_end - frac_start;
  if (places > ZC_DEC_PLACES) {
    /* Trailing zeros past the 18th place do not change the value. */
    for (size_t j = frac_start + ZC_DEC_PLACES; j < frac_end; j++)
      if (text[j] != '0') return ZC_ERR_PRECISION;
    places = ZC_DEC_PLACES;
  }
  u128 mag = 0;
  if (!push_digits(&mag, text + int_start, int_end - int_start) ||
      !push_digits(&mag, text + frac_start, places) ||
      __builtin_mul_overflow(mag, POW10[ZC_DEC_PLACES - places], &mag))
    return ZC_ERR_OVERFLOW;
  return signed_result(mag, negative, out);
}

/* Writes exactly width digits of v (zero-padded; v < 10^width). */
static void write_padded(char* p, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; i--) {
    p[i] = (char)('0' + v % 10);
    v /= 10;
  }
}

static size_t write_u64(char* p, uint64_t v) {
  int width = 1;
  while (width < 20 && v >= POW10[width]) width++;
  write_padded(p, v, width);
  return (size_t)width;
}

/* Splitting at 10^19 keeps the digit loops in 64-bit arithmetic; the high
 * part is below 2^128 / 10^19 < 2^64. */
static size_t write_u128(char* p, u128 v) {
  uint64_t high = (uint64_t)(v / POW10[19]), low = (uint64_t)(v % POW10[19]);
  if (high == 0) return write_u64(p, low);
  size_t n = write_u64(p, high);
  write_padded(p + n, low, 19);
  return n + 19;
}

/* Longest output: '-', 21 integer digits, '.', 18 places and NUL = 42 bytes.
 * places > 18 prints 18, all the digits there are. A value that rounds to
 * zero prints without a sign ("0.00", not "-0.00"). */
size_t zc_dec_format(zc_dec a, int32_t places, char* buf) {
  u128 mag = magnitude(a);
  int digits = 0;
  uint64_t frac;
  if (places < 0) {
    frac = (uint64_t)(mag % SCALE);
    if (frac != 0) digits = ZC_DEC_PLACES;
    while (frac != 0 && frac % 10 == 0) {
      frac /= 10;
      digits--;
    }
  } else {
    digits = places < ZC_DEC_PLACES ? places : ZC_DEC_PLACES;
    uint64_t unit = POW10[ZC_DEC_PLACES - digits];
    /* No overflow check: mag + unit fits u128 even for the extremes, and
     * the text has room for the extra digit. */
    mag = round_mag(mag, unit);
    frac = (uint64_t)(mag % SCALE) / unit;
  }
  char* p = buf;
  if (mag != 0 && a < 0) *p++ = '-';
  p += write_u128(p, mag / SCALE);
  if (digits > 0) {
    *p++ = '.';
    write_padded(p, frac, digits);
    p += digits;
  }
  *p = '\0';
  return (size_t)(p - buf);
}
