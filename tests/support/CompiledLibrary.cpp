#include "CompiledLibrary.h"

#include <dlfcn.h>

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "aot/SharedLibrary.h"
#include "zc/zhengce.h"

namespace zc::testing {

namespace {

template <typename Function>
Function lookup(void* handle, const char* name) {
  void* symbol = dlsym(handle, name);
  if (symbol == nullptr) throw std::runtime_error(std::string("the library does not export ") + name);
  return reinterpret_cast<Function>(symbol);
}

}  // namespace

CompiledLibrary::CompiledLibrary(const ir::Program& program) {
  char folder[] = "/tmp/zc-differential-XXXXXX";
  if (mkdtemp(folder) == nullptr) throw std::runtime_error("cannot make a temporary folder");
  folder_ = folder;
  std::string path = folder_ + "/libdifferential.so";
  if (auto error = buildSharedLibrary(program, identifyRuleset("differential", {}), path))
    throw std::runtime_error("zc build failed: " + llvm::toString(std::move(error)));
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) throw std::runtime_error(std::string("dlopen: ") + dlerror());
  auto create = lookup<decltype(&zhengce_evaluator_create)>(handle_, "zhengce_evaluator_create");
  char* error = nullptr;
  if (create(reinterpret_cast<zhengce_evaluator**>(&evaluator_), &error) != ZHENGCE_OK)
    throw std::runtime_error(std::string("cannot create an evaluator: ") + (error ? error : ""));
}

CompiledLibrary::~CompiledLibrary() {
  if (evaluator_ != nullptr)
    lookup<decltype(&zhengce_evaluator_destroy)>(
        handle_, "zhengce_evaluator_destroy")(static_cast<zhengce_evaluator*>(evaluator_));
  if (handle_ != nullptr) dlclose(handle_);
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

std::string CompiledLibrary::evaluateJsonLines(const std::string& lines) {
  auto evaluate = lookup<decltype(&zhengce_evaluate_jsonl)>(handle_, "zhengce_evaluate_jsonl");
  auto release = lookup<decltype(&zhengce_free)>(handle_, "zhengce_free");
  char* output = nullptr;
  size_t length = 0;
  char* error = nullptr;
  zhengce_status status =
      evaluate(static_cast<zhengce_evaluator*>(evaluator_), lines.data(), lines.size(), &output, &length, &error);
  std::string message = error ? error : "";
  release(error);
  if (status != ZHENGCE_OK && status != ZHENGCE_BAD_RECORD) throw std::runtime_error("evaluation failed: " + message);
  std::string out(output, length);
  release(output);
  return out;
}

CompiledLibrary::Settled CompiledLibrary::evaluateSettled(const std::string& lines) {
  auto* evaluator = static_cast<zhengce_evaluator*>(evaluator_);
  auto release = lookup<decltype(&zhengce_free)>(handle_, "zhengce_free");
  char* error = nullptr;
  auto check = [&](zhengce_status status, const char* step) {
    std::string message = error ? error : "";
    release(error);
    error = nullptr;
    if (status != ZHENGCE_OK && status != ZHENGCE_BAD_RECORD)
      throw std::runtime_error(std::string(step) + " failed: " + message);
  };
  int64_t* flat = nullptr;
  size_t count = 0;
  auto claims = lookup<decltype(&zhengce_pool_claims)>(handle_, "zhengce_pool_claims");
  check(claims(evaluator, lines.data(), lines.size(), &flat, &count, &error), "zhengce_pool_claims");
  int64_t pools = lookup<decltype(&zhengce_pool_count)>(handle_, "zhengce_pool_count")();
  auto info = lookup<decltype(&zhengce_pool)>(handle_, "zhengce_pool");
  std::vector<std::vector<int64_t>> asked(pools), keys(pools);
  for (size_t i = 0; i < count; ++i) {
    asked[flat[3 * i]].push_back(flat[3 * i + 1]);
    keys[flat[3 * i]].push_back(flat[3 * i + 2]);
  }
  release(flat);
  std::vector<const int64_t*> granted;
  std::vector<size_t> counts;
  for (int64_t p = 0; p < pools; ++p) {
    int64_t cents = 0;
    check(lookup<decltype(&zhengce_pool_amount)>(handle_, "zhengce_pool_amount")(evaluator, p, &cents, &error),
          "zhengce_pool_amount");
    zhengce_pool_info pool{};
    check(info(p, &pool), "zhengce_pool");
    if (lookup<decltype(&zhengce_pool_settle)>(handle_, "zhengce_pool_settle")(
            asked[p].data(), pool.ordered ? keys[p].data() : nullptr, asked[p].size(), cents, pool.pro_rata,
            asked[p].data()) != ZHENGCE_OK)
      throw std::runtime_error("zhengce_pool_settle failed");
    granted.push_back(asked[p].data());
    counts.push_back(asked[p].size());
  }
  char* output = nullptr;
  size_t length = 0;
  check(lookup<decltype(&zhengce_evaluate_jsonl_settled)>(handle_, "zhengce_evaluate_jsonl_settled")(
            evaluator, lines.data(), lines.size(), granted.data(), counts.data(), &output, &length, &error),
        "zhengce_evaluate_jsonl_settled");
  Settled settled{std::string(output, length), count};
  release(output);
  return settled;
}

void CompiledLibrary::evaluateBatch(const zc_batch* batch, zc_batch_result* result) {
  auto evaluate = lookup<decltype(&zhengce_evaluate_batch)>(handle_, "zhengce_evaluate_batch");
  char* error = nullptr;
  if (evaluate(static_cast<zhengce_evaluator*>(evaluator_), batch, result, &error) != ZHENGCE_OK) {
    std::string message = error ? error : "";
    lookup<decltype(&zhengce_free)>(handle_, "zhengce_free")(error);
    throw std::runtime_error("batch evaluation failed: " + message);
  }
}

}  // namespace zc::testing
