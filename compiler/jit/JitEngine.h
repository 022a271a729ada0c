// The JIT as an Engine: records are packed into a columnar batch and one call
// of the compiled function evaluates them all.
#pragma once

#include <llvm/Support/Error.h>

#include <memory>

#include "engine/Engine.h"

namespace zc {

class Jit;

// Compiles the program once; clones share the compiled code.
llvm::Expected<std::unique_ptr<Engine>> makeJitEngine(const ir::Program& program);

}  // namespace zc
