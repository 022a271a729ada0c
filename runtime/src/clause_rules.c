/* 就高 and 封顶: the rules that tie clauses together, written once for every
 * engine. Awards reaching here are already rounded to the 分 and never
 * negative. */
#include "zc/runtime.h"

static void clear(uint8_t* fired, zc_dec* amounts, int32_t clause) {
  fired[clause] = 0;
  amounts[clause].num = 0;
  amounts[clause].den = 1;
}

void zc_fail_rule(uint8_t* fired, zc_dec* amounts, int32_t* status, int32_t* site, const int32_t* members,
                  int32_t count, int32_t why, int32_t where) {
  for (int32_t i = 0; i < count; i++) {
    int32_t c = members[i];
    if (status[c] != ZC_OK || !fired[c]) continue;
    clear(fired, amounts, c);
    status[c] = why;
    site[c] = where;
  }
}

/* Whether a member failed; if so, the rule fails the others. */
static int failed(uint8_t* fired, zc_dec* amounts, int32_t* status, int32_t* site, const int32_t* members, int32_t count) {
  for (int32_t i = 0; i < count; i++) {
    if (status[members[i]] == ZC_OK) continue;
    zc_fail_rule(fired, amounts, status, site, members, count, ZC_ERR_RULE, -1);
    return 1;
  }
  return 0;
}

void zc_apply_highest(uint8_t* fired, zc_dec* amounts, int32_t* status, int32_t* site, const int32_t* members,
                      int32_t count) {
  if (failed(fired, amounts, status, site, members, count)) return;
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

/* Shares in 分: limit × 100 × amount / total each, floored, then the 分
 * left over one each to the largest remainders. Each share is at most the
 * limit in 分; an intermediate that does not fit fails the rule, and
 * nothing is changed. */
static zc_status cut_pro_rata(uint8_t* fired, zc_dec* amounts, const int32_t* members, int32_t count,
                              const zc_dec* total, const zc_dec* limit) {
  const zc_dec hundred = {100, 1};
  zc_dec cents, scale, share, rest[count > 0 ? count : 1];
  __int128 floors[count > 0 ? count : 1], given = 0;
  zc_status status = zc_dec_mul(limit, &hundred, &cents);
  if (status == ZC_OK) status = zc_dec_div(&cents, total, &scale);
  for (int32_t i = 0; i < count && status == ZC_OK; i++) {
    int32_t c = members[i];
    floors[i] = -1;
    if (!fired[c]) continue;
    status = zc_dec_mul(&amounts[c], &scale, &share);
    if (status == ZC_OK) status = split(&share, &floors[i], &rest[i]);
    given += floors[i];
  }
  if (status != ZC_OK) return status;
  for (__int128 left = cents.num / cents.den - given; left > 0; left--) {
    int32_t best = -1;
    for (int32_t i = 0; i < count; i++)
      if (floors[i] >= 0 && rest[i].num >= 0 && (best < 0 || zc_dec_compare(&rest[i], &rest[best]) > 0)) best = i;
    if (best < 0) break;
    floors[best]++;
    rest[best].num = -1; /* one 分 each at most */
    rest[best].den = 1;
  }
  for (int32_t i = 0; i < count; i++) {
    int32_t c = members[i];
    if (floors[i] < 0) continue;
    zc_dec_make(floors[i], 100, &amounts[c]);
    if (floors[i] == 0) clear(fired, amounts, c);
  }
  return ZC_OK;
}

void zc_apply_cap(uint8_t* fired, zc_dec* amounts, int32_t* status, int32_t* site, const int32_t* members,
                  int32_t count, const zc_dec* limit, int32_t limit_site, int32_t pro_rata) {
  if (failed(fired, amounts, status, site, members, count)) return;
  if (limit->num < 0) {
    zc_fail_rule(fired, amounts, status, site, members, count, ZC_ERR_NEGATIVE_CAP, limit_site);
    return;
  }
  zc_dec total = {0, 1};
  for (int32_t i = 0; i < count; i++)
    if (fired[members[i]] && zc_dec_add(&total, &amounts[members[i]], &total) != ZC_OK) {
      zc_fail_rule(fired, amounts, status, site, members, count, ZC_ERR_OVERFLOW, limit_site);
      return;
    }
  if (zc_dec_compare(&total, limit) <= 0) return;
  if (!pro_rata) {
    cut_in_order(fired, amounts, members, count, *limit);
    return;
  }
  zc_status cut = cut_pro_rata(fired, amounts, members, count, &total, limit);
  if (cut != ZC_OK) zc_fail_rule(fired, amounts, status, site, members, count, cut, limit_site);
}
