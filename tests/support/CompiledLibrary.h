// A program built by zc build's code path into a shared library in a
// temporary folder, loaded with dlopen and driven through its C ABI: the
// third engine of the differential test, and the benchmark's library rows.
#pragma once

#include <string>

#include "ir/Ir.h"
#include "zc/batch.h"

namespace zc::testing {

class CompiledLibrary {
 public:
  // Builds and loads the library; throws std::runtime_error if either fails.
  explicit CompiledLibrary(const ir::Program& program);
  ~CompiledLibrary();
  CompiledLibrary(const CompiledLibrary&) = delete;
  CompiledLibrary& operator=(const CompiledLibrary&) = delete;

  // zhengce_evaluate_jsonl: the bytes zc run --format jsonl writes.
  std::string evaluateJsonLines(const std::string& lines);
  // A run with 资金池s through the library's three steps, the input in one
  // part: zhengce_pool_claims, zhengce_pool_amount and zhengce_pool_settle
  // per pool, zhengce_evaluate_jsonl_settled.
  struct Settled {
    std::string output;  // the settled rows
    size_t claims = 0;   // claims on all the pools
  };
  Settled evaluateSettled(const std::string& lines);
  // zhengce_evaluate_batch: the compiled function over a columnar batch.
  void evaluateBatch(const zc_batch* batch, zc_batch_result* result);

 private:
  std::string folder_;
  void* handle_ = nullptr;
  void* evaluator_ = nullptr;
};

}  // namespace zc::testing
