#include "jit/Jit.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SHA256.h>

#include "codegen/BatchCodegen.h"
#include "codegen/ObjectEmitter.h"

namespace zc {

namespace {

// Everything that decides the object code: the lowered module (before the
// runtime is linked in), the runtime bitcode, zc's version and the host.
std::string cacheKey(const llvm::Module& module, const llvm::orc::JITTargetMachineBuilder& machine) {
  llvm::SmallVector<char, 0> bitcode;
  llvm::raw_svector_ostream out(bitcode);
  llvm::WriteBitcodeToFile(module, out);
  llvm::SHA256 hash;
  hash.update(llvm::StringRef(bitcode.data(), bitcode.size()));
  hash.update(runtimeBitcode());
  std::string host = machine.getTargetTriple().str() + "\n" + machine.getCPU() + "\n" +
                     machine.getFeatures().getString() + "\n" ZC_VERSION;
  hash.update(host);
  return llvm::toHex(hash.final(), true);
}

}  // namespace

llvm::Expected<std::unique_ptr<Jit>> Jit::create(std::optional<ObjectCache> cache) {
  initializeNativeTarget();
  auto machine = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machine) return machine.takeError();
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*machine).create();
  if (!jit) return jit.takeError();
  auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess((*jit)->getDataLayout().getGlobalPrefix());
  if (!process) return process.takeError();
  (*jit)->getMainJITDylib().addGenerator(std::move(*process));
  return std::unique_ptr<Jit>(new Jit(std::move(*jit), std::move(*machine), std::move(cache)));
}

llvm::Expected<CompiledProgram> Jit::compile(const ir::Program& program) {
  llvm::LLVMContext context;
  auto module = lowerToLlvm(program, context);
  if (!module) return module.takeError();
  (*module)->setDataLayout(jit_->getDataLayout());
  (*module)->setTargetTriple(jit_->getTargetTriple().str());
  std::string key = cache_ ? cacheKey(**module, machine_) : "";
  std::optional<std::string> object = cache_ ? cache_->load(key) : std::nullopt;
  bool fromCache = object.has_value();
  if (!object) {
    if (auto error = linkRuntime(**module)) return error;
    auto machine = machine_.createTargetMachine();
    if (!machine) return machine.takeError();
    auto emitted = emitObject(**module, **machine);
    if (!emitted) return emitted.takeError();
    object = std::move(*emitted);
    if (cache_) cache_->store(key, *object);
  }
  if (auto error = jit_->addObjectFile(llvm::MemoryBuffer::getMemBufferCopy(*object, "ruleset.o"))) return error;
  auto function = jit_->lookup(kBatchFunctionName);
  if (!function) return function.takeError();
  auto table = jit_->lookup(ZC_RULESET_TABLE_SYMBOL);
  if (!table) return table.takeError();
  return CompiledProgram{function->toPtr<zc_batch_function>(), table->toPtr<const zc_ruleset_table*>(), fromCache};
}

}  // namespace zc
