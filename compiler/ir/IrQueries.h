// Questions about a program's IR that callers outside the back ends ask.
#pragma once

#include "ir/Ir.h"

namespace zc::ir {

// Whether evaluating the value reads the record (a field, a list), so it
// cannot be evaluated without one.
bool readsRecord(const Program& program, ValueId value);

}  // namespace zc::ir
