// A module as object code: an optimisation pipeline, then LLVM's
// TargetMachine, as llc does. The JIT loads such objects (and caches them);
// zc build links one into a shared library.
#pragma once

#include <llvm/IR/Module.h>
#include <llvm/Support/Error.h>
#include <llvm/Target/TargetMachine.h>

#include <memory>
#include <string>

namespace zc {

// Registers the host target with LLVM, once per process.
void initializeNativeTarget();

// What runs before the code generator.
enum class Pipeline {
  // -O2: for a module with the runtime's bitcode linked in, which must inline.
  Full,
  // For the JIT's code, which calls the runtime: nothing to inline, and a few
  // function passes make it as fast as -O2 does, in a fraction of the time.
  Light,
  // The JIT's first code, wanted at once: three passes and LLVM's -O0 code
  // generator, a fifth of Light's time for code 5–10 % slower.
  Quick,
};

// Optimises the module for the machine and returns the object file's bytes.
llvm::Expected<std::string> emitObject(llvm::Module& module, llvm::TargetMachine& machine, Pipeline pipeline);

}  // namespace zc
