/* zhengce_evaluate_batch from C on tests/library/batch_values.zc's library:
 * a columnar batch whose rows break their fields' declarations (a range, a
 * 集合) among good rows. Reads one row a line, tab-separated:
 *
 *   id  营业收入  员工  区县  费用,…  扶持编号,…  扶持金额,…
 *
 * (whole numbers; lists comma-separated, possibly empty), builds the batch
 * as zc/batch.h lays it out, evaluates it with per-item outcomes, and
 * writes for each row and clause "clause ROW CLAUSE FIRED STATUS NUM/DEN",
 * for each item "item ROW ITEM CLAUSE FIRED STATUS NUM/DEN", and then the
 * library's error message after a line "error". Exits with the
 * zhengce_status; 9 when the library cannot be used.
 *
 *   library_batch LIBRARY ROWS */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zc/batch.h"
#include "zc/zhengce.h"

enum { kMaxRows = 64, kMaxEntries = 256 };

static void* library;

static void* symbol(const char* name) {
  void* found = dlsym(library, name);
  if (found == NULL) {
    fprintf(stderr, "library_batch: the library does not export %s\n", name);
    exit(9);
  }
  return found;
}

#define CALL(name) ((__typeof__(&name))symbol(#name))

static zc_dec whole(long long value) {
  zc_dec d = {value, 1};
  return d;
}

/* The next tab-separated cell of *line, NUL-terminated in place. */
static char* cell(char** line) {
  char* start = *line;
  char* end = strpbrk(start, "\t\n");
  if (end != NULL) {
    *end = '\0';
    *line = end + 1;
  } else {
    *line = start + strlen(start);
  }
  return start;
}

/* A comma-separated list: each entry's start, NUL-terminated in place. */
static int entries(char* text, char** out) {
  int n = 0;
  if (*text == '\0') return 0;
  for (char* at = text;; ++n) {
    out[n] = at;
    char* comma = strchr(at, ',');
    if (comma == NULL) return n + 1;
    *comma = '\0';
    at = comma + 1;
  }
}

static zc_text text(const char* s) {
  zc_text t = {s, (int64_t)strlen(s)};
  return t;
}

static void printDec(zc_dec d) { printf("%lld/%lld", (long long)d.num, (long long)d.den); }

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: library_batch LIBRARY ROWS\n");
    return 9;
  }
  library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    fprintf(stderr, "library_batch: %s\n", dlerror());
    return 9;
  }
  FILE* in = fopen(argv[2], "r");
  if (in == NULL) return 9;

  static char lines[kMaxRows][4096];
  static zc_text ids[kMaxRows], districts[kMaxRows], fundIds[kMaxEntries];
  static zc_dec revenue[kMaxRows], costs[kMaxEntries], fundAmounts[kMaxEntries];
  static int64_t staff[kMaxRows], costOffsets[kMaxRows + 1], fundOffsets[kMaxRows + 1];
  int64_t rows = 0, costCount = 0, fundCount = 0;
  while (rows < kMaxRows && fgets(lines[rows], sizeof lines[rows], in) != NULL) {
    char* line = lines[rows];
    char* list[kMaxEntries];
    ids[rows] = text(cell(&line));
    revenue[rows] = whole(atoll(cell(&line)));
    staff[rows] = atoll(cell(&line));
    districts[rows] = text(cell(&line));
    costOffsets[rows] = costCount;
    int n = entries(cell(&line), list);
    for (int i = 0; i < n; ++i) costs[costCount++] = whole(atoll(list[i]));
    fundOffsets[rows] = fundCount;
    n = entries(cell(&line), list);
    for (int i = 0; i < n; ++i) fundIds[fundCount + i] = text(list[i]);
    int amounts = entries(cell(&line), list);
    if (amounts != n) return 9;
    for (int i = 0; i < n; ++i) fundAmounts[fundCount++] = whole(atoll(list[i]));
    ++rows;
  }
  fclose(in);
  costOffsets[rows] = costCount;
  fundOffsets[rows] = fundCount;

  /* The fields in declaration order: id, 营业收入, 员工, 区县, 费用, 扶持 {编号, 金额}. */
  void* fundFields[2] = {fundIds, fundAmounts};
  zc_column columns[6] = {
      {ids, NULL, NULL, NULL, NULL},          {revenue, NULL, NULL, NULL, NULL},
      {staff, NULL, NULL, NULL, NULL},        {districts, NULL, NULL, NULL, NULL},
      {costs, NULL, costOffsets, NULL, NULL}, {NULL, NULL, fundOffsets, fundFields, NULL},
  };
  zc_batch batch = {rows, columns};

  int64_t clauses = CALL(zhengce_clause_count)();
  uint8_t* fired = calloc((size_t)(rows * clauses), 1);
  zc_dec* amounts = calloc((size_t)(rows * clauses), sizeof(zc_dec));
  int32_t* status = calloc((size_t)(rows * clauses), sizeof(int32_t));
  int32_t* site = calloc((size_t)(rows * clauses), sizeof(int32_t));
  zc_item_results items = {NULL, 0, 0};
  zc_batch_result result = {fired, amounts, status, site, &items};
  zhengce_evaluator* evaluator = NULL;
  char* error = NULL;
  if (CALL(zhengce_evaluator_create)(&evaluator, &error) != ZHENGCE_OK) return 9;
  zhengce_status outcome = CALL(zhengce_evaluate_batch)(evaluator, &batch, &result, &error);

  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < clauses; ++c) {
      int64_t at = r * clauses + c;
      printf("clause %lld %lld %d %d ", (long long)r, (long long)c, fired[at], status[at]);
      printDec(amounts[at]);
      printf("\n");
    }
  for (int64_t i = 0; i < items.count; ++i) {
    const zc_item_outcome* o = &items.outcomes[i];
    printf("item %lld %lld %d %d %d ", (long long)o->row, (long long)o->item, o->clause, o->fired, o->status);
    printDec(o->amount);
    printf("\n");
  }
  printf("error\n%s\n", error != NULL ? error : "");
  CALL(zhengce_free)(error);
  CALL(zhengce_free)(items.outcomes);
  CALL(zhengce_evaluator_destroy)(evaluator);
  free(fired);
  free(amounts);
  free(status);
  free(site);
  return outcome;
}
