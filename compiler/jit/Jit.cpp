#include "jit/Jit.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SHA256.h>

#include "codegen/BatchCodegen.h"
#include "codegen/ObjectEmitter.h"
#include "zc/batch.h"
#include "zc/runtime.h"

namespace zc {

namespace {

// Everything that decides the object code and what it calls: the lowered
// module, the runtime (its bitcode stands for the functions' ABI), zc's
// version and the host.
std::string cacheKey(const llvm::Module& module, const llvm::orc::JITTargetMachineBuilder& machine) {
  llvm::SmallVector<char, 0> bitcode;
  llvm::raw_svector_ostream out(bitcode);
  llvm::WriteBitcodeToFile(module, out);
  llvm::SHA256 hash;
  hash.update(llvm::StringRef(bitcode.data(), bitcode.size()));
  hash.update(runtimeBitcode());
  std::string host = machine.getTargetTriple().str() + "\n" + machine.getCPU() + "\n" +
                     machine.getFeatures().getString() + "\n" ZC_VERSION "\nruntime called, not linked";
  hash.update(host);
  return llvm::toHex(hash.final(), true);
}

// The runtime functions generated code calls, bound to zc's own copies: the
// JIT compiles only the ruleset's code, not the runtime again each time
// (that halved the cold compile, and the calls cost the loop about 1 %,
// as the hand-written C++ in bench/ pays them too).
llvm::orc::SymbolMap runtimeSymbols(llvm::orc::LLJIT& jit) {
  llvm::orc::SymbolMap symbols;
  auto add = [&](const char* name, auto* function) {
    symbols[jit.mangleAndIntern(name)] = {llvm::orc::ExecutorAddr::fromPtr(reinterpret_cast<void*>(function)),
                                          llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
  };
#define ZC_RUNTIME_FUNCTION(Name, symbol, Shape, canFail) add(#symbol, &symbol);
#include "zc/functions.def"
#undef ZC_RUNTIME_FUNCTION
  add("zc_apply_highest", &zc_apply_highest);
  add("zc_apply_cap", &zc_apply_cap);
  add("zc_fail_rule", &zc_fail_rule);
  add("zc_item_record", &zc_item_record);
  add("zc_settle_items", &zc_settle_items);
  return symbols;
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
  if (auto error = (*jit)->getMainJITDylib().define(llvm::orc::absoluteSymbols(runtimeSymbols(**jit)))) return error;
  return std::unique_ptr<Jit>(new Jit(std::move(*jit), std::move(*machine), std::move(cache)));
}

llvm::Expected<CompiledProgram> Jit::compile(const ir::Program& program) {
  llvm::LLVMContext context;
  auto module = lowerToLlvm(program, context, jit_->getDataLayout());
  if (!module) return module.takeError();
  (*module)->setTargetTriple(jit_->getTargetTriple().str());
  std::string key = cache_ ? cacheKey(**module, machine_) : "";
  std::optional<std::string> object = cache_ ? cache_->load(key) : std::nullopt;
  bool fromCache = object.has_value();
  if (!object) {
    auto machine = machine_.createTargetMachine();
    if (!machine) return machine.takeError();
    auto emitted = emitObject(**module, **machine, Pipeline::Light);
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
