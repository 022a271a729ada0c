// The runtime's C functions as LLVM bitcode, compiled by clang at build time
// and embedded in zc (runtime/CMakeLists.txt): generated code calls them and
// they inline, so there is no second, hand-written copy of any operation.
#include <llvm/Bitcode/BitcodeReader.h>
#include <llvm/IR/Module.h>
#include <llvm/Linker/Linker.h>
#include <llvm/Support/MemoryBuffer.h>

#include <algorithm>
#include <iterator>

#include "codegen/BatchCodegen.h"
#include "ir/RuntimeFunction.h"

extern "C" const char zc_runtime_bitcode[];
extern "C" const char zc_runtime_bitcode_end[];

namespace zc {

llvm::StringRef runtimeBitcode() {
  return llvm::StringRef(zc_runtime_bitcode, static_cast<size_t>(zc_runtime_bitcode_end - zc_runtime_bitcode));
}

namespace {

// The runtime's functions as bitcode, bodies read only where asked for.
llvm::Expected<std::unique_ptr<llvm::Module>> readRuntime(const llvm::Module& into) {
  llvm::StringRef bytes = runtimeBitcode();
  auto runtime = llvm::getLazyBitcodeModule(llvm::MemoryBufferRef(bytes, "zc-runtime.bc"), into.getContext());
  if (!runtime) return runtime.takeError();
  (*runtime)->setDataLayout(into.getDataLayout());
  (*runtime)->setTargetTriple(into.getTargetTriple());
  return runtime;
}

// Compiled for a generic x86-64; the generated code decides the CPU.
void forAnyCpu(llvm::Function& f) {
  f.removeFnAttr("target-cpu");
  f.removeFnAttr("target-features");
  f.removeFnAttr("tune-cpu");
}

// Links what the module uses of the runtime, internal to the module.
llvm::Error linkInternal(llvm::Module& module, std::unique_ptr<llvm::Module> runtime) {
  bool failed = llvm::Linker::linkModules(module, std::move(runtime), llvm::Linker::LinkOnlyNeeded,
                                          [](llvm::Module& linked, const llvm::StringSet<>& names) {
                                            for (const auto& name : names)
                                              if (llvm::GlobalValue* g = linked.getNamedValue(name.getKey()))
                                                g->setLinkage(llvm::GlobalValue::InternalLinkage);
                                          });
  if (failed)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "internal error: cannot link the runtime bitcode");
  return llvm::Error::success();
}

}  // namespace

llvm::Error linkStepSlots(llvm::Module& module) {
  // A gate's and a clause slot's functions: a few loads and stores each,
  // called for every clause of every row.
  static constexpr ir::RuntimeFn kInlined[] = {
      ir::RuntimeFn::GateDecide, ir::RuntimeFn::GateFail,   ir::RuntimeFn::GateRead,    ir::RuntimeFn::ClauseReset,
      ir::RuntimeFn::ClausePay,  ir::RuntimeFn::ClauseFail, ir::RuntimeFn::ClauseAmount};
  auto runtime = readRuntime(module);
  if (!runtime) return runtime.takeError();
  for (llvm::Function& f : **runtime) {
    if (f.isDeclaration()) continue;
    bool inlined = std::any_of(std::begin(kInlined), std::end(kInlined), [&](ir::RuntimeFn fn) {
      return std::string_view(f.getName()) == ir::runtimeFunction(fn).symbol;
    });
    if (!inlined) {
      f.deleteBody();  // generated code calls zc's own copy
      continue;
    }
    if (auto error = f.materialize()) return error;
    forAnyCpu(f);
    f.addFnAttr(llvm::Attribute::AlwaysInline);
  }
  return linkInternal(module, std::move(*runtime));
}

llvm::Error linkRuntime(llvm::Module& module) {
  auto runtime = readRuntime(module);
  if (!runtime) return runtime.takeError();
  if (auto error = (*runtime)->materializeAll()) return error;
  for (llvm::Function& f : **runtime) forAnyCpu(f);
  return linkInternal(module, std::move(*runtime));
}

}  // namespace zc
