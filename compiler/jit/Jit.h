// The smallest correct JIT for rulesets: LLJIT with an -O2 pipeline
// installed as an IR transform, and the runtime's symbols defined
// explicitly, so generated code calls the very functions the interpreter does.
#pragma once

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/Support/Error.h>

#include <memory>

#include "ir/Ir.h"
#include "zc/batch.h"

namespace zc {

class Jit {
 public:
  static llvm::Expected<std::unique_ptr<Jit>> create();
  // Lowers and compiles a program; the function lives as long as the Jit.
  llvm::Expected<zc_batch_function> compile(const ir::Program& program);

 private:
  explicit Jit(std::unique_ptr<llvm::orc::LLJIT> jit) : jit_(std::move(jit)) {}
  std::unique_ptr<llvm::orc::LLJIT> jit_;
};

}  // namespace zc
