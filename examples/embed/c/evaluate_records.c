/* Loads a ruleset library built by `zc build` and evaluates a JSON Lines
 * file with it, as a registry system written in C would:
 *
 *   evaluate_records libseed.so records.jsonl [expected.jsonl]
 *
 * prints what the library is, writes the results (the bytes `zc run --format
 * jsonl` writes) to standard output, and with a third argument compares them
 * with that file and exits 1 on any difference. It also feeds the library a
 * record that is not JSON, to show that a bad record is a result, not a crash. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seed.h" /* written by zc build --header: the C ABI, and what this library holds */

/* The functions this program calls, looked up by name. */
struct library {
  int32_t (*abi_version)(void);
  const char* (*ruleset_name)(void);
  const char* (*source_hash)(void);
  int64_t (*clause_count)(void);
  zhengce_status (*clause)(int64_t, zhengce_clause_info*);
  zhengce_status (*evaluator_create)(zhengce_evaluator**, char**);
  void (*evaluator_destroy)(zhengce_evaluator*);
  zhengce_status (*evaluate_json)(zhengce_evaluator*, const char*, size_t, char**, size_t*, char**);
  zhengce_status (*evaluate_jsonl)(zhengce_evaluator*, const char*, size_t, char**, size_t*, char**);
  void (*free)(void*);
};

static int load(const char* path, struct library* lib) {
  void* handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    fprintf(stderr, "cannot load %s: %s\n", path, dlerror());
    return 0;
  }
#define LOOKUP(member, symbol)                                \
  *(void**)(&lib->member) = dlsym(handle, symbol);            \
  if (lib->member == NULL) {                                  \
    fprintf(stderr, "%s does not export %s\n", path, symbol); \
    return 0;                                                 \
  }
  LOOKUP(abi_version, "zhengce_abi_version")
  LOOKUP(ruleset_name, "zhengce_ruleset_name")
  LOOKUP(source_hash, "zhengce_source_hash")
  LOOKUP(clause_count, "zhengce_clause_count")
  LOOKUP(clause, "zhengce_clause")
  LOOKUP(evaluator_create, "zhengce_evaluator_create")
  LOOKUP(evaluator_destroy, "zhengce_evaluator_destroy")
  LOOKUP(evaluate_json, "zhengce_evaluate_json")
  LOOKUP(evaluate_jsonl, "zhengce_evaluate_jsonl")
  LOOKUP(free, "zhengce_free")
#undef LOOKUP
  return 1;
}

static char* read_file(const char* path, size_t* length) {
  FILE* f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t capacity = 1 << 16, used = 0, got;
  char* data = malloc(capacity);
  while (data != NULL && (got = fread(data + used, 1, capacity - used, f)) > 0) {
    used += got;
    if (used == capacity) data = realloc(data, capacity *= 2);
  }
  fclose(f);
  *length = used;
  return data;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s LIBRARY RECORDS.jsonl [EXPECTED.jsonl]\n", argv[0]);
    return 2;
  }
  struct library lib;
  if (!load(argv[1], &lib)) return 1;
  if (lib.abi_version() != ZHENGCE_ABI_VERSION) {
    fprintf(stderr, "%s has ABI version %d; this program was written for %d\n", argv[1], lib.abi_version(),
            ZHENGCE_ABI_VERSION);
    return 1;
  }
  fprintf(stderr, "ruleset %s (sources %.12s…), %lld clauses\n", lib.ruleset_name(), lib.source_hash(),
          (long long)lib.clause_count());
  zhengce_clause_info first;
  if (lib.clause(0, &first) == ZHENGCE_OK) fprintf(stderr, "  first: %s %s\n", first.id, first.source);

  zhengce_evaluator* evaluator;
  char* error;
  if (lib.evaluator_create(&evaluator, &error) != ZHENGCE_OK) {
    fprintf(stderr, "cannot create an evaluator: %s\n", error);
    lib.free(error);
    return 1;
  }

  /* A record that is not JSON: a status and an error row, and the host goes on. */
  char* result;
  size_t result_length;
  const char* broken = "{\"id\": \"E-BROKEN\", \"营业收入\": ";
  zhengce_status status = lib.evaluate_json(evaluator, broken, strlen(broken), &result, &result_length, &error);
  if (status != ZHENGCE_BAD_RECORD || strstr(result, "\"error\"") == NULL) {
    fprintf(stderr, "a broken record gave status %d\n", status);
    return 1;
  }
  fprintf(stderr, "  a broken record: %s\n", result);
  lib.free(result);

  size_t input_length;
  char* input = read_file(argv[2], &input_length);
  if (input == NULL) {
    fprintf(stderr, "cannot read %s\n", argv[2]);
    return 1;
  }
  char* output;
  size_t output_length;
  status = lib.evaluate_jsonl(evaluator, input, input_length, &output, &output_length, &error);
  if (status != ZHENGCE_OK && status != ZHENGCE_BAD_RECORD) {
    fprintf(stderr, "evaluation failed: %s\n", error);
    return 1;
  }
  fwrite(output, 1, output_length, stdout);

  int exit_code = 0;
  if (argc > 3) {
    size_t expected_length;
    char* expected = read_file(argv[3], &expected_length);
    if (expected == NULL || expected_length != output_length || memcmp(expected, output, output_length) != 0) {
      fprintf(stderr, "the results differ from %s\n", argv[3]);
      exit_code = 1;
    } else {
      fprintf(stderr, "the results match %s byte for byte\n", argv[3]);
    }
    free(expected);
  }
  lib.free(output);
  free(input);
  lib.evaluator_destroy(evaluator);
  return exit_code;
}
