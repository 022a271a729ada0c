/* 就高 and 封顶: the rules that tie clauses together, written once for every
 * engine. Awards reaching here are already rounded to the 分 and never
 * negative. */
#include <stdlib.h>

#include "clause_cut.h"
#include "zc/runtime.h"

static void clear(uint8_t* fired, zc_dec* amounts, int32_t clause) {
  fired[clause] = 0;
  amounts[clause].num = 0;
  amounts[clause].den = 1;
}

void zc_fail_rule(const zc_outcomes* outcomes, const int32_t* members, int32_t count, int32_t why, int32_t where) {
  uint8_t* fired = outcomes->fired;
  zc_dec* amounts = outcomes->amounts;
  int32_t* status = outcomes->status;
  int32_t* site = outcomes->site;
  for (int32_t i = 0; i < count; i++) {
    int32_t c = members[i];
    if (status[c] != ZC_OK || !fired[c]) continue;
    clear(fired, amounts, c);
    status[c] = why;
    site[c] = where;
  }
}

/* Whether a member failed; if so, the rule fails the others. */
static int failed(const zc_outcomes* outcomes, const int32_t* members, int32_t count) {
  for (int32_t i = 0; i < count; i++) {
    if (outcomes->status[members[i]] == ZC_OK) continue;
    zc_fail_rule(outcomes, members, count, ZC_ERR_RULE, -1);
    return 1;
  }
  return 0;
}

void zc_apply_highest(const zc_outcomes* outcomes, const int32_t* members, int32_t count) {
  if (failed(outcomes, members, count)) return;
  uint8_t* fired = outcomes->fired;
  zc_dec* amounts = outcomes->amounts;
  int32_t best = -1;
  for (int32_t i = 0; i < count; i++) {
    int32_t c = members[i];
    if (fired[c] && (best < 0 || zc_dec_compare(&amounts[c], &amounts[best]) > 0)) best = c;
  }
  for (int32_t i = 0; i < count; i++)
    if (members[i] != best) clear(fired, amounts, members[i]);
}

/* floor(x) for x >= 0, and what is left: x = whole + rest. */
static zc_status split(const zc_dec* x, __int128* whole, zc_dec* rest) {
  *whole = x->num / x->den;
  zc_dec w = {*whole, 1};
  return zc_dec_sub(x, &w, rest);
}

static void cut_in_order(uint8_t* fired, zc_dec* amounts, const int32_t* members, int32_t count, zc_dec remaining) {
  for (int32_t i = 0; i < count; i++) {
    int32_t c = members[i];
    if (!fired[c]) continue;
    if (zc_dec_compare(&amounts[c], &remaining) > 0) amounts[c] = remaining;
    zc_dec_sub(&remaining, &amounts[c], &remaining);
    if (amounts[c].num == 0) clear(fired, amounts, c);
  }
}

/* A member's share before the 分 left over are given out. */
typedef struct share {
  int32_t position; /* in members */
  __int128 floor;   /* whole 分 */
  zc_dec rest;      /* the fraction of a 分 it lost */
} share;

/* Larger remainders first; on a tie, the member listed first. */
static int by_remainder(const void* a, const void* b) {
  const share* x = a;
  const share* y = b;
  int order = zc_dec_compare(&y->rest, &x->rest);
  return order != 0 ? order : (x->position > y->position) - (x->position < y->position);
}

/* Shares in 分: limit × 100 × amount / total each, floored, then the 分
 * left over one each to the largest remainders. Each share is at most the
 * limit in 分; an intermediate that does not fit fails the rule, and
 * nothing is changed. Sorting, not a search per 分, so a cut over
 * thousands of list items stays fast. */
static zc_status cut_pro_rata(uint8_t* fired, zc_dec* amounts, const int32_t* members, int32_t count,
                              const zc_dec* total, const zc_dec* limit) {
  const zc_dec hundred = {100, 1};
  zc_dec cents, scale, part;
  __int128 given = 0;
  int32_t shared = 0;
  share* shares = malloc(sizeof(share) * (size_t)(count > 0 ? count : 1));
  if (shares == NULL) return ZC_ERR_NO_MEMORY;
  zc_status status = zc_dec_mul(limit, &hundred, &cents);
  if (status == ZC_OK) status = zc_dec_div(&cents, total, &scale);
  for (int32_t i = 0; i < count && status == ZC_OK; i++) {
    if (!fired[members[i]]) continue;
    share* s = &shares[shared++];
    s->position = i;
    status = zc_dec_mul(&amounts[members[i]], &scale, &part);
    if (status == ZC_OK) status = split(&part, &s->floor, &s->rest);
    given += s->floor;
  }
  if (status != ZC_OK) {
    free(shares);
    return status;
  }
  qsort(shares, (size_t)shared, sizeof(share), by_remainder);
  __int128 left = cents.num / cents.den - given;
  for (int32_t i = 0; i < shared && left > 0; i++, left--) shares[i].floor++;
  for (int32_t i = 0; i < shared; i++) {
    int32_t c = members[shares[i].position];
    zc_dec_make(shares[i].floor, 100, &amounts[c]);
    if (shares[i].floor == 0) clear(fired, amounts, c);
  }
  free(shares);
  return ZC_OK;
}

int32_t zc_any_fired(const zc_outcomes* outcomes, const int32_t* members, int32_t count) {
  for (int32_t i = 0; i < count; i++)
    if (outcomes->fired[members[i]]) return 1;
  return 0;
}

void zc_apply_cap(const zc_outcomes* outcomes, const int32_t* members, int32_t count, const zc_dec* limit,
                  int32_t limit_site, int32_t pro_rata) {
  if (failed(outcomes, members, count)) return;
  if (limit->num < 0) {
    zc_fail_rule(outcomes, members, count, ZC_ERR_NEGATIVE_CAP, limit_site);
    return;
  }
  uint8_t* fired = outcomes->fired;
  zc_dec* amounts = outcomes->amounts;
  zc_dec total = {0, 1};
  for (int32_t i = 0; i < count; i++)
    if (fired[members[i]] && zc_dec_add(&total, &amounts[members[i]], &total) != ZC_OK) {
      zc_fail_rule(outcomes, members, count, ZC_ERR_OVERFLOW, limit_site);
      return;
    }
  zc_status cut = zc_cut_members(fired, amounts, members, count, &total, limit, pro_rata);
  if (cut != ZC_OK) zc_fail_rule(outcomes, members, count, cut, limit_site);
}

zc_status zc_cut_members(uint8_t* fired, zc_dec* amounts, const int32_t* members, int32_t count, const zc_dec* total,
                         const zc_dec* limit, int32_t pro_rata) {
  if (zc_dec_compare(total, limit) <= 0) return ZC_OK;
  if (!pro_rata) {
    cut_in_order(fired, amounts, members, count, *limit);
    return ZC_OK;
  }
  return cut_pro_rata(fired, amounts, members, count, total, limit);
}
