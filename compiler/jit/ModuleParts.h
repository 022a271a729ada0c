// A large lowered module compiled a piece at a time. The code generator
// lowers a large program as parts, functions the row loop calls; here runs
// of parts become modules of their own, each compiled to an object and
// dropped before the next is made, so the code generator never holds more
// than one piece and its time is the sum of the pieces'. What is left of the
// module (the row loop, the result table) is an object of its own; the JIT
// links them all.
#pragma once

#include <llvm/ADT/STLFunctionalExtras.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/Error.h>

#include <memory>

namespace zc {

// The instructions of all the module's functions.
size_t instructionCount(const llvm::Module& module);

// Moves the module's parts into modules of about `instructions` each, in
// order, and hands each to `take` as soon as it is made. A part keeps its
// name, is global in its piece and is left in `module` as a declaration;
// a constant or an inlined helper it uses is copied into its piece. Local
// globals no longer used are then dropped from `module`.
llvm::Error takeParts(llvm::Module& module, size_t instructions,
                      llvm::function_ref<llvm::Error(std::unique_ptr<llvm::Module>)> take);

}  // namespace zc
