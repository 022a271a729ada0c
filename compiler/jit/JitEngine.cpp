#include "jit/JitEngine.h"

#include "jit/Jit.h"

namespace zc {

namespace {

// The JIT's code for the evaluation core, with the Jit that keeps it loaded.
// Results are assembled from the table the module carries, as a compiled
// library's are.
struct JitCode : rt::CompiledCode {
  std::unique_ptr<Jit> jit;
};

}  // namespace

llvm::Expected<std::unique_ptr<rt::Engine>> makeJitEngine(const ir::Program& program, Tiering tiering,
                                                          std::optional<ObjectCache> cache) {
  auto jit = Jit::create(std::move(cache));
  if (!jit) return jit.takeError();
  auto compiled = (*jit)->compile(program, tiering);
  if (!compiled) return compiled.takeError();
  auto code = std::make_shared<JitCode>();
  code->function = &compiled->code();
  code->table = rt::ResultTable::of(*compiled->table);
  code->jit = std::move(*jit);
  std::vector<rt::Kind> kinds;
  std::vector<rt::Scalar> values;
  for (const ir::Param& p : program.params) {
    kinds.push_back(p.schema.kind);
    values.push_back(p.value);
  }
  return rt::makeCompiledEngine(std::move(code), program.schema, std::move(kinds), std::move(values));
}

}  // namespace zc
