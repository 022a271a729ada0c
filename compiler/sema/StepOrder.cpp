// 条款 "X": a clause built on another's award (配套). The references are bound
// once every clause is known, and the clause steps ordered so each runs after
// the clauses it reads; rules (就高, 封顶) come after every clause, and last
// each per-item clause's items are settled with what the rules left it.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "sema/Checker.h"

namespace zc {

namespace {

// The 条款 "X" instructions a step reads, each naming the clause in its index.
std::vector<ir::ValueId> awardReads(const ir::Program& program, const ir::Step& step) {
  std::vector<ir::ValueId> reads;
  std::vector<ir::ValueId> pending{step.value, step.amount, step.pays};
  std::vector<bool> seen(program.insts.size());
  while (!pending.empty()) {
    ir::ValueId id = pending.back();
    pending.pop_back();
    if (id == ir::kNoValue || seen[id]) continue;
    seen[id] = true;
    const ir::Inst& inst = program.insts[id];
    if (inst.op == ir::Op::ClauseAmount && inst.index >= 0) reads.push_back(id);
    for (ir::ValueId operand : {inst.a, inst.b, inst.c}) pending.push_back(operand);
    for (ir::ValueId operand : inst.args) pending.push_back(operand);
  }
  return reads;
}

// What runs as one: a clause alone, or the per-item clauses of one policy
// over one list, which run item by item together.
struct StepUnit {
  std::vector<int> clauses;
  bool perItem = false;
};

}  // namespace

// Kahn's algorithm, taking the first entry in source order that is ready, so
// a ruleset without references keeps its order. Entries in a cycle, and those
// waiting for them, are left in `left`.
std::vector<int> Checker::readyOrder(const std::vector<int>& entries, const std::function<std::vector<int>(int)>& waitsFor,
                                     std::vector<int>& left) {
  std::vector<int> order;
  left = entries;
  while (!left.empty()) {
    auto ready = std::find_if(left.begin(), left.end(), [&](int entry) {
      std::vector<int> waits = waitsFor(entry);
      return std::none_of(waits.begin(), waits.end(), [&](int w) { return std::count(left.begin(), left.end(), w) > 0; });
    });
    if (ready == left.end()) break;
    order.push_back(*ready);
    left.erase(ready);
  }
  return order;
}

void Checker::orderSteps() {
  ir::Program& program = out_.program;
  std::vector<std::string> ids;
  for (const ir::Clause& c : program.clauses) ids.push_back(c.id);
  for (const ClauseReference& ref : clauseReferences_) {
    auto found = std::find(ids.begin(), ids.end(), ref.id);
    if (found == ids.end() || program.clauses[found - ids.begin()].kind != rt::ResultKind::Award) {
      auto& d = diags_.report(DiagKind::UnknownClauseReference, ref.span,
                              found == ids.end() ? fmt::format("there is no clause '{}' to build on", ref.id)
                                                 : fmt::format("{} pays no amount to build on", ref.id));
      std::string near = found == ids.end() ? closestName(ref.id, ids) : "";
      if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
      continue;
    }
    program.insts[ref.inst].index = static_cast<int32_t>(found - ids.begin());
  }

  std::vector<ir::Step> gates, rules, itemRules;
  std::map<int, ir::Step> clauseSteps;  // by clause
  for (ir::Step& step : program.steps) {
    if (step.kind == ir::StepKind::Gate) gates.push_back(std::move(step));
    else if (step.kind == ir::StepKind::Clause) clauseSteps.emplace(step.target, std::move(step));
    else if (step.perItem) itemRules.push_back(std::move(step));
    else rules.push_back(std::move(step));
  }
  std::vector<StepUnit> units;
  std::vector<int> unitOf(program.clauses.size(), -1);
  std::map<std::pair<int, int>, int> itemUnits;  // by policy and list
  for (const auto& [clause, step] : clauseSteps) {
    const ir::Clause& c = program.clauses[clause];
    int unit = static_cast<int>(units.size());
    if (c.itemList >= 0) {
      auto [found, added] = itemUnits.emplace(std::pair{c.policy, c.itemList}, unit);
      unit = found->second;
      if (added) units.push_back({{}, true});
    } else {
      units.push_back({});
    }
    units[unit].clauses.push_back(clause);
    unitOf[clause] = unit;
  }
  // A per-item clause reads another of its unit for the item at hand.
  std::map<int, std::vector<int>> reads;
  for (auto& [clause, step] : clauseSteps) {
    for (ir::ValueId id : awardReads(program, step)) {
      ir::Inst& inst = program.insts[id];
      inst.index2 = units[unitOf[clause]].perItem && unitOf[inst.index] == unitOf[clause] ? 1 : 0;
      reads[clause].push_back(inst.index);
    }
  }
  auto reportCycle = [&](const std::vector<int>& clauses) {
    std::string circle;
    for (int clause : clauses) circle += (circle.empty() ? "" : ", ") + program.clauses[clause].id;
    diags_.report(DiagKind::ClauseReferenceCycle, program.clauses[clauses.front()].span,
                  fmt::format("these clauses build on each other's awards in a circle, so none can be computed first: {}", circle));
  };
  std::vector<int> unitIds(units.size());
  for (size_t u = 0; u < units.size(); ++u) unitIds[u] = static_cast<int>(u);
  std::vector<int> left;
  std::vector<int> unitOrder = readyOrder(unitIds, [&](int u) {
    std::vector<int> waits;
    for (int clause : units[u].clauses)
      for (int read : reads[clause])
        if (unitOf[read] >= 0 && (unitOf[read] != u || !units[u].perItem)) waits.push_back(unitOf[read]);
    return waits;
  }, left);
  if (!left.empty()) {
    std::vector<int> clauses;
    for (int u : left) clauses.insert(clauses.end(), units[u].clauses.begin(), units[u].clauses.end());
    std::sort(clauses.begin(), clauses.end());
    reportCycle(clauses);
    return;
  }
  std::vector<ir::Step> ordered = std::move(gates);
  for (int u : unitOrder) {
    const StepUnit& unit = units[u];
    if (!unit.perItem) {
      ordered.push_back(std::move(clauseSteps.at(unit.clauses[0])));
      continue;
    }
    std::vector<int> order = readyOrder(unit.clauses, [&](int clause) { return reads[clause]; }, left);
    if (!left.empty()) {
      reportCycle(left);
      return;
    }
    const ir::Clause& first = program.clauses[unit.clauses[0]];
    ir::Step items{.kind = ir::StepKind::Items, .target = first.itemList, .members = order, .span = first.itemSpan};
    for (int clause : order) {
      items.loops.push_back(program.clauses[clause].itemLoop);
      items.body.push_back(std::move(clauseSteps.at(clause)));
    }
    for (const ir::Step& rule : itemRules)
      if (unitOf[rule.members[0]] == u) items.body.push_back(rule);
    ordered.push_back(std::move(items));
  }
  for (const ir::Step& rule : rules) ordered.push_back(rule);
  for (int clause = 0; clause < static_cast<int>(program.clauses.size()); ++clause) {
    if (unitOf[clause] < 0 || !units[unitOf[clause]].perItem) continue;
    ir::Step settle{.kind = ir::StepKind::Settle, .target = clause};
    for (const ir::Step& rule : rules) {
      if (std::find(rule.members.begin(), rule.members.end(), clause) == rule.members.end()) continue;
      settle.inRule = true;
      settle.span = rule.span;
      if (rule.kind == ir::StepKind::Cap) settle.proRata = rule.proRata;
    }
    ordered.push_back(std::move(settle));
  }
  program.steps = std::move(ordered);
}

}  // namespace zc
