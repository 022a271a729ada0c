/* The C ABI of a ruleset compiled by `zc build`: one shared library a ruleset,
 * needing only the C and C++ standard libraries. See docs/embedding.md.
 *
 * Ownership: every string the library returns through a `char**` is the
 * caller's, freed with zhengce_free. Strings returned directly (const char*)
 * belong to the library and live as long as it stays loaded.
 *
 * Failures: every call that can fail returns a zhengce_status; no exception,
 * abort or exit crosses this interface, and a bad record is a status and a
 * result row, never a crash.
 *
 * Threads: there is no global state. An evaluator is used by one thread at a
 * time; make one evaluator per thread (they are independent and cheap). The
 * description functions may be called from any thread at any time. */
#ifndef ZHENGCE_H
#define ZHENGCE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Raised when a function's meaning or a struct's layout changes; a host checks
 * zhengce_abi_version() against the value it was written for. */
#define ZHENGCE_ABI_VERSION 3

typedef enum zhengce_status {
  ZHENGCE_OK = 0,
  ZHENGCE_CLAUSE_ERRORS = 1, /* evaluated; some clauses failed at run time ("errors" in the result) */
  ZHENGCE_BAD_RECORD = 2,    /* some record could not be read or evaluated: its row says why */
  ZHENGCE_BAD_PARAM = 3,     /* no such parameter, or a value it cannot take */
  ZHENGCE_BAD_ARGUMENT = 4,  /* a null pointer, or a batch without the columns of this ruleset */
  ZHENGCE_INTERNAL = 5       /* out of memory, or a bug: the message says which */
} zhengce_status;

/* Identity. */
int32_t zhengce_abi_version(void);
const char* zhengce_ruleset_name(void);
const char* zhengce_source_hash(void); /* SHA-256 of the ruleset's source files, hex */
const char* zhengce_zc_version(void);  /* the zc that compiled it */

/* Description, as one JSON object: name, source_hash, zc_version,
 * abi_version, clauses [{id, source, beneficiary, kind, policy, item_list}], beneficiaries,
 * fields [{name, type, unit, list, optional, required, default, …}],
 * params [{name, type, unit, default, …}]. */
const char* zhengce_description_json(void);

typedef struct zhengce_clause_info {
  const char* id;
  const char* source; /* the 原文 */
  const char* beneficiary;
} zhengce_clause_info;

typedef struct zhengce_value_info {
  const char* name;
  const char* type;         /* flag, int, count, dec, date, text, enum, record */
  const char* unit;         /* "" when it has none */
  const char* default_text; /* as an input would write it; "" for none */
} zhengce_value_info;

int64_t zhengce_clause_count(void);
int64_t zhengce_field_count(void);
int64_t zhengce_param_count(void);
/* Each returns ZHENGCE_BAD_ARGUMENT for an index out of range. */
zhengce_status zhengce_clause(int64_t index, zhengce_clause_info* out);
zhengce_status zhengce_field(int64_t index, zhengce_value_info* out);
zhengce_status zhengce_param(int64_t index, zhengce_value_info* out);

/* An evaluator: the ruleset's parameters and reusable buffers. */
typedef struct zhengce_evaluator zhengce_evaluator;

zhengce_status zhengce_evaluator_create(zhengce_evaluator** out, char** error);
/* Sets a parameter from its text, as `zc run --param NAME=VALUE` reads it. */
zhengce_status zhengce_evaluator_set_param(zhengce_evaluator* evaluator, const char* name, const char* value,
                                           char** error);
void zhengce_evaluator_destroy(zhengce_evaluator* evaluator);

/* One JSON record → its result, the line `zc run --format jsonl` writes for
 * it (without the newline): a result, or for a record that could not be read
 * or evaluated an object with "error" (and "line": 1). */
zhengce_status zhengce_evaluate_json(zhengce_evaluator* evaluator, const char* json, size_t length, char** result,
                                     size_t* result_length, char** error);

/* A buffer of JSON Lines → exactly the bytes `zc run --format jsonl` writes
 * for it: one line per non-blank input line, in order. ZHENGCE_BAD_RECORD
 * when some record or clause failed (as zc run's exit code 2). */
zhengce_status zhengce_evaluate_jsonl(zhengce_evaluator* evaluator, const char* data, size_t length, char** output,
                                      size_t* output_length, char** error);

/* The same for one block of a longer input read a block at a time: the
 * block holds whole lines, and `first_line` (from 1) is the number its first
 * line has in the whole input, so an error row names the line zc run would;
 * a byte order mark is dropped only before line 1. */
zhengce_status zhengce_evaluate_jsonl_at(zhengce_evaluator* evaluator, const char* data, size_t length,
                                         uint64_t first_line, char** output, size_t* output_length, char** error);

/* Files: a part of a JSON Lines file read, evaluated and written by the
 * library itself, so a host (Python, a Dask task) moves no record bytes. A
 * part is the lines that begin in bytes [start, end) of the file (a line
 * begins at byte 0 or after a LF; an end past the file is its end): parts
 * cut at any offsets, say a file's size / N apart, hold each line once, a
 * line that straddles a cut in the part where it begins. A file that cannot
 * be read or written: ZHENGCE_BAD_ARGUMENT, the message naming it. */

/* Where the part of the file at `path` lies, bytes [*begin, *finish), and how
 * many lines it holds (blank ones counted): the first line of a part is
 * numbered 1 + the lines of the parts before it. Needs no evaluator. */
zhengce_status zhengce_jsonl_file_part(const char* path, uint64_t start, uint64_t end, uint64_t* begin,
                                       uint64_t* finish, uint64_t* lines, char** error);

/* The part of the file at input_path → exactly the bytes `zc run --format
 * jsonl` writes for its lines, its first line numbered `first_line` in the
 * whole file (as zhengce_evaluate_jsonl_at), written to the file at
 * output_path (created, or emptied first; never the input), a few MiB at a
 * time; *results (if not NULL): the rows written. ZHENGCE_BAD_RECORD as
 * zhengce_evaluate_jsonl; after a failure the output may hold part of the
 * rows. */
zhengce_status zhengce_evaluate_jsonl_file(zhengce_evaluator* evaluator, const char* input_path, uint64_t start,
                                           uint64_t end, uint64_t first_line, const char* output_path,
                                           uint64_t* results, char** error);

/* Columnar batches (zc/batch.h, from zc's runtime/include): the compiled
 * function itself, with the evaluator's parameters. The result arrays hold
 * rows × zhengce_clause_count() entries each; a per-item clause's slot is
 * its items' total, and result->items (if not NULL) receives each item's
 * outcome, growing its array: empty it (count = 0) before each call, and
 * free the array with zhengce_free(items->outcomes) when done. A row whose
 * value its field refuses (outside a 集合 or a declared range) is refused
 * alone: its clauses fail with ZC_ERR_BAD_RECORD and its items are dropped,
 * and the call returns ZHENGCE_BAD_RECORD with `error` holding a line a
 * refused row ("row 0: field …", zc run's message for it). */
struct zc_batch;
struct zc_batch_result;
zhengce_status zhengce_evaluate_batch(zhengce_evaluator* evaluator, const struct zc_batch* batch,
                                      struct zc_batch_result* result, char** error);

/* 资金池: a fund the awards of some clauses share over a whole run
 * (docs/language.md). A ruleset with pools is run in three steps, which a
 * host may spread over machines (docs/embedding.md "A run with a 资金池"):
 *
 * 1. map: zhengce_pool_claims over each part of the input: the claims its
 *    records make, in input order.
 * 2. reduce: per pool, every part's claims on it concatenated in input order,
 *    settled once by zhengce_pool_settle with the pool's amount
 *    (zhengce_pool_amount).
 * 3. map: zhengce_evaluate_jsonl_settled over each part, given where its
 *    claims' shares begin in each pool's granted array: the bytes zc run
 *    writes for that part of the whole run.
 *
 * zhengce_evaluate_jsonl and zhengce_evaluate_json give the amounts before
 * the pools. Amounts here are whole 分 (元 × 100). A ruleset with a 排名 as
 * well: see "排名 and 资金池 together" below. */
typedef struct zhengce_pool_info {
  const char* name; /* "<policy> 资金池" */
  int32_t pro_rata; /* 1: 按比例; 0: 按顺序 */
  int32_t ordered;  /* 按顺序 by a field of the record (its value is each claim's key); 0: input order */
} zhengce_pool_info;

int64_t zhengce_pool_count(void);
zhengce_status zhengce_pool(int64_t index, zhengce_pool_info* out);
/* The pool's amount, with the evaluator's parameters (a pool may be a
 * parameter). ZHENGCE_BAD_PARAM when a parameter makes it negative or too large. */
zhengce_status zhengce_pool_amount(zhengce_evaluator* evaluator, int64_t pool, int64_t* cents, char** error);
/* Step 1: evaluates a buffer of JSON Lines and returns its claims, in input
 * order, as *count triples (pool, asked 分, order key) in *claims (free with
 * zhengce_free). A record that cannot be read claims nothing. */
zhengce_status zhengce_pool_claims(zhengce_evaluator* evaluator, const char* data, size_t length, int64_t** claims,
                                   size_t* count, char** error);
/* The same for one block of whole lines of a longer input, its first line
 * numbered `first_line` (as zhengce_evaluate_jsonl_at), so a block counts
 * the claims its lines make in the whole input. */
zhengce_status zhengce_pool_claims_at(zhengce_evaluator* evaluator, const char* data, size_t length,
                                      uint64_t first_line, int64_t** claims, size_t* count, char** error);
/* Step 2: the one settlement (zc_pool_settle, as zc run settles): the
 * asked amounts and keys (NULL for a pool paid in input order) of all the
 * run's claims on one pool, in input order → granted. granted may be asked.
 * Pro rata: floors, then the 分 left to the largest remainders, earlier
 * claims first on a tie; in order: smallest key first, ties in input order. */
zhengce_status zhengce_pool_settle(const int64_t* asked, const int64_t* keys, size_t count, int64_t pool,
                                   int32_t pro_rata, int64_t* granted);
/* Step 3: as zhengce_evaluate_jsonl, each claim paid its share: for each
 * pool p, granted[p] holds counts[p] shares, those of this buffer's claims on
 * p in order (as many as step 1 gave for this same buffer).
 * ZHENGCE_BAD_ARGUMENT, and no output, when the buffer's claims on a pool
 * are more than its shares. */
zhengce_status zhengce_evaluate_jsonl_settled(zhengce_evaluator* evaluator, const char* data, size_t length,
                                              const int64_t* const* granted, const size_t* counts, char** output,
                                              size_t* output_length, char** error);
/* The same for one block of whole lines of a longer input, its first line
 * numbered `first_line`; `used` (NULL, or an array of zhengce_pool_count()
 * entries) receives how many of each pool's shares the block's claims took,
 * so a host reading a part a block at a time gives the next block the rest. */
zhengce_status zhengce_evaluate_jsonl_settled_at(zhengce_evaluator* evaluator, const char* data, size_t length,
                                                 uint64_t first_line, const int64_t* const* granted,
                                                 const size_t* counts, size_t* used, char** output,
                                                 size_t* output_length, char** error);

/* 排名: the records of a whole run ordered by fields of theirs, each one's
 * place from 1 written into its rank field before it is evaluated
 * (docs/language.md). A ruleset with rankings is run in three steps, which a
 * host may spread over machines (docs/embedding.md "A run with a 排名"):
 *
 * 1. map: zhengce_rank_keys over each part of the input: every record's keys,
 *    zhengce_rank_key_size() bytes a record, in input order. The bytes are
 *    for this library's zhengce_rank_settle only.
 * 2. reduce: every part's keys concatenated in input order, ranked once by
 *    zhengce_rank_settle: places[i × zhengce_ranking_count() + r] is record
 *    i's place in ranking r (0: not ranked).
 * 3. map: zhengce_evaluate_jsonl_ranked over each part with its records'
 *    places (the slice of step 2's array that starts at its first record):
 *    the bytes zc run writes for that part of the whole run.
 *
 * zhengce_evaluate_jsonl and zhengce_evaluate_json read the rank a record
 * gives, and none where it gives none: the amounts before the ranking. A
 * ruleset with a 资金池 as well: see "排名 and 资金池 together" below. */
typedef struct zhengce_ranking_info {
  const char* name;    /* the rank field, 用电排名 */
  int32_t key_count;   /* the fields it orders by */
  int32_t ties_all_in; /* 1: 并列 全部入选 (tied records share the best place); 0: 均不入选 (the worst) */
} zhengce_ranking_info;

int64_t zhengce_ranking_count(void);
zhengce_status zhengce_ranking(int64_t index, zhengce_ranking_info* out);
/* The bytes of one record's keys in step 1's output. */
size_t zhengce_rank_key_size(void);
/* Step 1: the keys of a buffer of JSON Lines' records (one a non-blank line;
 * a record that cannot be read is ranked by none), *records of them, in
 * *keys (free with zhengce_free). */
zhengce_status zhengce_rank_keys(zhengce_evaluator* evaluator, const char* data, size_t length, unsigned char** keys,
                                 size_t* records, char** error);
/* The same for one block of whole lines of a longer input, its first line
 * numbered `first_line` (as zhengce_evaluate_jsonl_at). */
zhengce_status zhengce_rank_keys_at(zhengce_evaluator* evaluator, const char* data, size_t length, uint64_t first_line,
                                    unsigned char** keys, size_t* records, char** error);
/* Step 2: the one ranking (rt::rankKeys, as zc run ranks) of all the run's
 * `records` keys → places, records × zhengce_ranking_count() of them. */
zhengce_status zhengce_rank_settle(const unsigned char* keys, size_t records, int64_t* places);
/* Step 3: as zhengce_evaluate_jsonl, each record's places written into its
 * rank fields first: places holds `records` records' places, as many records
 * as the buffer's lines (ZHENGCE_BAD_ARGUMENT, and no output, otherwise). */
zhengce_status zhengce_evaluate_jsonl_ranked(zhengce_evaluator* evaluator, const char* data, size_t length,
                                             const int64_t* places, size_t records, char** output,
                                             size_t* output_length, char** error);
zhengce_status zhengce_evaluate_jsonl_ranked_at(zhengce_evaluator* evaluator, const char* data, size_t length,
                                                uint64_t first_line, const int64_t* places, size_t records,
                                                char** output, size_t* output_length, char** error);

/* 排名 and 资金池 together: a ruleset with both is run in five steps, the
 * ranking's first, as zc run runs it (each record ranked, then evaluated with
 * its places, its awards claiming the pools, the pools settled):
 *
 * 1. map: zhengce_rank_keys_at over each part.
 * 2. reduce: zhengce_rank_settle over every part's keys in input order.
 * 3. map: zhengce_pool_claims_ranked_at over each part with its records'
 *    places (the slice of step 2's array that starts at its first record,
 *    `records` of them, as many as its lines): the claims the records make
 *    once ranked.
 * 4. reduce: zhengce_pool_settle per pool, as for a ruleset without a 排名.
 * 5. map: zhengce_evaluate_jsonl_ranked_settled_at over each part with its
 *    places and its shares: the bytes zc run writes for that part of the
 *    whole run.
 *
 * Each is its namesake (zhengce_pool_claims_at, zhengce_evaluate_jsonl_settled_at)
 * with the places written into each record first; ZHENGCE_BAD_ARGUMENT, and no
 * output, when `records` is not the number of the buffer's lines. Places may
 * be NULL (records 0): the records as they are, the amounts before the ranking. */
zhengce_status zhengce_pool_claims_ranked_at(zhengce_evaluator* evaluator, const char* data, size_t length,
                                             uint64_t first_line, const int64_t* places, size_t records,
                                             int64_t** claims, size_t* count, char** error);
zhengce_status zhengce_evaluate_jsonl_ranked_settled_at(zhengce_evaluator* evaluator, const char* data, size_t length,
                                                        uint64_t first_line, const int64_t* places, size_t records,
                                                        const int64_t* const* granted, const size_t* counts,
                                                        size_t* used, char** output, size_t* output_length,
                                                        char** error);

/* Frees what the library handed over through a char** (NULL is fine). */
void zhengce_free(void* pointer);

#ifdef __cplusplus
}
#endif

#endif
