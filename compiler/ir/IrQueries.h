// Questions about a program's IR that callers outside the back ends ask.
#pragma once

#include <string>
#include <unordered_set>
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

// Whether computing the value reaches an instruction for which `found`
// holds. Each instruction is visited once: a value shared by many (a 设 read
// everywhere) does not make the walk exponential.
template <typename Found>
bool reachesAny(const Program& program, ValueId root, Found found) {
  std::vector<ValueId> pending{root};
  std::unordered_set<ValueId> seen;
  while (!pending.empty()) {
    ValueId id = pending.back();
    pending.pop_back();
    if (id == kNoValue || !seen.insert(id).second) continue;
    const Inst& inst = program.insts[id];
    if (found(inst)) return true;
    pushOperands(inst, pending);
  }
  return false;
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
