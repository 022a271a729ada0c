/* Unsigned 128- and 256-bit arithmetic for the exact rationals: products of
 * two 128-bit magnitudes and their division by a 128-bit divisor. Private to
 * the runtime; static inline so each C file that needs it (and the bitcode
 * built from it) has its own copy. */
#ifndef ZC_RUNTIME_WIDE_H
#define ZC_RUNTIME_WIDE_H

#include <stdbool.h>
#include <stdint.h>

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
/* 10^n for 0 <= n <= 38, all that fits in 128 bits. */
static inline u128 pow10_wide(int n) { return n < 20 ? POW10[n] : (u128)POW10[n - 19] * POW10[19]; }

/* Schoolbook product from four 64 × 64 → 128-bit multiplies. */
static inline u256 mul_wide(u128 a, u128 b) {
  uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
  uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
  u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1;
  u128 p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
  u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
  u128 high = (mid >> 64) + (p01 >> 64) + (p10 >> 64) + (uint64_t)p11;
  u256 r = {{(uint64_t)p00, (uint64_t)mid, (uint64_t)high, (uint64_t)(high >> 64) + (uint64_t)(p11 >> 64)}};
  return r;
}

/* n /= d for a one-limb divisor, returning the remainder; each step divides
 * a two-limb value whose high limb is below d, so quotients fit one limb. */
static inline u128 divrem_narrow(u256* n, uint64_t d) {
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
static inline uint32_t shift_digits(uint32_t* x, int len, int s) {
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
static inline uint32_t divide_step(uint32_t* u, const uint32_t* v, int k) {
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
static inline u128 divrem_wide(u256* n, u128 d) {
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
  u128 rem = (u128)((uint64_t)u[3] << 32 | u[2]) << 64 | ((uint64_t)u[1] << 32 | u[0]);
  return rem >> s;
}

static inline u128 divrem(u256* n, u128 d) { return d >> 64 == 0 ? divrem_narrow(n, (uint64_t)d) : divrem_wide(n, d); }

static inline int compare_wide(u256 a, u256 b) {
  for (int i = 3; i >= 0; i--)
    if (a.w[i] != b.w[i]) return a.w[i] < b.w[i] ? -1 : 1;
  return 0;
}

static inline int ctz_wide(u128 v) {
  uint64_t low = (uint64_t)v;
  return low != 0 ? __builtin_ctzll(low) : 64 + __builtin_ctzll((uint64_t)(v >> 64));
}

#endif
