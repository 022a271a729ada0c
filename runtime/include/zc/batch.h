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
 *   list of records: fields[sub][offsets[row] .. offsets[row + 1]] */
typedef struct zc_column {
  void* values;
  uint8_t* present;
  int64_t* offsets;
  void** fields;
} zc_column;

typedef struct zc_batch {
  int64_t rows;
  zc_column* columns;
} zc_batch;

/* What a compiled ruleset writes for each row and clause. */
typedef struct zc_batch_result {
  uint8_t* fired;         /* rows × clauses: 1 where the clause gives a result */
  zc_dec* amounts;        /* rows × clauses: the rounded award in 元 */
  int32_t* error_status;  /* rows: ZC_OK, or why the row failed */
  int32_t* error_site;    /* rows: the IR instruction that failed */
  int32_t* error_clause;  /* rows: the clause being evaluated, or -1 */
} zc_batch_result;

/* Parameters: params[i] points at the value of parameter i, typed as above. */
typedef void (*zc_batch_function)(const zc_batch* batch, const void* const* params, zc_batch_result* result);

/* Text equality, for compiled code. */
int32_t zc_text_equal(const char* a, int64_t a_length, const char* b, int64_t b_length);

#ifdef __cplusplus
}
#endif

#endif
