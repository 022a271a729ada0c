/* A library made by `zc build`, run over a file of JSON Lines in parts, as a
 * host that partitions its input calls it (a Dask worker, a stream read a
 * block at a time), through the C ABI's _at functions alone — in C, so the
 * header is proved from C as well:
 *
 *   library_parts LIBRARY INPUT PARTS
 *
 * The input is cut into PARTS parts of whole lines (0: one part a line).
 * Without a 资金池 or a 排名, each part goes through zhengce_evaluate_jsonl_at.
 * With rankings, first zhengce_rank_keys_at per part and one
 * zhengce_rank_settle over every part's keys: each part's records' places.
 * With pools, the steps of docs/embedding.md: zhengce_pool_claims_at (with
 * rankings, zhengce_pool_claims_ranked_at given the part's places) per part,
 * one zhengce_pool_settle per pool over every part's claims in input order,
 * then zhengce_evaluate_jsonl_settled_at (zhengce_evaluate_jsonl_ranked_settled_at)
 * per part given its shares (and `used` checked to be all of them); with
 * rankings alone, zhengce_evaluate_jsonl_ranked_at. The parts' outputs are written in
 * order to stdout: they must be the bytes `zc run --format jsonl` writes for
 * the whole input, and the exit code its: 0, or 2 when some record or
 * clause failed. 3 when the library fails, which zc run never matches. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zc/zhengce.h"

static void* library;

static void* symbol(const char* name) {
  void* found = dlsym(library, name);
  if (found == NULL) {
    fprintf(stderr, "library_parts: the library does not export %s\n", name);
    exit(3);
  }
  return found;
}

#define CALL(name) ((__typeof__(&name))symbol(#name))

static int failure(const char* what, char* error) {
  fprintf(stderr, "library_parts: %s: %s\n", what, error ? error : "");
  CALL(zhengce_free)(error);
  return 3;
}

static char* readAll(const char* path, size_t* length) {
  FILE* in = fopen(path, "rb");
  if (in == NULL) return NULL;
  size_t capacity = 1 << 16, used = 0;
  char* data = malloc(capacity);
  size_t n;
  while ((n = fread(data + used, 1, capacity - used, in)) > 0) {
    used += n;
    if (used == capacity) data = realloc(data, capacity *= 2);
  }
  fclose(in);
  *length = used;
  return data;
}

/* A part: bytes [begin, end) of the input, its first line numbered first_line. */
typedef struct {
  size_t begin, end;
  uint64_t first_line;
} Part;

/* The input cut into `wanted` parts of about equal size at line ends (0: one a line). */
static size_t cut(const char* data, size_t length, size_t wanted, Part* parts) {
  size_t lines = 0;
  for (size_t i = 0; i < length; ++i) lines += data[i] == '\n';
  if (length > 0 && data[length - 1] != '\n') ++lines;
  size_t per = wanted == 0 ? 1 : (lines + wanted - 1) / wanted;
  if (per == 0) per = 1;
  size_t count = 0, at = 0;
  uint64_t line = 1;
  while (at < length) {
    size_t end = at, taken = 0;
    while (end < length && taken < per) {
      while (end < length && data[end] != '\n') ++end;
      if (end < length) ++end;
      ++taken;
    }
    parts[count++] = (Part){at, end, line};
    line += taken;
    at = end;
  }
  return count;
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: library_parts LIBRARY INPUT PARTS\n");
    return 3;
  }
  library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    fprintf(stderr, "library_parts: %s\n", dlerror());
    return 3;
  }
  if (CALL(zhengce_abi_version)() != ZHENGCE_ABI_VERSION) {
    fprintf(stderr, "library_parts: the library implements another ABI\n");
    return 3;
  }
  size_t length = 0;
  char* data = readAll(argv[2], &length);
  if (data == NULL) {
    fprintf(stderr, "library_parts: cannot read %s\n", argv[2]);
    return 3;
  }
  Part* parts = malloc((length + 1) * sizeof(Part));
  size_t partCount = cut(data, length, strtoul(argv[3], NULL, 10), parts);

  zhengce_evaluator* evaluator = NULL;
  char* error = NULL;
  if (CALL(zhengce_evaluator_create)(&evaluator, &error) != ZHENGCE_OK)
    return failure("zhengce_evaluator_create", error);
  int64_t pools = CALL(zhengce_pool_count)();
  int64_t rankings = CALL(zhengce_ranking_count)();
  int failed = 0;

  /* With rankings: each part's keys, ranked once over all of them in input order. */
  size_t* records = calloc(partCount + 1, sizeof(size_t));
  size_t* firstRecord = calloc(partCount + 1, sizeof(size_t));
  int64_t* places = NULL;
  if (rankings > 0) {
    size_t keySize = CALL(zhengce_rank_key_size)(), total = 0;
    unsigned char** keys = calloc(partCount + 1, sizeof(unsigned char*));
    for (size_t k = 0; k < partCount; ++k) {
      if (CALL(zhengce_rank_keys_at)(evaluator, data + parts[k].begin, parts[k].end - parts[k].begin,
                                     parts[k].first_line, &keys[k], &records[k], &error) != ZHENGCE_OK)
        return failure("zhengce_rank_keys_at", error);
      firstRecord[k] = total;
      total += records[k];
    }
    unsigned char* all = malloc(total * keySize + 1);
    for (size_t k = 0; k < partCount; ++k) {
      memcpy(all + firstRecord[k] * keySize, keys[k], records[k] * keySize);
      CALL(zhengce_free)(keys[k]);
    }
    places = malloc((total * (size_t)rankings + 1) * sizeof(int64_t));
    if (CALL(zhengce_rank_settle)(all, total, places) != ZHENGCE_OK) return failure("zhengce_rank_settle", NULL);
    free(all);
    free(keys);
  }

  /* Step 1 (with pools): each part's claims, in input order. */
  int64_t** claims = calloc(partCount + 1, sizeof(int64_t*));
  size_t* claimCounts = calloc(partCount + 1, sizeof(size_t));
  for (size_t k = 0; pools > 0 && k < partCount; ++k) {
    const char* block = data + parts[k].begin;
    size_t blockLength = parts[k].end - parts[k].begin;
    zhengce_status status =
        rankings > 0 ? CALL(zhengce_pool_claims_ranked_at)(evaluator, block, blockLength, parts[k].first_line,
                                                           places + firstRecord[k] * rankings, records[k], &claims[k],
                                                           &claimCounts[k], &error)
                     : CALL(zhengce_pool_claims_at)(evaluator, block, blockLength, parts[k].first_line, &claims[k],
                                                    &claimCounts[k], &error);
    if (status != ZHENGCE_OK) return failure("zhengce_pool_claims_at", error);
  }

  /* Step 2: per pool, every part's claims concatenated and settled once. */
  int64_t** granted = calloc((size_t)pools + 1, sizeof(int64_t*));
  for (int64_t p = 0; p < pools; ++p) {
    zhengce_pool_info info;
    int64_t cents = 0;
    if (CALL(zhengce_pool)(p, &info) != ZHENGCE_OK) return failure("zhengce_pool", NULL);
    if (CALL(zhengce_pool_amount)(evaluator, p, &cents, &error) != ZHENGCE_OK)
      return failure("zhengce_pool_amount", error);
    size_t total = 0;
    for (size_t k = 0; k < partCount; ++k) total += claimCounts[k];
    int64_t* asked = malloc((total + 1) * sizeof(int64_t));
    int64_t* keys = malloc((total + 1) * sizeof(int64_t));
    size_t n = 0;
    for (size_t k = 0; k < partCount; ++k)
      for (size_t c = 0; c < claimCounts[k]; ++c)
        if (claims[k][3 * c] == p) {
          asked[n] = claims[k][3 * c + 1];
          keys[n++] = claims[k][3 * c + 2];
        }
    granted[p] = malloc((n + 1) * sizeof(int64_t));
    if (CALL(zhengce_pool_settle)(asked, info.ordered ? keys : NULL, n, cents, info.pro_rata, granted[p]) != ZHENGCE_OK)
      return failure("zhengce_pool_settle", NULL);
    free(asked);
    free(keys);
  }

  /* Step 3, or the only step: each part's output, in order. */
  size_t* taken = calloc((size_t)pools + 1, sizeof(size_t));
  const int64_t** shares = calloc((size_t)pools + 1, sizeof(int64_t*));
  size_t* counts = calloc((size_t)pools + 1, sizeof(size_t));
  size_t* used = calloc((size_t)pools + 1, sizeof(size_t));
  for (size_t k = 0; k < partCount; ++k) {
    const char* block = data + parts[k].begin;
    size_t blockLength = parts[k].end - parts[k].begin;
    char* output = NULL;
    size_t outputLength = 0;
    zhengce_status status;
    const int64_t* partPlaces = rankings > 0 ? places + firstRecord[k] * rankings : NULL;
    if (pools == 0 && rankings == 0) {
      status = CALL(zhengce_evaluate_jsonl_at)(evaluator, block, blockLength, parts[k].first_line, &output,
                                               &outputLength, &error);
    } else if (pools == 0) {
      status = CALL(zhengce_evaluate_jsonl_ranked_at)(evaluator, block, blockLength, parts[k].first_line, partPlaces,
                                                      records[k], &output, &outputLength, &error);
    } else {
      for (int64_t p = 0; p < pools; ++p) {
        counts[p] = 0;
        for (size_t c = 0; c < claimCounts[k]; ++c) counts[p] += claims[k][3 * c] == p;
        shares[p] = granted[p] + taken[p];
      }
      status = rankings > 0
                   ? CALL(zhengce_evaluate_jsonl_ranked_settled_at)(evaluator, block, blockLength, parts[k].first_line,
                                                                    partPlaces, records[k], shares, counts, used,
                                                                    &output, &outputLength, &error)
                   : CALL(zhengce_evaluate_jsonl_settled_at)(evaluator, block, blockLength, parts[k].first_line, shares,
                                                             counts, used, &output, &outputLength, &error);
      for (int64_t p = 0; p < pools; ++p) {
        if (used[p] != counts[p]) {
          fprintf(stderr, "library_parts: part %zu took %zu of its %zu shares of pool %lld\n", k, used[p], counts[p],
                  (long long)p);
          return 3;
        }
        taken[p] += counts[p];
      }
    }
    if (status == ZHENGCE_BAD_RECORD || status == ZHENGCE_CLAUSE_ERRORS)
      failed = 1;
    else if (status != ZHENGCE_OK)
      return failure("evaluating a part", error);
    fwrite(output, 1, outputLength, stdout);
    CALL(zhengce_free)(output);
    CALL(zhengce_free)(error);
    error = NULL;
  }
  for (size_t k = 0; k < partCount; ++k) CALL(zhengce_free)(claims[k]);
  for (int64_t p = 0; p < pools; ++p) free(granted[p]);
  free(claims);
  free(claimCounts);
  free(granted);
  free(taken);
  free(shares);
  free(counts);
  free(used);
  free(records);
  free(firstRecord);
  free(places);
  free(parts);
  free(data);
  CALL(zhengce_evaluator_destroy)(evaluator);
  return failed ? 2 : 0;
}
