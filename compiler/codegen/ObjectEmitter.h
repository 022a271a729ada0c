// A module as object code: the -O2 pipeline, then LLVM's TargetMachine, as
// llc does. The JIT loads such objects (and caches them); zc build links one
// into a shared library.
#pragma once

#include <llvm/IR/Module.h>
#include <llvm/Support/Error.h>
#include <llvm/Target/TargetMachine.h>

#include <memory>
#include <string>

namespace zc {

// Registers the host target with LLVM, once per process.
void initializeNativeTarget();

// Optimises the module at -O2 for the machine and returns the object file's bytes.
llvm::Expected<std::string> emitObject(llvm::Module& module, llvm::TargetMachine& machine);

}  // namespace zc
