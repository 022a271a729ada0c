// Questions about a program's IR that callers outside the back ends ask.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"

namespace zc::ir {

// Whether evaluating the value reads the record (a field, a list), so it
// cannot be evaluated without one.
bool readsRecord(const Program& program, ValueId value);

// Adds the values an instruction reads (kNoValue among them) to a walk's worklist.
inline void pushOperands(const Inst& inst, std::vector<ValueId>& pending) {
  pending.insert(pending.end(), {inst.a, inst.b, inst.c});
  pending.insert(pending.end(), inst.args.begin(), inst.args.end());
}

// The parameters an override of parameter `first` sets: itself, or each
// dated value of its name (consecutive entries).
std::vector<int> entriesOf(const Program& program, int first);

// A dated parameter entry's first day, "2024-01-01"; empty when undated.
std::string dateFrom(const Param& param);

// A result kind as descriptions and traces name it: "award", "eligible", "manual".
const char* resultKindName(rt::ResultKind kind);

// What the program's outcomes are assembled with: what the code generator
// writes as zc_ruleset_table, and the interpreter uses as it is.
rt::ResultTable resultTable(const Program& program);

}  // namespace zc::ir
