// A readable listing of the IR, for `zc check --dump-ir` and for debugging
// the back ends.
#pragma once

#include <string>

#include "ir/Ir.h"

namespace zc::ir {

std::string printProgram(const Program& program);
// The name an operation is listed by: dec.add, elem.present.
const char* opName(Op op);

}  // namespace zc::ir
