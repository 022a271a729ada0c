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
 *   scalar field:  values[row]; present[row] for an optional field
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
typedef struct zc_batch_result {
  uint8_t* fired;    /* 1 where the clause gives a result */
  zc_dec* amounts;   /* the rounded award in 元, 0 where it pays none; the refused amount for ZC_ERR_NEGATIVE_AWARD */
  int32_t* status;   /* ZC_OK, or why the clause failed */
  int32_t* site;     /* where it failed, or -1 */
} zc_batch_result;

/* Parameters: params[i] points at the value of parameter i, typed as above. */
typedef void (*zc_batch_function)(const zc_batch* batch, const void* const* params, zc_batch_result* result);

/* What a compiled ruleset carries to turn its outcomes into results without
 * the compiler: its clauses in outcome order, its beneficiaries, and where
 * each site's run-time error is reported ("rules.zc:12:5"). */
typedef struct zc_clause_info {
  const char* id;
  const char* beneficiary;
  int32_t kind; /* 0 an award, 1 eligibility only (仅资格), 2 case by case (一事一议) */
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
