#include "aot/LibraryTarget.h"

#include <llvm/MC/TargetRegistry.h>
#include <llvm/TargetParser/Host.h>

#include "codegen/ObjectEmitter.h"

namespace zc {

llvm::Expected<std::unique_ptr<llvm::TargetMachine>> libraryMachine() {
  initializeNativeTarget();
  std::string triple = llvm::sys::getDefaultTargetTriple();
  std::string problem;
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget(triple, problem);
  if (target == nullptr) return llvm::createStringError(llvm::inconvertibleErrorCode(), problem);
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      triple, "generic", "", llvm::TargetOptions(), llvm::Reloc::PIC_, std::nullopt, llvm::CodeGenOptLevel::Default));
}

void setTarget(llvm::Module& module, const llvm::TargetMachine& machine) {
  module.setTargetTriple(machine.getTargetTriple().str());
  module.setDataLayout(machine.createDataLayout());
}

}  // namespace zc
