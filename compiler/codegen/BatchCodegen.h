// Lowers the typed IR to LLVM IR: one function, zc_eval_batch, that
// evaluates every clause for every row of a columnar batch (zc/batch.h).
// It follows the interpreter's order exactly — policies, then clauses, each
// condition short-circuited — so the first run-time error of a row is the same.
#pragma once

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/Error.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ir/Ir.h"

namespace zc {

inline constexpr const char* kBatchFunctionName = "zc_eval_batch";

llvm::Expected<std::unique_ptr<llvm::Module>> lowerToLlvm(const ir::Program& program, llvm::LLVMContext& context);

// The runtime functions generated code may call, with their addresses, for
// the JIT to resolve (a compiled library links the runtime instead).
std::vector<std::pair<std::string, void*>> runtimeSymbols();

}  // namespace zc
