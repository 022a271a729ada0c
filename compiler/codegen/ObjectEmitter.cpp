#include "codegen/ObjectEmitter.h"

#include <llvm/ADT/SmallVector.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <mutex>

namespace zc {

namespace {

// Jump threading matters: a policy's clauses branch one after another on
// its gate, and threading them skips a closed policy at once. Dead store
// elimination is left out: it found nothing to remove in any ruleset of the
// tests and examples, and took a fifth of the pipeline's time.
constexpr const char* kLightPipeline =
    "always-inline,function(sroa,early-cse<memssa>,simplifycfg,instcombine<no-verify-fixpoint>,jump-threading,"
    "loop-mssa(licm),gvn,simplifycfg)";
// Promoting the slots to registers and folding the repeated loads of a
// field is what the -O0 code generator needs most.
constexpr const char* kQuickPipeline = "always-inline,function(sroa,early-cse<memssa>,simplifycfg)";

llvm::Error optimize(llvm::Module& module, llvm::TargetMachine& machine, Pipeline pipeline, bool large) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);
  llvm::ModulePassManager passes;
  if (pipeline == Pipeline::Light || pipeline == Pipeline::Quick) {
    if (auto error = builder.parsePassPipeline(passes, pipeline == Pipeline::Light ? kLightPipeline : kQuickPipeline))
      return error;
  } else {
    passes = builder.buildPerModuleDefaultPipeline(large ? llvm::OptimizationLevel::O1 : llvm::OptimizationLevel::O2);
  }
  passes.run(module, modules);
  return llvm::Error::success();
}

// The instructions of the module's largest function.
size_t largestFunction(const llvm::Module& module) {
  size_t largest = 0;
  for (const llvm::Function& function : module) largest = std::max<size_t>(largest, function.getInstructionCount());
  return largest;
}

// Past this size (the seed ruleset has about 3,200) compile time grows with
// the square of the function, mostly in the greedy register allocator: 1000
// 累进 brackets took 22 s to compile, 3000 over 8 minutes. Such a function is
// optimized at O1 (or the light pipeline) and given the fast allocator: 2.7 s
// and 18 s.
constexpr size_t kLargeFunction = 20000;

}  // namespace

void initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

llvm::Expected<std::string> emitObject(llvm::Module& module, llvm::TargetMachine& machine, Pipeline pipeline) {
  bool large = largestFunction(module) > kLargeFunction;
  if (auto error = optimize(module, machine, pipeline, large)) return error;
  if (large || pipeline == Pipeline::Quick) machine.setOptLevel(llvm::CodeGenOptLevel::None);
  llvm::SmallVector<char, 0> object;
  llvm::raw_svector_ostream out(object);
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, out, nullptr, llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "LLVM cannot emit an object file for this target");
  passes.run(module);
  return std::string(object.data(), object.size());
}

}  // namespace zc
