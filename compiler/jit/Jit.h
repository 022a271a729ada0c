// The smallest correct JIT for rulesets: LLJIT loading object code that the
// one code generator emitted for the host CPU — or that an earlier run
// left in the object cache. Generated code calls the runtime functions zc
// itself holds (a library zc build makes links their bitcode instead); what
// little it needs of libc comes from the process.
//
// A first run of a ruleset can start on quick code (LLVM's -O0 code
// generator, ~15 ms for the seed ruleset) while the optimised code is
// compiled on another thread; callers read the function to call before each
// batch, and the optimised code takes over from the next one. The optimised
// code of a ruleset that splits in halves (codegen/BatchCodegen.h) is
// compiled on two threads, a half each. A large ruleset (thousands of
// clauses) is compiled once, in pieces (jit/ModuleParts.h), so its time and
// memory grow with its size.
#pragma once

#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/Support/Error.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "codegen/BatchCodegen.h"
#include "codegen/ObjectEmitter.h"
#include "ir/Ir.h"
#include "jit/ObjectCache.h"
#include "zc/batch.h"

namespace zc {

// What a compile aims for. Whichever is asked, a ruleset's optimised code in
// the object cache is used when it is there.
enum class Tiering {
  Optimized,  // the optimised code only: the compile waits for it
  Quick,      // the quick code only: the shortest compile, code 5–10 % slower
  Tiered,     // quick code at once, the optimised code as soon as it is ready
};

// What compiling a program gives: its code and its result table, both living
// as long as the Jit.
class CompiledProgram {
 public:
  // The code to run a batch with now, and where it is kept for the next.
  zc_batch_function function() const { return code_->load(std::memory_order_acquire); }
  const std::atomic<zc_batch_function>& code() const { return *code_; }
  const zc_ruleset_table* table = nullptr;
  bool fromCache = false;  // the optimised code (or a large program's pieces), loaded from the object cache

 private:
  friend class Jit;
  const std::atomic<zc_batch_function>* code_ = nullptr;
};

class Jit {
 public:
  // With no cache, every compile runs LLVM's optimiser and code generator.
  static llvm::Expected<std::unique_ptr<Jit>> create(std::optional<ObjectCache> cache = ObjectCache::forUser());
  // Waits for an optimised compile still under way.
  ~Jit();
  // Once a Jit. The program must outlive the Jit: a tiered compile goes on
  // reading it after compile returns.
  llvm::Expected<CompiledProgram> compile(const ir::Program& program, Tiering tiering);
  // Waits for a tiered compile's optimised code, or says why it will not
  // come: then the quick code goes on, correct but slower. Returns at once
  // when no optimised compile is under way.
  llvm::Error waitForOptimized();

 private:
  Jit(std::unique_ptr<llvm::orc::LLJIT> jit, llvm::orc::JITTargetMachineBuilder machine,
      std::optional<ObjectCache> cache)
      : jit_(std::move(jit)), machine_(std::move(machine)), cache_(std::move(cache)) {}
  llvm::Expected<std::unique_ptr<llvm::Module>> lower(const ir::Program& program, llvm::LLVMContext& context,
                                                      Half half = Half::Whole);
  llvm::Expected<std::string> emit(llvm::Module& module, Pipeline pipeline);
  // The optimised code of one half (or the whole), lowered in a context of its own.
  llvm::Expected<std::string> optimizeHalf(const ir::Program& program, Half half);
  // The optimised code's objects, both halves at once when the program
  // splits; left in the cache under `key`.
  llvm::Expected<std::vector<std::string>> optimize(const ir::Program& program, const std::string& key);
  // Loads the optimised code and makes it the code to run.
  llvm::Error install(std::vector<std::string> objects, const zc_ruleset_table** table);
  // A large module's code, compiled a piece at a time (or found in the cache
  // under `key`), loaded and made the code to run.
  llvm::Error compileInPieces(std::unique_ptr<llvm::Module> module, Pipeline pipeline, const std::string& key,
                              CompiledProgram& compiled);
  // Loads objects into a JITDylib of their own, each released once the JIT
  // holds its copy, and returns their batch function.
  llvm::Expected<zc_batch_function> load(std::vector<std::string> objects, const char* name,
                                         const zc_ruleset_table** table = nullptr);

  std::unique_ptr<llvm::orc::LLJIT> jit_;
  llvm::orc::JITTargetMachineBuilder machine_;
  std::optional<ObjectCache> cache_;
  std::atomic<zc_batch_function> code_{nullptr};
  std::thread optimizer_;
  std::string optimizeError_;
};

}  // namespace zc
