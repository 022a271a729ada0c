/* Zhengce runtime: the C ABI that the interpreter, JIT code and compiled
 * rulesets all call. Every non-trivial operation on values lives here once,
 * so the back ends cannot disagree. */
#ifndef ZC_RUNTIME_H
#define ZC_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An exact decimal: the integer value × 10^-18 (fixed point, 18 places).
 * Range: about ±1.7 × 10^20; see docs/decimals.md. */
typedef __int128 zc_dec;
#define ZC_DEC_PLACES 18

/* A date: days since 1970-01-01 in the proleptic Gregorian calendar. */
typedef int32_t zc_date;

typedef enum zc_status {
  ZC_OK = 0,
  ZC_ERR_OVERFLOW = 1,      /* a result outside the representable range */
  ZC_ERR_DIV_ZERO = 2,      /* division by zero */
  ZC_ERR_BAD_DATE = 3,      /* a date that does not exist (2023-02-30) */
  ZC_ERR_SYNTAX = 4,        /* text that is not a number or date */
  ZC_ERR_PRECISION = 5      /* more decimal places than ZC_DEC_PLACES */
} zc_status;

const char* zc_status_message(zc_status status);

/* Decimal arithmetic. Results that do not fit fail with ZC_ERR_OVERFLOW;
 * multiply and divide round half away from zero at the 18th place. Every
 * function here leaves *out untouched when it fails. */
zc_status zc_dec_add(zc_dec a, zc_dec b, zc_dec* out);
zc_status zc_dec_sub(zc_dec a, zc_dec b, zc_dec* out);
zc_status zc_dec_mul(zc_dec a, zc_dec b, zc_dec* out);
zc_status zc_dec_div(zc_dec a, zc_dec b, zc_dec* out);
zc_status zc_dec_neg(zc_dec a, zc_dec* out);
/* a × num / den with integer num, den > 0 and an exact 256-bit intermediate:
 * the unit conversions the checker resolves (万元 → 元 is num = 10000).
 * num and den are plain integers, not scaled by 10^18; a negative den flips
 * the sign and den == 0 fails with ZC_ERR_DIV_ZERO. */
zc_status zc_dec_scale(zc_dec a, zc_dec num, zc_dec den, zc_dec* out);
/* Rounds half away from zero (四舍五入) to `places` decimal places, 0..18.
 * Larger places leave a unchanged; negative places round to tens, hundreds,
 * ... Rounding up past the largest value fails with ZC_ERR_OVERFLOW. */
zc_status zc_dec_round(zc_dec a, int32_t places, zc_dec* out);
zc_status zc_dec_from_int(int64_t value, zc_dec* out);
/* Exact parse of decimal text: optional sign, digits, optional point and
 * digits. No exponent, no binary floating point ever. "5." and ".5" are
 * accepted; digits past the 18th place must be zeros (else
 * ZC_ERR_PRECISION). Malformed text is ZC_ERR_SYNTAX even if it is also too
 * long or too precise. */
zc_status zc_dec_parse(const char* text, size_t length, zc_dec* out);
/* Writes a NUL-terminated decimal into buf (at least 48 bytes) and returns its
 * length. places < 0 prints the fewest places that show the value exactly
 * ("15000", "0.05"); otherwise exactly `places` places, rounding half away
 * from zero ("12345.68"); places > 18 print as 18. A value that rounds to
 * zero prints without a minus sign. */
size_t zc_dec_format(zc_dec a, int32_t places, char* buf);

/* Checked 64-bit integer arithmetic; *out is untouched on overflow. */
zc_status zc_int_add(int64_t a, int64_t b, int64_t* out);
zc_status zc_int_sub(int64_t a, int64_t b, int64_t* out);
zc_status zc_int_mul(int64_t a, int64_t b, int64_t* out);

/* Dates. Years 1..9999; make and parse fail with ZC_ERR_BAD_DATE outside
 * them or for a day the month does not have. zc_date_parts accepts any
 * zc_date. */
zc_status zc_date_make(int64_t year, int64_t month, int64_t day, zc_date* out);
void zc_date_parts(zc_date date, int32_t* year, int32_t* month, int32_t* day);
/* Parses YYYY-MM-DD exactly (ten ASCII characters): anything else is
 * ZC_ERR_SYNTAX, a well-formed day that does not exist ZC_ERR_BAD_DATE. */
zc_status zc_date_parse(const char* text, size_t length, zc_date* out);
/* Writes YYYY-MM-DD and a NUL into buf (at least 11 bytes); returns 10.
 * A date outside years 1..9999 prints as "0000-00-00". */
size_t zc_date_format(zc_date date, char* buf);

/* Text equality: 1 when the two byte strings are equal. */
int32_t zc_text_equal(const char* a, int64_t a_length, const char* b, int64_t b_length);

/* Behind the builtin calls of the language (最小, 年份, …): see zc/functions.def. */
zc_dec zc_dec_min(zc_dec a, zc_dec b);
zc_dec zc_dec_max(zc_dec a, zc_dec b);
int64_t zc_int_min(int64_t a, int64_t b);
int64_t zc_int_max(int64_t a, int64_t b);
zc_status zc_dec_abs(zc_dec a, zc_dec* out);
int64_t zc_date_year(zc_date date);
int64_t zc_date_month(zc_date date);
int64_t zc_date_day(zc_date date);
/* Days from `from` to `to`: negative when `to` comes first. */
int64_t zc_date_diff_days(zc_date from, zc_date to);

#ifdef __cplusplus
}
#endif

#endif
