/* Columnar batches: the layout compiled rulesets evaluate. One column per
 * record field, struct of arrays; lists are flat (offsets + values), so the
 * evaluation loop allocates nothing per row. The JIT and compiled libraries
 * read this layout through this C ABI. */
#ifndef ZC_BATCH_H
#define ZC_BATCH_H

#include <stdint.h>

#include "zc/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A text value; not NUL-terminated. */
typedef struct zc_text {
  const char* data;
  int64_t length;
} zc_text;

/* One field's values for all rows of a batch. Scalars by machine type:
 * flags, integers, counts, dates and enum indices as int64_t; decimals as
 * zc_dec; texts as zc_text.
 *   every field:   present[row] for an optional field (a list too: 列表<…>?)
 *   scalar field:  values[row]
 *   list field:    values[offsets[row] .. offsets[row + 1]]
 *   list of records: fields[sub][offsets[row] .. offsets[row + 1]], and
 *                    field_present[sub][…] whether an optional sub-field is there */
typedef struct zc_column {
  void* values;
  uint8_t* present;
  int64_t* offsets;
  void** fields;
  uint8_t** field_present;
} zc_column;

typedef struct zc_batch {
  int64_t rows;
  zc_column* columns;
} zc_batch;

/* What a compiled ruleset writes for each row and clause, rows × clauses
 * each, at row * clause_count + clause. A run-time error fails only its
 * clause: status says why and site where (an index into the table's
 * locations); such a clause has fired = 0. */
/* A clause that pays per item of a list (逐项) gives one outcome per item,
 * appended in row order. Its slot in the row's arrays then holds the total
 * of its items: fired if any item fired, the sum of their amounts, and the
 * first error among them. */
typedef struct zc_item_outcome {
  int64_t row;  /* the record's row in its batch */
  int64_t item; /* the item's position in its list, from 0 */
  int32_t clause;
  int32_t status; /* ZC_OK, or why this item failed */
  int32_t site;   /* where it failed, or -1 */
  uint8_t fired;
  zc_dec amount; /* in 元; 0 where it pays none */
} zc_item_outcome;

/* Grown by the evaluation with realloc; the caller empties it (count = 0)
 * between batches and frees it with zc_item_results_free. */
typedef struct zc_item_results {
  zc_item_outcome* outcomes;
  int64_t count;
  int64_t capacity;
} zc_item_results;

typedef struct zc_batch_result {
  uint8_t* fired;  /* 1 where the clause gives a result */
  zc_dec* amounts; /* the rounded award in 元, 0 where it pays none; the refused amount for ZC_ERR_NEGATIVE_AWARD */
  int32_t* status; /* ZC_OK, or why the clause failed */
  int32_t* site;   /* where it failed, or -1 */
  zc_item_results* items; /* per-item outcomes; NULL: per-item clauses give only their totals */
} zc_batch_result;

void zc_item_results_free(zc_item_results* items);

/* An Items step begins: the slots of its clauses start empty, to add
 * their items into. */
void zc_items_begin(const zc_outcomes* outcomes, const int32_t* members, int32_t count);

/* One item decided for each of an Items step's clauses: appends the
 * outcome the item's outcomes hold for each member, and adds it into the
 * member's slot of the record's outcomes. No memory for it fails the slot
 * with ZC_ERR_NO_MEMORY. `items` may be NULL. */
void zc_item_record(zc_item_results* items, int64_t row, int64_t item, const int32_t* members, int32_t count,
                    const zc_outcomes* item_outcomes, const zc_outcomes* outcomes);

/* Right after a rule over whole clauses that names `clause`: makes the
 * row's items of it agree with what the rule left in its slot. A slot set
 * aside leaves no item paid; a slot cut leaves its items cut to it, in list
 * order or pro rata (as that rule cuts: zc_apply_cap); a slot that failed
 * fails every item that would have paid with ZC_ERR_RULE. A rule that
 * changed nothing leaves the items as they were. */
void zc_settle_items(zc_item_results* items, int64_t row, int32_t clause, const zc_outcomes* outcomes,
                     int32_t pro_rata);

/* Parameters: params[i] points at the value of parameter i, typed as above. */
typedef void (*zc_batch_function)(const zc_batch* batch, const void* const* params, zc_batch_result* result);

/* What a compiled ruleset carries to turn its outcomes into results without
 * the compiler: its clauses in outcome order, its beneficiaries, and where
 * each site's run-time error is reported ("rules.zc:12:5"). */
typedef struct zc_clause_info {
  const char* id;
  const char* beneficiary;
  int32_t kind;      /* 0 an award, 1 eligibility only (仅资格), 2 case by case (一事一议) */
  int32_t item_list; /* a per-item clause: the list field it walks; else -1 */
  int32_t item_key;  /* the field of the list's records that names an item (its 键), or -1: its position names it */
  int32_t item_key_is_text; /* that 键 is a 文本 (else an 整数) */
  const char* payer;        /* 出资方: whose money pays its awards; "" when it names none */
} zc_clause_info;

typedef struct zc_beneficiary_info {
  const char* name;
  const char* total_key; /* "total_enterprise" */
} zc_beneficiary_info;

typedef struct zc_ruleset_table {
  int64_t clause_count;
  const zc_clause_info* clauses;
  int64_t beneficiary_count;
  const zc_beneficiary_info* beneficiaries;
  int64_t location_count;
  const char* const* locations;
} zc_ruleset_table;

#define ZC_BATCH_FUNCTION_SYMBOL "zc_eval_batch"
#define ZC_RULESET_TABLE_SYMBOL "zc_ruleset_table"

#ifdef __cplusplus
}
#endif

#endif
