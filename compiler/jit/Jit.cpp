#include "jit/Jit.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>

#include <mutex>

#include "codegen/BatchCodegen.h"

namespace zc {

namespace {

void initializeTargetOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

llvm::Expected<llvm::orc::ThreadSafeModule> optimize(llvm::orc::ThreadSafeModule module,
                                                     const llvm::orc::MaterializationResponsibility&) {
  module.withModuleDo([](llvm::Module& m) {
    llvm::LoopAnalysisManager loops;
    llvm::FunctionAnalysisManager functions;
    llvm::CGSCCAnalysisManager cgscc;
    llvm::ModuleAnalysisManager modules;
    llvm::PassBuilder builder;
    builder.registerModuleAnalyses(modules);
    builder.registerCGSCCAnalyses(cgscc);
    builder.registerFunctionAnalyses(functions);
    builder.registerLoopAnalyses(loops);
    builder.crossRegisterProxies(loops, functions, cgscc, modules);
    builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(m, modules);
  });
  return module;
}

}  // namespace

llvm::Expected<std::unique_ptr<Jit>> Jit::create() {
  initializeTargetOnce();
  auto jit = llvm::orc::LLJITBuilder().create();
  if (!jit) return jit.takeError();
  (*jit)->getIRTransformLayer().setTransform(optimize);
  auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess((*jit)->getDataLayout().getGlobalPrefix());
  if (!process) return process.takeError();
  (*jit)->getMainJITDylib().addGenerator(std::move(*process));
  return std::unique_ptr<Jit>(new Jit(std::move(*jit)));
}

llvm::Expected<CompiledProgram> Jit::compile(const ir::Program& program) {
  auto context = std::make_unique<llvm::LLVMContext>();
  auto module = lowerToLlvm(program, *context);
  if (!module) return module.takeError();
  (*module)->setDataLayout(jit_->getDataLayout());
  (*module)->setTargetTriple(jit_->getTargetTriple().str());
  if (auto error = linkRuntime(**module)) return error;
  if (auto error = jit_->addIRModule(llvm::orc::ThreadSafeModule(std::move(*module), std::move(context)))) return error;
  auto function = jit_->lookup(kBatchFunctionName);
  if (!function) return function.takeError();
  auto table = jit_->lookup(ZC_RULESET_TABLE_SYMBOL);
  if (!table) return table.takeError();
  return CompiledProgram{function->toPtr<zc_batch_function>(), table->toPtr<const zc_ruleset_table*>()};
}

}  // namespace zc
