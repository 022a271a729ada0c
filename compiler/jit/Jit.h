// The smallest correct JIT for rulesets: LLJIT with an -O2 pipeline
// installed as an IR transform. Generated code carries the runtime as
// inlined bitcode; what little it needs of libc comes from the process.
#pragma once

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/Support/Error.h>

#include <memory>

#include "ir/Ir.h"
#include "zc/batch.h"

namespace zc {

// What compiling a program gives: its batch function and its result table,
// both living as long as the Jit.
struct CompiledProgram {
  zc_batch_function function;
  const zc_ruleset_table* table;
};

class Jit {
 public:
  static llvm::Expected<std::unique_ptr<Jit>> create();
  llvm::Expected<CompiledProgram> compile(const ir::Program& program);

 private:
  explicit Jit(std::unique_ptr<llvm::orc::LLJIT> jit) : jit_(std::move(jit)) {}
  std::unique_ptr<llvm::orc::LLJIT> jit_;
};

}  // namespace zc
