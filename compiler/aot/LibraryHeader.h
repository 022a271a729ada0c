// The header zc build --header writes: what this library is and holds, as
// comments a reader of the header sees first, then the C ABI (zc/zhengce.h).
#pragma once

#include <string>

#include "describe/RulesetDescription.h"
#include "ir/Ir.h"

namespace zc {

std::string libraryHeader(const ir::Program& program, const RulesetIdentity& identity);

}  // namespace zc
