// The runtime's C functions as LLVM bitcode, compiled by clang at build time
// and embedded in zc (runtime/CMakeLists.txt): generated code calls them and
// they inline, so there is no second, hand-written copy of any operation.
#include <llvm/Bitcode/BitcodeReader.h>
#include <llvm/IR/Module.h>
#include <llvm/Linker/Linker.h>
#include <llvm/Support/MemoryBuffer.h>

#include "codegen/BatchCodegen.h"

extern "C" const char zc_runtime_bitcode[];
extern "C" const char zc_runtime_bitcode_end[];

namespace zc {

llvm::StringRef runtimeBitcode() {
  return llvm::StringRef(zc_runtime_bitcode, static_cast<size_t>(zc_runtime_bitcode_end - zc_runtime_bitcode));
}

llvm::Error linkRuntime(llvm::Module& module) {
  llvm::StringRef bytes = runtimeBitcode();
  auto runtime = llvm::parseBitcodeFile(llvm::MemoryBufferRef(bytes, "zc-runtime.bc"), module.getContext());
  if (!runtime) return runtime.takeError();
  (*runtime)->setDataLayout(module.getDataLayout());
  (*runtime)->setTargetTriple(module.getTargetTriple());
  for (llvm::Function& f : **runtime) {
    // Compiled for a generic x86-64; the generated code decides the CPU.
    f.removeFnAttr("target-cpu");
    f.removeFnAttr("target-features");
    f.removeFnAttr("tune-cpu");
  }
  bool failed = llvm::Linker::linkModules(module, std::move(*runtime), llvm::Linker::LinkOnlyNeeded,
                                          [](llvm::Module& linked, const llvm::StringSet<>& names) {
                                            for (const auto& name : names)
                                              if (llvm::GlobalValue* g = linked.getNamedValue(name.getKey()))
                                                g->setLinkage(llvm::GlobalValue::InternalLinkage);
                                          });
  if (failed) return llvm::createStringError(llvm::inconvertibleErrorCode(), "internal error: cannot link the runtime bitcode");
  return llvm::Error::success();
}

}  // namespace zc
