// Questions about a program's IR that callers outside the back ends ask.
#pragma once

#include "ir/Ir.h"

namespace zc::ir {

// Whether evaluating the value reads the record (a field, a list), so it
// cannot be evaluated without one.
bool readsRecord(const Program& program, ValueId value);

// The parameters an override of parameter `first` sets: itself, or each
// dated value of its name (consecutive entries).
std::vector<int> entriesOf(const Program& program, int first);

}  // namespace zc::ir
