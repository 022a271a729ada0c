// The third engine of the golden and hostile-records tests: a library made by
// `zc build`, loaded with dlopen and given a file of JSON Lines through its C
// ABI, as a host would.
//
//   library_run LIBRARY INPUT [-p NAME=VALUE …]
//
// Parameters are set with zhengce_evaluator_set_param, written as zc run's
// --param takes them.
// Writes to stdout what zhengce_evaluate_jsonl returns and exits as zc run
// does: 0, 2 when some record or clause failed, 1 when a parameter is
// refused (its message on stderr, nothing on stdout); 3 when the library
// itself fails, which zc run never matches.
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "zc/zhengce.h"

namespace {

void* library = nullptr;

template <typename Function>
Function symbol(const char* name) {
  void* found = dlsym(library, name);
  if (found == nullptr) {
    std::fprintf(stderr, "library_run: the library does not export %s\n", name);
    std::exit(3);
  }
  return reinterpret_cast<Function>(found);
}

int failure(const char* what, char* error) {
  std::fprintf(stderr, "library_run: %s: %s\n", what, error ? error : "");
  symbol<decltype(&zhengce_free)>("zhengce_free")(error);
  return 3;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: library_run LIBRARY INPUT [-p NAME=VALUE …]\n");
    return 3;
  }
  library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    std::fprintf(stderr, "library_run: %s\n", dlerror());
    return 3;
  }
  if (symbol<decltype(&zhengce_abi_version)>("zhengce_abi_version")() != ZHENGCE_ABI_VERSION) {
    std::fprintf(stderr, "library_run: the library implements another ABI\n");
    return 3;
  }
  auto release = symbol<decltype(&zhengce_free)>("zhengce_free");
  zhengce_evaluator* evaluator = nullptr;
  char* error = nullptr;
  if (symbol<decltype(&zhengce_evaluator_create)>("zhengce_evaluator_create")(&evaluator, &error) != ZHENGCE_OK)
    return failure("cannot create an evaluator", error);
  // Destroyed on every way out, so a sanitized run reports no leak of ours.
  std::unique_ptr<zhengce_evaluator, decltype(&zhengce_evaluator_destroy)> owned(
      evaluator, symbol<decltype(&zhengce_evaluator_destroy)>("zhengce_evaluator_destroy"));

  auto setParam = symbol<decltype(&zhengce_evaluator_set_param)>("zhengce_evaluator_set_param");
  for (int i = 3; i < argc; ++i) {
    std::string option = argv[i];
    if ((option != "-p" && option != "--param") || i + 1 == argc) {
      std::fprintf(stderr, "library_run: expected -p NAME=VALUE, found %s\n", argv[i]);
      return 3;
    }
    std::string assignment = argv[++i];
    size_t equals = assignment.find('=');
    std::string name = assignment.substr(0, equals);
    std::string value = equals == std::string::npos ? "" : assignment.substr(equals + 1);
    zhengce_status status = setParam(evaluator, name.c_str(), value.c_str(), &error);
    if (status == ZHENGCE_BAD_PARAM) {
      std::fprintf(stderr, "%s\n", error ? error : "");
      release(error);
      return 1;
    }
    if (status != ZHENGCE_OK) return failure("set_param", error);
  }

  std::ifstream in(argv[2], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "library_run: cannot read %s\n", argv[2]);
    return 3;
  }
  std::string input((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  char* output = nullptr;
  size_t length = 0;
  zhengce_status status = symbol<decltype(&zhengce_evaluate_jsonl)>("zhengce_evaluate_jsonl")(
      evaluator, input.data(), input.size(), &output, &length, &error);
  if (status != ZHENGCE_OK && status != ZHENGCE_BAD_RECORD && status != ZHENGCE_CLAUSE_ERRORS)
    return failure("zhengce_evaluate_jsonl", error);
  std::fwrite(output, 1, length, stdout);
  release(output);
  release(error);
  return status == ZHENGCE_OK ? 0 : 2;
}
