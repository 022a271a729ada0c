// --param NAME=VALUE (and the REPL's :set): a parameter's new value, read
// against its declaration, before any engine is given it.
#pragma once

#include <string>

#include "ir/Ir.h"

namespace zc {

// Reads the assignment into the parameter's index and value. Returns an
// error message naming the parameter, or empty. A dated parameter's index is
// its first entry: the value replaces every entry (ir::entriesOf).
std::string parseParamOverride(const ir::Program& program, const std::string& assignment, int& index,
                               rt::Scalar& value);

}  // namespace zc
