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

/* An exact number: the rational num / den, always in lowest terms with
 * den > 0 and |num|, den < 2^127. Every decimal value of the language is one,
 * so 1/3 stays 1/3 until an award is rounded to the 分 (docs/decimals.md).
 * C++ gets den = 1 by default, so a value-initialized zc_dec is zero. */
#ifdef __cplusplus
#define ZC_DEC_DEFAULT_DEN = 1
#else
#define ZC_DEC_DEFAULT_DEN
#endif
typedef struct zc_dec {
  __int128 num;
  __int128 den ZC_DEC_DEFAULT_DEN;
} zc_dec;
/* Decimal places accepted in text, and shown by zc_dec_format. */
#define ZC_DEC_MAX_PLACES 38
#define ZC_DEC_SHOWN_PLACES 18
/* Room zc_dec_format needs: sign, 39 digits, point, 38 places, "…", NUL. */
#define ZC_DEC_FORMAT_SIZE 96

/* A date: days since 1970-01-01 in the proleptic Gregorian calendar. */
typedef int32_t zc_date;

typedef enum zc_status {
  ZC_OK = 0,
  ZC_ERR_OVERFLOW = 1,       /* a result outside the representable range */
  ZC_ERR_DIV_ZERO = 2,       /* division by zero */
  ZC_ERR_BAD_DATE = 3,       /* a date that does not exist (2023-02-30) */
  ZC_ERR_SYNTAX = 4,         /* text that is not a number or date */
  ZC_ERR_PRECISION = 5,      /* more decimal places than ZC_DEC_MAX_PLACES */
  ZC_ERR_NEGATIVE_AWARD = 6, /* an award below zero, which is never paid */
  ZC_ERR_RULE = 7,           /* another clause of its 就高 or 封顶 rule failed */
  ZC_ERR_NEGATIVE_CAP = 8,   /* a 封顶 limit below zero */
  ZC_ERR_DEPENDENCY = 9,     /* the clause whose award this one builds on failed */
  ZC_ERR_NO_VALUE = 10,      /* a dated parameter has no value in force on the date judged */
  ZC_ERR_NO_MEMORY = 11,     /* memory for a record's per-item results ran out */
  ZC_ERR_BAD_RECORD = 12     /* a batch's row holds a value its field refuses (a range, a 集合) */
} zc_status;

const char* zc_status_message(zc_status status);

/* Exact arithmetic. Every result is exact; one whose numerator or denominator
 * in lowest terms does not fit fails with ZC_ERR_OVERFLOW, as does an
 * addition whose cross products leave 127 bits. Operands are passed by
 * pointer so generated code can call these without C struct-passing rules;
 * *out may alias an operand and is left untouched when a function fails. */
zc_status zc_dec_add(const zc_dec* a, const zc_dec* b, zc_dec* out);
zc_status zc_dec_sub(const zc_dec* a, const zc_dec* b, zc_dec* out);
zc_status zc_dec_mul(const zc_dec* a, const zc_dec* b, zc_dec* out);
zc_status zc_dec_div(const zc_dec* a, const zc_dec* b, zc_dec* out);
zc_status zc_dec_neg(const zc_dec* a, zc_dec* out);
/* -1, 0 or 1 as a is below, equal to or above b; exact, never fails. */
int32_t zc_dec_compare(const zc_dec* a, const zc_dec* b);
/* Rounds half away from zero (四舍五入) to `places` decimal places. places
 * of 38 or more leave a unchanged; negative places round to tens, hundreds,
 * ... and below -38 everything rounds to zero. */
zc_status zc_dec_round(const zc_dec* a, int32_t places, zc_dec* out);
/* The same steps, rounding toward -∞ (向下取整), toward +∞ (向上取整) and
 * toward zero (截断). */
zc_status zc_dec_floor(const zc_dec* a, int32_t places, zc_dec* out);
zc_status zc_dec_ceil(const zc_dec* a, int32_t places, zc_dec* out);
zc_status zc_dec_trunc(const zc_dec* a, int32_t places, zc_dec* out);
zc_status zc_dec_from_int(int64_t value, zc_dec* out);
/* Builds num / den in lowest terms; den == 0 fails with ZC_ERR_DIV_ZERO. */
zc_status zc_dec_make(__int128 num, __int128 den, zc_dec* out);
/* Exact parse of decimal text: optional sign, digits, optional point and
 * digits. No exponent, no binary floating point ever. "5." and ".5" are
 * accepted; digits past the 38th place must be zeros (else
 * ZC_ERR_PRECISION). Malformed text is ZC_ERR_SYNTAX even if it is also too
 * long or too precise. */
zc_status zc_dec_parse(const char* text, size_t length, zc_dec* out);
/* Writes a NUL-terminated decimal into buf (ZC_DEC_FORMAT_SIZE bytes) and
 * returns its length. places < 0 prints the value exactly when it has at
 * most ZC_DEC_SHOWN_PLACES places ("15000", "0.05"), else rounded to that
 * many and followed by "…" (1/3 is "0.333333333333333333…"); otherwise
 * exactly `places` places (at most 38), rounding half away from zero
 * ("12345.68"). A value that rounds to zero prints without a minus sign. */
size_t zc_dec_format(const zc_dec* a, int32_t places, char* buf);

/* One record's outcome per clause, arrays indexed by clause (zc_batch_result
 * holds a row of them): what the steps write and the rules rewrite. A
 * run-time error fails only its clause: status says why and site where (an
 * instruction, -1 for none); such a clause has fired = 0. */
typedef struct zc_outcomes {
  uint8_t* fired;  /* 1 where the clause gives a result */
  zc_dec* amounts; /* the rounded award in 元, 0 where it pays none; the refused amount for ZC_ERR_NEGATIVE_AWARD */
  int32_t* status;
  int32_t* site;
} zc_outcomes;

/* A Clause step, written once for every engine (clause_outcome.c), writes
 * its slot with one call: empty where its conditions do not hold, paid
 * where they do, failed where evaluating them failed. */
void zc_clause_reset(const zc_outcomes* outcomes, int32_t clause);
/* An amount below zero is never paid: it fails the clause with
 * ZC_ERR_NEGATIVE_AWARD at amount_site, its slot keeping the amount for the
 * message. Otherwise the slot holds the amount, fired = pays. */
void zc_clause_pay(const zc_outcomes* outcomes, int32_t clause, const zc_dec* amount, int32_t amount_site,
                   int32_t pays);
void zc_clause_fail(const zc_outcomes* outcomes, int32_t clause, int32_t why, int32_t where);
/* 条款 "X": the award clause X's step left (0 if it did not fire); a clause
 * that failed, or has no outcomes yet, fails the reader with
 * ZC_ERR_DEPENDENCY. A copy, since a rule may still cut the slot. */
zc_status zc_clause_amount(const zc_outcomes* outcomes, int32_t clause, zc_dec* out);

/* Whether a policy applies to the record, as its Gate step decided
 * (gate.c). A gate whose conditions failed keeps the error, and every
 * clause that reads it fails with that error. */
typedef struct zc_gate {
  int32_t holds;
  int32_t status;
  int32_t site;
} zc_gate;

void zc_gate_decide(zc_gate* gates, int32_t gate, int32_t holds);
void zc_gate_fail(zc_gate* gates, int32_t gate, int32_t why, int32_t where);
/* The gate's decision in *holds; its error, if it failed, with its site. */
zc_status zc_gate_read(const zc_gate* gates, int32_t gate, int32_t* holds, int32_t* site);

/* The rules that tie clauses together (就高, 封顶), applied in place to one
 * record's outcomes. `members` lists the clauses the rule names. A member
 * that failed fails the rule: every other member that fired then fails with
 * ZC_ERR_RULE, since what it would pay cannot be known. */

/* Only the largest award of the members stays; the first listed wins a tie. */
void zc_apply_highest(const zc_outcomes* outcomes, const int32_t* members, int32_t count);
/* Whether a member fired: a 封顶 reads its limit only when there is
 * something to cut, so a limit that cannot be computed fails no clause that
 * pays nothing. */
int32_t zc_any_fired(const zc_outcomes* outcomes, const int32_t* members, int32_t count);
/* Cuts the members' total to `limit` (in 元, a whole number of 分): in the
 * order listed (pro_rata == 0), or each in proportion to its award, rounded
 * down to the 分 with the 分 left over given to the largest remainders (the
 * first listed on a tie), so the cut awards add up to the limit exactly. A
 * limit below zero fails every member with ZC_ERR_NEGATIVE_CAP at
 * limit_site. */
void zc_apply_cap(const zc_outcomes* outcomes, const int32_t* members, int32_t count, const zc_dec* limit,
                  int32_t limit_site, int32_t pro_rata);
/* Fails every member that fired (and is not already an error): what a rule
 * whose limit failed does. */
void zc_fail_rule(const zc_outcomes* outcomes, const int32_t* members, int32_t count, int32_t why, int32_t where);

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
void zc_dec_min(const zc_dec* a, const zc_dec* b, zc_dec* out);
void zc_dec_max(const zc_dec* a, const zc_dec* b, zc_dec* out);
int64_t zc_int_min(int64_t a, int64_t b);
int64_t zc_int_max(int64_t a, int64_t b);
zc_status zc_dec_abs(const zc_dec* a, zc_dec* out);
int64_t zc_date_year(zc_date date);
int64_t zc_date_month(zc_date date);
int64_t zc_date_day(zc_date date);
/* Days from `from` to `to`: negative when `to` comes first. */
int64_t zc_date_diff_days(zc_date from, zc_date to);
/* The date `months` months later (earlier when negative), on the same day
 * of the month or the month's last day if it has fewer: 2024-01-31 + 1 is
 * 2024-02-29. Outside years 1..9999 fails with ZC_ERR_BAD_DATE. */
zc_status zc_date_add_months(zc_date date, int64_t months, zc_date* out);
/* Whole months from `from` to `to`: the largest n with
 * add_months(from, n) <= to; negative, symmetrically, when `to` is first. */
int64_t zc_date_months_between(zc_date from, zc_date to);

/* What a dated parameter reads on a date before its first value: always
 * ZC_ERR_NO_VALUE (out is 0). A call, so every engine fails alike. */
zc_status zc_no_dated_value(const zc_dec* unused, zc_dec* out);

#ifdef __cplusplus
}

/* Lowest terms make equal values equal member by member. */
inline bool operator==(const zc_dec& a, const zc_dec& b) { return a.num == b.num && a.den == b.den; }
#endif

#endif
