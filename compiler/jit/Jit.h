// The smallest correct JIT for rulesets: LLJIT loading object code that the
// one code generator emitted for the host CPU — or that an earlier run
// left in the object cache. Generated code calls the runtime functions zc
// itself holds (a library zc build makes links their bitcode instead); what
// little it needs of libc comes from the process.
#pragma once

#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/Support/Error.h>

#include <memory>
#include <optional>

#include "ir/Ir.h"
#include "jit/ObjectCache.h"
#include "zc/batch.h"

namespace zc {

// What compiling a program gives: its batch function and its result table,
// both living as long as the Jit.
struct CompiledProgram {
  zc_batch_function function;
  const zc_ruleset_table* table;
  bool fromCache = false;  // loaded from the object cache, not compiled
};

class Jit {
 public:
  // With no cache, every compile runs LLVM's optimiser and code generator.
  static llvm::Expected<std::unique_ptr<Jit>> create(std::optional<ObjectCache> cache = ObjectCache::forUser());
  llvm::Expected<CompiledProgram> compile(const ir::Program& program);

 private:
  Jit(std::unique_ptr<llvm::orc::LLJIT> jit, llvm::orc::JITTargetMachineBuilder machine, std::optional<ObjectCache> cache)
      : jit_(std::move(jit)), machine_(std::move(machine)), cache_(std::move(cache)) {}
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  llvm::orc::JITTargetMachineBuilder machine_;
  std::optional<ObjectCache> cache_;
};

}  // namespace zc
