// Lowers the typed IR to LLVM IR: one function, zc_eval_batch, that runs the
// program's steps for every row of a columnar batch (zc/batch.h), and the
// zc_ruleset_table its results are assembled with. Every operation is a call
// of the runtime function the interpreter calls; linkRuntime brings their
// bitcode in, so they inline and the module needs nothing but libc.
#pragma once

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/Error.h>

#include <memory>
#include <string>

#include "ir/Ir.h"
#include "zc/batch.h"

namespace zc {

inline constexpr const char* kBatchFunctionName = ZC_BATCH_FUNCTION_SYMBOL;

// Which of a program's halves a module holds. The JIT compiles the two
// halves of a program on two cores: the first is zc_eval_batch, which runs
// the first half of the steps for each row and then calls the second half
// (kSecondHalfName, defined by the other module) for the rest. The two
// objects are loaded together.
enum class Half { Whole, First, Second };

inline constexpr const char* kSecondHalfName = "zc_eval_batch.second_half";

// Whether the program is worth compiling in halves: it has a policy
// boundary near the middle of its steps, and is not so large that it is
// lowered in parts anyway.
bool splitsInHalves(const ir::Program& program);

// For the target whose data layout is `layout`.
llvm::Expected<std::unique_ptr<llvm::Module>> lowerToLlvm(const ir::Program& program, llvm::LLVMContext& context,
                                                          const llvm::DataLayout& layout, Half half = Half::Whole);

// Links the runtime's bitcode into the module and makes it internal, so its
// functions inline into the generated code and are dropped where unused.
llvm::Error linkRuntime(llvm::Module& module);

// Links only the functions of gates and clause slots, which every clause of
// every row calls, and marks them always inlined: the JIT calls the rest of
// the runtime, whose bitcode would double its compile, but a call for each
// of these cost its loop a quarter of its speed.
llvm::Error linkStepSlots(llvm::Module& module);

// The runtime bitcode embedded in zc: part of what decides compiled code.
llvm::StringRef runtimeBitcode();

}  // namespace zc
