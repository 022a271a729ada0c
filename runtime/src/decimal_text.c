/* Decimal text to and from exact rationals. A number is read from its own
 * digits and written from exact integer arithmetic: no binary floating point
 * on either side. */
#include "wide.h"
#include "zc/runtime.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static size_t skip_digits(const char* text, size_t i, size_t length) {
  while (i < length && is_digit(text[i])) i++;
  return i;
}

/* mag = mag * 10 + digit for each digit; false once 128 bits overflow. The
 * value only grows, so an overflow here means the final value overflows. */
static bool push_digits(u128* mag, const char* digits, size_t count) {
  for (size_t i = 0; i < count; i++) {
    if (__builtin_mul_overflow(*mag, 10, mag) || __builtin_add_overflow(*mag, (unsigned)(digits[i] - '0'), mag))
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
  if (i < length && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  size_t int_start = i, int_end = skip_digits(text, i, length);
  size_t frac_start = int_end, frac_end = int_end;
  if (int_end < length && text[int_end] == '.') {
    frac_start = int_end + 1;
    frac_end = skip_digits(text, frac_start, length);
  }
  if (frac_end != length || (int_end == int_start && frac_end == frac_start)) return ZC_ERR_SYNTAX;
  /* Trailing zeros do not change the value. */
  size_t places = frac_end - frac_start;
  while (places > 0 && text[frac_start + places - 1] == '0') places--;
  if (places > ZC_DEC_MAX_PLACES) return ZC_ERR_PRECISION;
  /* Nearly every number has at most 18 digits: the same steps in 64 bits,
   * without a 128-bit division (whole × den + frac < 10^18 cannot overflow). */
  if (int_end - int_start + places <= 18) {
    uint64_t small_whole = 0, small_frac = 0, small_den = 1;
    for (size_t k = int_start; k < int_end; k++) small_whole = small_whole * 10 + (uint64_t)(text[k] - '0');
    for (size_t k = 0; k < places; k++) {
      small_frac = small_frac * 10 + (uint64_t)(text[frac_start + k] - '0');
      small_den *= 10;
    }
    if (small_frac == 0) {
      small_den = 1;
    } else {
      int twos = __builtin_ctzll(small_frac) < (int)places ? __builtin_ctzll(small_frac) : (int)places;
      small_frac >>= twos;
      small_den >>= twos;
      while (small_den % 5 == 0 && small_frac % 5 == 0) {
        small_frac /= 5;
        small_den /= 5;
      }
    }
    uint64_t small = small_whole * small_den + small_frac;
    out->num = negative ? -(__int128)small : (__int128)small;
    out->den = small == 0 ? 1 : (__int128)small_den;
    return ZC_OK;
  }
  /* The fraction in lowest terms first (only twos and fives can cancel),
   * then the whole part: the value fits exactly when whole × den + frac does. */
  u128 frac = 0, den = pow10_wide((int)places), whole = 0;
  push_digits(&frac, text + frac_start, places); /* at most 38 digits: fits */
  if (frac == 0) {
    den = 1;
  } else {
    int twos = ctz_wide(frac) < (int)places ? ctz_wide(frac) : (int)places;
    frac >>= twos;
    den >>= twos;
    while (den % 5 == 0 && frac % 5 == 0) {
      frac /= 5;
      den /= 5;
    }
  }
  u128 mag;
  if (!push_digits(&whole, text + int_start, int_end - int_start) || __builtin_mul_overflow(whole, den, &mag) ||
      __builtin_add_overflow(mag, frac, &mag) || mag > ((u128)1 << 127) - 1)
    return ZC_ERR_OVERFLOW;
  out->num = negative ? -(__int128)mag : (__int128)mag;
  out->den = mag == 0 ? 1 : (__int128)den;
  return ZC_OK;
}

/* Writes exactly width digits of v (zero-padded; v < 10^width, width <= 19). */
static void write_padded(char* p, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; i--) {
    p[i] = (char)('0' + v % 10);
    v /= 10;
  }
}

/* Exactly width digits of v, for width up to 38. */
static void write_padded_wide(char* p, u128 v, int width) {
  if (width <= 19) {
    write_padded(p, (uint64_t)v, width);
    return;
  }
  write_padded(p, (uint64_t)(v / POW10[19]), width - 19);
  write_padded(p + width - 19, (uint64_t)(v % POW10[19]), 19);
}

static size_t write_u64(char* p, uint64_t v) {
  int width = 1;
  while (width < 20 && v >= POW10[width]) width++;
  write_padded(p, v, width);
  return (size_t)width;
}

/* Splitting at 10^19 keeps the digit loops in 64-bit arithmetic. The high
 * part may need two more splits: 2^128 has 39 digits. */
static size_t write_u128(char* p, u128 v) {
  if ((v >> 64) == 0) return write_u64(p, (uint64_t)v);
  size_t n = write_u128(p, v / POW10[19]);
  write_padded(p + n, (uint64_t)(v % POW10[19]), 19);
  return n + 19;
}

/* The places of den's decimal expansion, or -1 when it does not end. */
static int terminating_places(u128 den) {
  int twos = ctz_wide(den), fives = 0;
  den >>= twos;
  while (den % 5 == 0) {
    den /= 5;
    fives++;
  }
  if (den != 1) return -1;
  return twos > fives ? twos : fives;
}

size_t zc_dec_format(const zc_dec* a, int32_t places, char* buf) {
  u128 mag = a->num < 0 ? (u128)0 - (u128)a->num : (u128)a->num, den = (u128)a->den;
  int digits = places > ZC_DEC_MAX_PLACES ? ZC_DEC_MAX_PLACES : places;
  bool inexact = false;
  if (places < 0) {
    digits = den == 1 ? 0 : terminating_places(den);
    inexact = digits < 0 || digits > ZC_DEC_SHOWN_PLACES;
    if (inexact) digits = ZC_DEC_SHOWN_PLACES;
  }
  u128 whole, rem;
  if ((mag >> 64) == 0 && (den >> 64) == 0) {
    whole = (uint64_t)mag / (uint64_t)den;
    rem = (uint64_t)mag % (uint64_t)den;
  } else {
    whole = mag / den;
    rem = mag % den;
  }
  /* The fraction rounded half up to `digits` places; rem < den < 2^127 and
   * 10^38 < 2^127 keep the product inside 256 bits, the quotient below 10^38. */
  u128 frac = 0;
  if (rem != 0) {
    u256 n = mul_wide(rem, pow10_wide(digits));
    u128 r = divrem(&n, den);
    frac = (u128)n.w[1] << 64 | n.w[0];
    if (r >= den - r && ++frac == pow10_wide(digits)) {
      frac = 0;
      whole++;
    }
  }
  char* p = buf;
  if (a->num < 0 && (whole != 0 || frac != 0)) *p++ = '-';
  p += write_u128(p, whole);
  if (digits > 0) {
    *p++ = '.';
    write_padded_wide(p, frac, digits);
    p += digits;
  }
  if (inexact) {
    /* U+2026 HORIZONTAL ELLIPSIS: the digits shown are not all there is. */
    *p++ = (char)0xE2;
    *p++ = (char)0x80;
    *p++ = (char)0xA6;
  }
  *p = '\0';
  return (size_t)(p - buf);
}
