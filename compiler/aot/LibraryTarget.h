// What a library is compiled for: the host's architecture with a generic
// CPU, since a library is copied to other machines, and position-independent
// code, since it is a shared library.
#pragma once

#include <llvm/IR/Module.h>
#include <llvm/Support/Error.h>
#include <llvm/Target/TargetMachine.h>

#include <memory>

namespace zc {

llvm::Expected<std::unique_ptr<llvm::TargetMachine>> libraryMachine();

// Sets the module's triple and data layout for the machine: before the
// runtime's bitcode is linked in, which takes them from the module.
void setTarget(llvm::Module& module, const llvm::TargetMachine& machine);

}  // namespace zc
