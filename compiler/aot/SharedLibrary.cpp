#include "aot/SharedLibrary.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/GlobalVariable.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "aot/LibraryTarget.h"
#include "codegen/BatchCodegen.h"
#include "codegen/ObjectEmitter.h"
#include "source/Installation.h"
#include "zc/library.h"

extern char** environ;

namespace zc {

namespace {

llvm::Error failure(const std::string& message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

// The description the library runtime reads back, as a NUL-terminated global.
void addDescription(llvm::Module& module, const std::string& description) {
  auto* text = llvm::ConstantDataArray::getString(module.getContext(), description, true);
  auto* global = new llvm::GlobalVariable(module, text->getType(), true, llvm::GlobalValue::ExternalLinkage, text,
                                          ZC_LIBRARY_DESCRIPTION_SYMBOL);
  global->setVisibility(llvm::GlobalValue::HiddenVisibility);
}

// The generated code is the library's inside: only the zhengce_* ABI is exported.
void hideGeneratedSymbols(llvm::Module& module) {
  for (llvm::GlobalValue& g : module.global_values())
    if (!g.isDeclaration() && !g.hasLocalLinkage()) g.setVisibility(llvm::GlobalValue::HiddenVisibility);
}

llvm::Error run(const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  for (const auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
    return failure("cannot start the linker " + arguments[0]);
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return failure("the linker " + arguments[0] + " failed");
  return llvm::Error::success();
}

}  // namespace

std::string libraryLinker() {
  const char* linker = std::getenv("ZC_LINKER");
  return linker != nullptr && *linker != '\0' ? linker : ZC_DEFAULT_LINKER;
}

llvm::Error buildSharedLibrary(const ir::Program& program, const RulesetIdentity& identity,
                               const std::string& outputPath) {
  auto machine = libraryMachine();
  if (!machine) return machine.takeError();
  llvm::LLVMContext context;
  auto module = lowerToLlvm(program, context, (*machine)->createDataLayout());
  if (!module) return module.takeError();
  setTarget(**module, **machine);
  if (auto error = linkRuntime(**module)) return error;
  hideGeneratedSymbols(**module);
  addDescription(**module, describeRuleset(program, identity));
  auto object = emitObject(**module, **machine, Pipeline::Full);
  if (!object) return object.takeError();

  std::string objectPath = outputPath + ".XXXXXX.o";
  int fd = mkstemps(objectPath.data(), 2);
  if (fd < 0) return failure("cannot write a temporary object beside " + outputPath);
  bool written = write(fd, object->data(), object->size()) == static_cast<ssize_t>(object->size());
  close(fd);
  // All of the archive: nothing in the object calls the ABI it exports.
  std::string archive = ownFile("lib/zhengce/libzc_library_runtime.a", ZC_LIBRARY_RUNTIME_ARCHIVE).string();
  std::string exports = ownFile("lib/zhengce/exports.map", ZC_LIBRARY_EXPORTS).string();
  llvm::Error linked =
      written ? run({libraryLinker(), "-shared", "-o", outputPath, objectPath, "-Wl,--whole-archive", archive,
                     "-Wl,--no-whole-archive", "-Wl,-z,defs", "-Wl,--version-script=" + exports, "-s"})
              : failure("cannot write " + objectPath);
  std::remove(objectPath.c_str());
  return linked;
}

}  // namespace zc
