// The JIT as an engine of the evaluation core: the program compiled to a
// batch function, which rt::makeCompiledEngine packs records for.
#pragma once

#include <llvm/Support/Error.h>

#include <memory>

#include "jit/Jit.h"
#include "zc/engine.h"

namespace zc {

// Compiles the program once; clones share the compiled code, and each batch
// runs on the best code compiled by then. Without a cache, the code asked
// for is compiled whatever an earlier run left.
llvm::Expected<std::unique_ptr<rt::Engine>> makeJitEngine(const ir::Program& program, Tiering tiering = Tiering::Tiered,
                                                          std::optional<ObjectCache> cache = ObjectCache::forUser());

}  // namespace zc
