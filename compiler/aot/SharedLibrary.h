// zc build: a ruleset as one shared library. The module the JIT would run,
// plus a description global, becomes a PIC object; the system's C++ driver
// links it with the library runtime (runtime/library/) into a .so that needs
// only the C and C++ standard libraries.
#pragma once

#include <llvm/Support/Error.h>

#include <string>

#include "describe/RulesetDescription.h"
#include "ir/Ir.h"

namespace zc {

// Where the library runtime archive and the linker were found when zc was
// built; ZC_LINKER in the environment names another C++ driver.
std::string libraryLinker();

llvm::Error buildSharedLibrary(const ir::Program& program, const RulesetIdentity& identity,
                               const std::string& outputPath);

}  // namespace zc
