/* A clause's outcome slot: what its Clause step writes and other clauses
 * read, written once so every engine fills and reads it alike. */
#include "zc/runtime.h"

void zc_clause_reset(const zc_outcomes* outcomes, int32_t clause) {
  outcomes->fired[clause] = 0;
  outcomes->amounts[clause].num = 0;
  outcomes->amounts[clause].den = 1;
  outcomes->status[clause] = ZC_OK;
  outcomes->site[clause] = -1;
}

void zc_clause_pay(const zc_outcomes* outcomes, int32_t clause, const zc_dec* amount, int32_t amount_site,
                   int32_t pays) {
  int negative = amount->num < 0;
  outcomes->fired[clause] = !negative && pays != 0;
  outcomes->amounts[clause] = *amount;
  outcomes->status[clause] = negative ? ZC_ERR_NEGATIVE_AWARD : ZC_OK;
  outcomes->site[clause] = negative ? amount_site : -1;
}

void zc_clause_fail(const zc_outcomes* outcomes, int32_t clause, int32_t why, int32_t where) {
  zc_clause_reset(outcomes, clause);
  outcomes->status[clause] = why;
  outcomes->site[clause] = where;
}

zc_status zc_clause_amount(const zc_outcomes* outcomes, int32_t clause, zc_dec* out) {
  if (outcomes->status == NULL || outcomes->status[clause] != ZC_OK) return ZC_ERR_DEPENDENCY;
  if (outcomes->fired[clause]) {
    *out = outcomes->amounts[clause];
  } else {
    out->num = 0;
    out->den = 1;
  }
  return ZC_OK;
}
