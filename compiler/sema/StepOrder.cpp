// 条款 "X": a clause built on another's award (配套). The references are bound
// once every clause is known, and the clause steps ordered so each runs after
// the clauses it reads; rules (就高, 封顶) come after every clause.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "sema/Checker.h"

namespace zc {

namespace {

// The clauses whose awards a step reads.
std::vector<int> readsAwards(const ir::Program& program, const ir::Step& step) {
  std::vector<int> clauses;
  std::vector<ir::ValueId> pending{step.value, step.amount, step.pays};
  std::vector<bool> seen(program.insts.size());
  while (!pending.empty()) {
    ir::ValueId id = pending.back();
    pending.pop_back();
    if (id == ir::kNoValue || seen[id]) continue;
    seen[id] = true;
    const ir::Inst& inst = program.insts[id];
    if (inst.op == ir::Op::ClauseAmount && inst.index >= 0) clauses.push_back(inst.index);
    for (ir::ValueId operand : {inst.a, inst.b, inst.c}) pending.push_back(operand);
    for (ir::ValueId operand : inst.args) pending.push_back(operand);
  }
  return clauses;
}

}  // namespace

void Checker::orderSteps() {
  ir::Program& program = out_.program;
  std::vector<std::string> ids;
  for (const ir::Clause& c : program.clauses) ids.push_back(c.id);
  for (const ClauseReference& ref : clauseReferences_) {
    auto found = std::find(ids.begin(), ids.end(), ref.id);
    if (found == ids.end() || program.clauses[found - ids.begin()].kind != ir::ResultKind::Award) {
      auto& d = diags_.report(DiagKind::UnknownClauseReference, ref.span,
                              found == ids.end() ? fmt::format("there is no clause '{}' to build on", ref.id)
                                                 : fmt::format("{} pays no amount to build on", ref.id));
      std::string near = found == ids.end() ? closestName(ref.id, ids) : "";
      if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
      continue;
    }
    program.insts[ref.inst].index = static_cast<int32_t>(found - ids.begin());
  }

  std::vector<ir::Step> gates, rules;
  std::map<int, ir::Step> clauseSteps;  // by clause
  for (ir::Step& step : program.steps) {
    if (step.kind == ir::StepKind::Gate) gates.push_back(std::move(step));
    else if (step.kind == ir::StepKind::Clause) clauseSteps.emplace(step.target, std::move(step));
    else rules.push_back(std::move(step));
  }
  // Kahn's algorithm, taking the first clause in source order that is ready,
  // so a ruleset without references keeps its order.
  std::map<int, std::vector<int>> reads;
  for (const auto& [clause, step] : clauseSteps) reads[clause] = readsAwards(program, step);
  std::vector<ir::Step> ordered = std::move(gates);
  std::vector<bool> done(program.clauses.size());
  while (!clauseSteps.empty()) {
    auto ready = std::find_if(clauseSteps.begin(), clauseSteps.end(), [&](const auto& entry) {
      return std::all_of(reads[entry.first].begin(), reads[entry.first].end(), [&](int c) { return done[c] || (!clauseSteps.count(c) && c != entry.first); });
    });
    if (ready == clauseSteps.end()) {
      std::string circle;
      for (const auto& [clause, step] : clauseSteps) circle += (circle.empty() ? "" : ", ") + program.clauses[clause].id;
      diags_.report(DiagKind::ClauseReferenceCycle, program.clauses[clauseSteps.begin()->first].span,
                    fmt::format("these clauses build on each other's awards in a circle, so none can be computed first: {}", circle));
      return;
    }
    done[ready->first] = true;
    ordered.push_back(std::move(ready->second));
    clauseSteps.erase(ready);
  }
  for (ir::Step& rule : rules) ordered.push_back(std::move(rule));
  program.steps = std::move(ordered);
}

}  // namespace zc
