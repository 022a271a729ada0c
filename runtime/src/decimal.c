/* Exact rationals: zc_dec is num / den in lowest terms, den > 0. Work is done
 * on unsigned magnitudes plus a sign, so no signed overflow can happen; the
 * fast paths (whole numbers, equal denominators) skip every gcd. On failure
 * *out is left untouched. */
#include "wide.h"
#include "zc/runtime.h"

#define MAG_MAX ((((u128)1) << 127) - 1)

static u128 magnitude(__int128 v) { return v < 0 ? (u128)0 - (u128)v : (u128)v; }

static uint64_t gcd_narrow(uint64_t a, uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) {
      uint64_t t = a;
      a = b;
      b = t;
    }
    b -= a;
  } while (b != 0);
  return a << shift;
}

/* Euclid's steps until both fit 64 bits, then the binary algorithm. */
static u128 gcd_wide(u128 a, u128 b) {
  while ((a >> 64) != 0 || (b >> 64) != 0) {
    if (b == 0) return a;
    u128 t = a % b;
    a = b;
    b = t;
  }
  return gcd_narrow((uint64_t)a, (uint64_t)b);
}

/* Stores ±mag / den, which must already be in lowest terms. */
static zc_status store(u128 mag, bool negative, u128 den, zc_dec* out) {
  if (mag > MAG_MAX || den > MAG_MAX) return ZC_ERR_OVERFLOW;
  out->num = negative ? -(__int128)mag : (__int128)mag;
  out->den = mag == 0 ? 1 : (__int128)den;
  return ZC_OK;
}

static zc_status store_reduced(u128 mag, bool negative, u128 den, zc_dec* out) {
  if (mag == 0) return store(0, false, 1, out);
  if (den != 1) {
    u128 g = gcd_wide(mag, den);
    if (g != 1) {
      mag /= g;
      den /= g;
    }
  }
  return store(mag, negative, den, out);
}

/* a/b + c/d by Knuth's method (TAOCP 4.5.1): with g = gcd(b, d), only g can
 * share a factor with the cross sum, so the operands stay small. */
static zc_status sum(__int128 an, __int128 ad, __int128 bn, __int128 bd, zc_dec* out) {
  __int128 n;
  if (ad == bd) {
    if (__builtin_add_overflow(an, bn, &n)) return ZC_ERR_OVERFLOW;
    return store_reduced(magnitude(n), n < 0, (u128)ad, out);
  }
  u128 g = gcd_wide((u128)ad, (u128)bd);
  __int128 s = ad / (__int128)g, t = bd / (__int128)g, l, r, d;
  if (__builtin_mul_overflow(an, t, &l) || __builtin_mul_overflow(bn, s, &r) || __builtin_add_overflow(l, r, &n))
    return ZC_ERR_OVERFLOW;
  if (n == 0) return store(0, false, 1, out);
  u128 g2 = g == 1 ? 1 : gcd_wide(magnitude(n), g);
  if (__builtin_mul_overflow(s, bd / (__int128)g2, &d)) return ZC_ERR_OVERFLOW;
  return store(magnitude(n) / g2, n < 0, (u128)d, out);
}

zc_status zc_dec_add(const zc_dec* a, const zc_dec* b, zc_dec* out) { return sum(a->num, a->den, b->num, b->den, out); }

zc_status zc_dec_sub(const zc_dec* a, const zc_dec* b, zc_dec* out) {
  /* -num cannot overflow: |num| < 2^127. */
  return sum(a->num, a->den, -b->num, b->den, out);
}

zc_status zc_dec_neg(const zc_dec* a, zc_dec* out) {
  out->num = -a->num;
  out->den = a->den;
  return ZC_OK;
}

/* (an/ad) × (bn/bd) with the cross factors cancelled first, which leaves the
 * product of two fractions in lowest terms already in lowest terms. */
static zc_status product(u128 an, u128 ad, u128 bn, u128 bd, bool negative, zc_dec* out) {
  if (an == 0 || bn == 0) return store(0, false, 1, out);
  u128 g1 = bd == 1 ? 1 : gcd_wide(an, bd);
  u128 g2 = ad == 1 ? 1 : gcd_wide(bn, ad);
  if (g1 != 1) {
    an /= g1;
    bd /= g1;
  }
  if (g2 != 1) {
    bn /= g2;
    ad /= g2;
  }
  u128 num, den;
  if (__builtin_mul_overflow(an, bn, &num) || __builtin_mul_overflow(ad, bd, &den)) return ZC_ERR_OVERFLOW;
  return store(num, negative, den, out);
}

zc_status zc_dec_mul(const zc_dec* a, const zc_dec* b, zc_dec* out) {
  return product(magnitude(a->num), (u128)a->den, magnitude(b->num), (u128)b->den, (a->num < 0) != (b->num < 0), out);
}

zc_status zc_dec_div(const zc_dec* a, const zc_dec* b, zc_dec* out) {
  if (b->num == 0) return ZC_ERR_DIV_ZERO;
  return product(magnitude(a->num), (u128)a->den, (u128)b->den, magnitude(b->num), (a->num < 0) != (b->num < 0), out);
}

static int sign(__int128 v) { return (v > 0) - (v < 0); }

int32_t zc_dec_compare(const zc_dec* a, const zc_dec* b) {
  if (a->den == b->den) return (a->num > b->num) - (a->num < b->num);
  int sa = sign(a->num), sb = sign(b->num);
  if (sa != sb || sa == 0) return (sa > sb) - (sa < sb);
  /* Cross products of magnitudes in 256 bits: exact for every value. */
  int c = compare_wide(mul_wide(magnitude(a->num), (u128)b->den), mul_wide(magnitude(b->num), (u128)a->den));
  return sa < 0 ? -c : c;
}

/* Whether den divides 10^places (0 <= places <= 38): the value already has
 * at most that many places. */
static bool has_places(u128 den, int places) {
  if (den == 1) return true;
  if (places <= 19 && (den >> 64) == 0) return POW10[places] % (uint64_t)den == 0;
  return pow10_wide(places) % den == 0;
}

/* Which way a value between two steps goes. */
typedef enum { HALF_UP, FLOOR, CEILING, TRUNCATE } rounding;

/* Whether a magnitude with a nonzero remainder rem (of den) moves up a
 * step: half away from zero, or toward -∞, +∞ or zero by the sign. */
static bool steps_up(u128 rem, u128 den, bool negative, rounding mode) {
  switch (mode) {
    case HALF_UP:
      return rem >= den - rem;
    case FLOOR:
      return negative && rem != 0;
    case CEILING:
      return !negative && rem != 0;
    default:
      return false;
  }
}

/* round(mag × 10^places / den) in the given direction, for 0 <= places <=
 * 38; false when the quotient leaves 128 bits. */
static bool rounded_quotient(u128 mag, u128 den, int places, bool negative, rounding mode, u128* q) {
  u256 n = mul_wide(mag, pow10_wide(places));
  u128 rem = divrem(&n, den);
  if (n.w[2] != 0 || n.w[3] != 0) return false;
  *q = (u128)n.w[1] << 64 | n.w[0];
  if (steps_up(rem, den, negative, mode) && ++*q == 0) return false;
  return true;
}

static zc_status round_toward(const zc_dec* a, int32_t places, rounding mode, zc_dec* out) {
  if (places >= ZC_DEC_MAX_PLACES || (places >= 0 && has_places((u128)a->den, places))) {
    *out = *a;
    return ZC_OK;
  }
  u128 mag = magnitude(a->num), den = (u128)a->den, q;
  bool negative = a->num < 0;
  if (places >= 0) {
    if (!rounded_quotient(mag, den, places, negative, mode, &q)) return ZC_ERR_OVERFLOW;
    return store_reduced(q, negative, pow10_wide(places), out);
  }
  /* To tens, hundreds, ...: round(|a| / unit) × unit. A unit beyond 10^38,
   * or times den beyond 128 bits, exceeds |a|: it is a fraction of a step,
   * which only FLOOR or CEILING (by the sign) move to a whole step. */
  u128 unit = places < -ZC_DEC_MAX_PLACES ? 0 : pow10_wide(-places), wide_den;
  if (unit == 0 || __builtin_mul_overflow(den, unit, &wide_den)) {
    if (mag == 0 || !steps_up(mag, mag, negative, mode == HALF_UP ? TRUNCATE : mode)) return store(0, false, 1, out);
    return unit == 0 ? ZC_ERR_OVERFLOW : store(unit, negative, 1, out);
  }
  if (!rounded_quotient(mag, wide_den, 0, negative, mode, &q) || __builtin_mul_overflow(q, unit, &q))
    return ZC_ERR_OVERFLOW;
  return store(q, negative, 1, out);
}

zc_status zc_dec_round(const zc_dec* a, int32_t places, zc_dec* out) { return round_toward(a, places, HALF_UP, out); }

zc_status zc_dec_floor(const zc_dec* a, int32_t places, zc_dec* out) { return round_toward(a, places, FLOOR, out); }

zc_status zc_dec_ceil(const zc_dec* a, int32_t places, zc_dec* out) { return round_toward(a, places, CEILING, out); }

zc_status zc_dec_trunc(const zc_dec* a, int32_t places, zc_dec* out) { return round_toward(a, places, TRUNCATE, out); }

zc_status zc_dec_from_int(int64_t value, zc_dec* out) {
  out->num = value;
  out->den = 1;
  return ZC_OK;
}

zc_status zc_dec_make(__int128 num, __int128 den, zc_dec* out) {
  if (den == 0) return ZC_ERR_DIV_ZERO;
  return store_reduced(magnitude(num), (num < 0) != (den < 0), magnitude(den), out);
}
