/* Per-item awards (逐项): each item's outcome appended for the caller, and
 * added into its clause's slot, which the rules over whole clauses read. */
#include <stdlib.h>

#include "clause_cut.h"
#include "zc/batch.h"

void zc_item_results_free(zc_item_results* items) {
  if (items == NULL) return;
  free(items->outcomes);
  items->outcomes = NULL;
  items->count = items->capacity = 0;
}

/* Fails the slot, keeping the first error among the clause's items. */
static void fail_slot(const zc_outcomes* outcomes, int32_t clause, int32_t why, int32_t where, const zc_dec* amount) {
  if (outcomes->status[clause] != ZC_OK) return;
  outcomes->fired[clause] = 0;
  outcomes->amounts[clause] = *amount;
  outcomes->status[clause] = why;
  outcomes->site[clause] = where;
}

void zc_items_begin(const zc_outcomes* outcomes, const int32_t* members, int32_t count) {
  for (int32_t i = 0; i < count; i++) zc_clause_reset(outcomes, members[i]);
}

static void record_one(zc_item_results* items, int64_t row, int64_t item, int32_t clause, const zc_outcomes* from,
                       const zc_outcomes* outcomes) {
  const zc_dec zero = {0, 1};
  if (items != NULL) {
    if (items->count == items->capacity) {
      int64_t capacity = items->capacity > 0 ? items->capacity * 2 : 64;
      zc_item_outcome* grown = realloc(items->outcomes, sizeof(zc_item_outcome) * (size_t)capacity);
      if (grown == NULL) {
        fail_slot(outcomes, clause, ZC_ERR_NO_MEMORY, -1, &zero);
        return;
      }
      items->outcomes = grown;
      items->capacity = capacity;
    }
    zc_item_outcome* out = &items->outcomes[items->count++];
    out->row = row;
    out->item = item;
    out->clause = clause;
    out->status = from->status[clause];
    out->site = from->site[clause];
    out->fired = from->fired[clause];
    out->amount = from->amounts[clause];
  }
  if (from->status[clause] != ZC_OK) {
    fail_slot(outcomes, clause, from->status[clause], from->site[clause], &from->amounts[clause]);
    return;
  }
  if (!from->fired[clause] || outcomes->status[clause] != ZC_OK) return;
  zc_dec sum;
  if (zc_dec_add(&outcomes->amounts[clause], &from->amounts[clause], &sum) != ZC_OK) {
    fail_slot(outcomes, clause, ZC_ERR_OVERFLOW, -1, &zero);
    return;
  }
  outcomes->amounts[clause] = sum;
  outcomes->fired[clause] = 1;
}

void zc_item_record(zc_item_results* items, int64_t row, int64_t item, const int32_t* members, int32_t count,
                    const zc_outcomes* item_outcomes, const zc_outcomes* outcomes) {
  for (int32_t i = 0; i < count; i++) record_one(items, row, item, members[i], item_outcomes, outcomes);
}

static void clear(zc_item_outcome* o) {
  o->fired = 0;
  o->amount.num = 0;
  o->amount.den = 1;
}

static void fail_items(zc_item_outcome* first, zc_item_outcome* end, int32_t clause, int32_t why, int32_t where) {
  for (zc_item_outcome* o = first; o < end; o++) {
    if (o->clause != clause || o->status != ZC_OK || !o->fired) continue;
    clear(o);
    o->status = why;
    o->site = where;
  }
}

/* Cuts the paid items to the slot's amount, through the arrays a 封顶 cuts. */
static zc_status cut_items(zc_item_outcome* first, zc_item_outcome* end, int32_t clause, const zc_dec* limit,
                           int32_t pro_rata) {
  int32_t count = 0;
  zc_dec total = {0, 1};
  for (zc_item_outcome* o = first; o < end; o++) {
    if (o->clause != clause || !o->fired) continue;
    count++;
    if (zc_dec_add(&total, &o->amount, &total) != ZC_OK) return ZC_ERR_OVERFLOW;
  }
  if (zc_dec_compare(&total, limit) <= 0) return ZC_OK;
  uint8_t* fired = malloc((size_t)count);
  zc_dec* amounts = malloc(sizeof(zc_dec) * (size_t)count);
  int32_t* members = malloc(sizeof(int32_t) * (size_t)count);
  zc_status status = fired && amounts && members ? ZC_OK : ZC_ERR_NO_MEMORY;
  int32_t n = 0;
  for (zc_item_outcome* o = first; o < end && status == ZC_OK; o++) {
    if (o->clause != clause || !o->fired) continue;
    fired[n] = 1;
    amounts[n] = o->amount;
    members[n] = n;
    n++;
  }
  if (status == ZC_OK) status = zc_cut_members(fired, amounts, members, count, &total, limit, pro_rata);
  n = 0;
  for (zc_item_outcome* o = first; o < end && status == ZC_OK; o++) {
    if (o->clause != clause || !o->fired) continue;
    o->fired = fired[n];
    o->amount = amounts[n];
    n++;
  }
  free(fired);
  free(amounts);
  free(members);
  return status;
}

void zc_settle_items(zc_item_results* items, int64_t row, int32_t clause, const zc_outcomes* outcomes,
                     int32_t pro_rata) {
  const int32_t* status = outcomes->status;
  const int32_t* site = outcomes->site;
  if (items == NULL || items->count == 0) return;
  zc_item_outcome* end = items->outcomes + items->count;
  zc_item_outcome* first = end;
  while (first > items->outcomes && first[-1].row == row) first--;
  if (status[clause] != ZC_OK) {
    /* The rule failed: no item pays. Where an item's own error failed the
     * clause, the others were failed by it; else the rule's error (a limit
     * below zero, at the limit) is each item's. */
    int items_failed = 0;
    for (zc_item_outcome* o = first; o < end; o++) items_failed |= o->clause == clause && o->status != ZC_OK;
    if (items_failed)
      fail_items(first, end, clause, ZC_ERR_RULE, status[clause] == ZC_ERR_RULE ? site[clause] : -1);
    else
      fail_items(first, end, clause, status[clause], site[clause]);
    return;
  }
  if (!outcomes->fired[clause]) {
    for (zc_item_outcome* o = first; o < end; o++)
      if (o->clause == clause) clear(o);
    return;
  }
  zc_status cut = cut_items(first, end, clause, &outcomes->amounts[clause], pro_rata);
  if (cut != ZC_OK) fail_items(first, end, clause, cut, -1);
}
