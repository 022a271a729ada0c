// The JIT as an Engine: records are packed into a columnar batch and one call
// of the compiled function evaluates them all.
#pragma once

#include <llvm/Support/Error.h>

#include <memory>

#include "engine/Engine.h"
#include "jit/Jit.h"

namespace zc {

// Compiles the program once; clones share the compiled code, and each batch
// runs on the best code compiled by then. Without a cache, the code asked
// for is compiled whatever an earlier run left.
llvm::Expected<std::unique_ptr<Engine>> makeJitEngine(const ir::Program& program, Tiering tiering = Tiering::Tiered,
                                                      std::optional<ObjectCache> cache = ObjectCache::forUser());

}  // namespace zc
