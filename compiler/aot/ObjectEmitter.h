// The second output of the one code generator: the module the JIT would run,
// optimised at -O2 and emitted as a position-independent object for a
// shared library (LLVM's TargetMachine, as llc does).
#pragma once

#include <llvm/IR/Module.h>
#include <llvm/Support/Error.h>

#include <string>

namespace zc {

// Sets the module's triple and data layout for a library: before the
// runtime's bitcode is linked in, which takes them from the module.
llvm::Error setLibraryTarget(llvm::Module& module);
// Optimises the module at -O2 and returns the object file's bytes.
llvm::Expected<std::string> emitPicObject(llvm::Module& module);

}  // namespace zc
