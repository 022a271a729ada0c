// 条款 "X": a clause built on another's award (配套). The references are bound
// once every clause is known, and the steps ordered so a clause reads what X
// actually pays: after X, and after the 就高 and 封顶 over X. Rules keep their
// source order among rules sharing a clause, and each rule over whole clauses
// is followed by the settling of its per-item clauses' items, cut as that rule
// cuts.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "ir/IrQueries.h"
#include "sema/Checker.h"

namespace zc {

namespace {

// The 条款 "X" instructions a step reads, each naming the clause in its index.
// What it has seen is kept per step, not per instruction of the program: the
// walk then costs what the step is, and a ruleset's steps cost its size.
std::vector<ir::ValueId> awardReads(const ir::Program& program, const ir::Step& step) {
  std::vector<ir::ValueId> reads;
  std::vector<ir::ValueId> pending{step.value, step.amount, step.pays};
  pending.insert(pending.end(), step.conditions.begin(), step.conditions.end());
  std::unordered_set<ir::ValueId> seen;
  while (!pending.empty()) {
    ir::ValueId id = pending.back();
    pending.pop_back();
    if (id == ir::kNoValue || !seen.insert(id).second) continue;
    const ir::Inst& inst = program.insts[id];
    if (inst.op == ir::Op::ClauseAmount && inst.index >= 0) reads.push_back(id);
    ir::pushOperands(inst, pending);
  }
  return reads;
}

// What runs as one: a clause alone, or the per-item clauses of one policy
// over one list, which run item by item together.
struct StepUnit {
  std::vector<int> clauses;
  bool perItem = false;
};

bool names(const ir::Step& rule, int clause) {
  return std::find(rule.members.begin(), rule.members.end(), clause) != rule.members.end();
}

// The rules (by their index in `rules`) that name each clause.
std::vector<std::vector<int>> rulesNaming(const std::vector<ir::Step>& rules, size_t clauseCount) {
  std::vector<std::vector<int>> naming(clauseCount);
  for (size_t r = 0; r < rules.size(); ++r)
    for (int clause : rules[r].members) naming[clause].push_back(static_cast<int>(r));
  return naming;
}

// A reference from one clause to another's award.
struct AwardRead {
  int reader, target;
  ir::ValueId inst;
};

}  // namespace

// Kahn's algorithm, taking the first entry in source order that is ready, so
// a ruleset without references keeps its order. Entries in a cycle, and those
// waiting for them, are left in `left`. A wait for what is not an entry is no
// wait. Each entry's waits are asked once, and the ready entries kept in a
// heap by their place: time grows with entries and waits, not their square.
std::vector<int> Checker::readyOrder(const std::vector<int>& entries,
                                     const std::function<std::vector<int>(int)>& waitsFor, std::vector<int>& left) {
  std::unordered_map<int, size_t> place;
  for (size_t i = 0; i < entries.size(); ++i) place.emplace(entries[i], i);
  std::vector<size_t> waiting(entries.size());
  std::vector<std::vector<size_t>> waitedForBy(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    std::vector<int> waits = waitsFor(entries[i]);
    std::sort(waits.begin(), waits.end());
    waits.erase(std::unique(waits.begin(), waits.end()), waits.end());
    for (int w : waits) {
      auto found = place.find(w);
      if (found == place.end()) continue;
      ++waiting[i];
      waitedForBy[found->second].push_back(i);
    }
  }
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < entries.size(); ++i)
    if (waiting[i] == 0) ready.push(i);
  std::vector<bool> done(entries.size());
  std::vector<int> order;
  while (!ready.empty()) {
    size_t i = ready.top();
    ready.pop();
    order.push_back(entries[i]);
    done[i] = true;
    for (size_t next : waitedForBy[i])
      if (--waiting[next] == 0) ready.push(next);
  }
  left.clear();
  for (size_t i = 0; i < entries.size(); ++i)
    if (!done[i]) left.push_back(entries[i]);
  return order;
}

void Checker::orderSteps() {
  ir::Program& program = out_.program;
  std::vector<std::string> ids;
  for (const ir::Clause& c : program.clauses) ids.push_back(c.id);
  std::map<ir::ValueId, Span> referenceSpans;
  for (const ClauseReference& ref : clauseReferences_) {
    auto found = clauseIndex_.find(ref.id);
    bool known = found != clauseIndex_.end();
    if (!known || program.clauses[found->second].kind != rt::ResultKind::Award) {
      auto& d = diags_.report(DiagKind::UnknownClauseReference, ref.span,
                              !known ? fmt::format("there is no clause '{}' to build on", ref.id)
                                     : fmt::format("{} pays no amount to build on", ref.id));
      std::string near = !known ? closestName(ref.id, ids) : "";
      if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
      continue;
    }
    program.insts[ref.inst].index = static_cast<int32_t>(found->second);
    referenceSpans[ref.inst] = ref.span;
  }

  std::vector<ir::Step> gates, rules, itemRules;
  std::map<int, ir::Step> clauseSteps;  // by clause
  for (ir::Step& step : program.steps) {
    if (step.kind == ir::StepKind::Gate)
      gates.push_back(std::move(step));
    else if (step.kind == ir::StepKind::Clause)
      clauseSteps.emplace(step.target, std::move(step));
    else if (step.perItem)
      itemRules.push_back(std::move(step));
    else
      rules.push_back(std::move(step));
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
  std::vector<AwardRead> reads;
  for (auto& [clause, step] : clauseSteps) {
    for (ir::ValueId id : awardReads(program, step)) {
      ir::Inst& inst = program.insts[id];
      inst.index2 = units[unitOf[clause]].perItem && unitOf[inst.index] == unitOf[clause] ? 1 : 0;
      reads.push_back({clause, inst.index, id});
    }
  }
  auto sameItem = [&](const AwardRead& read) { return program.insts[read.inst].index2 == 1; };
  std::vector<std::vector<const AwardRead*>> readsBy(program.clauses.size());
  for (const AwardRead& read : reads) readsBy[read.reader].push_back(&read);
  std::vector<std::vector<int>> rulesOver = rulesNaming(rules, program.clauses.size());
  std::vector<std::vector<int>> itemRulesOver = rulesNaming(itemRules, program.clauses.size());

  // The circle: its clauses, a note at each reference and rule that closes it.
  auto reportCycle = [&](std::vector<int> clauses, const std::vector<const ir::Step*>& circleRules) {
    auto underRule = [&](int clause) {
      return std::any_of(circleRules.begin(), circleRules.end(),
                         [&](const ir::Step* rule) { return names(*rule, clause); });
    };
    for (const AwardRead& read : reads)
      if (std::count(clauses.begin(), clauses.end(), read.reader) && underRule(read.target))
        clauses.push_back(read.target);
    std::sort(clauses.begin(), clauses.end());
    clauses.erase(std::unique(clauses.begin(), clauses.end()), clauses.end());
    std::string circle;
    for (int clause : clauses) circle += (circle.empty() ? "" : ", ") + program.clauses[clause].id;
    auto& d = diags_.report(
        DiagKind::ClauseReferenceCycle, program.clauses[clauses.front()].span,
        circleRules.empty()
            ? fmt::format("these clauses build on each other's awards in a circle, so none can be computed first: {}",
                          circle)
            : fmt::format("these clauses build on each other's awards through a rule over them, so none can be "
                          "computed first: {}",
                          circle));
    auto inCircle = [&](int clause) { return std::binary_search(clauses.begin(), clauses.end(), clause); };
    for (const AwardRead& read : reads)
      if (inCircle(read.reader) && inCircle(read.target))
        d.notes.push_back({referenceSpans[read.inst],
                           fmt::format("{} builds on what {} pays here", ids[read.reader], ids[read.target])});
    for (const ir::Step* rule : circleRules)
      d.notes.push_back({rule->span, fmt::format("a clause read after this {} is also one it combines",
                                                 rule->kind == ir::StepKind::Highest ? "就高" : "封顶")});
  };

  // Per-item units: their clauses and per-item rules, as entries numbered
  // clause first, then clauses.size() + the rule's index in itemRules.
  const int ruleBase = static_cast<int>(program.clauses.size());
  auto itemWaits = [&](int entry) {
    std::vector<int> waits;
    if (entry >= ruleBase) {
      const ir::Step& rule = itemRules[entry - ruleBase];
      waits.assign(rule.members.begin(), rule.members.end());
      // The earlier rules that share a clause with this one.
      for (int clause : rule.members)
        for (int earlier : itemRulesOver[clause])
          if (earlier < entry - ruleBase) waits.push_back(ruleBase + earlier);
      return waits;
    }
    for (const AwardRead* read : readsBy[entry]) {
      if (!sameItem(*read)) continue;
      waits.push_back(read->target);
      for (int r : itemRulesOver[read->target]) waits.push_back(ruleBase + r);
    }
    return waits;
  };
  // The whole: units, then whole-clause rules as units.size() + their index.
  const int unitCount = static_cast<int>(units.size());
  auto waits = [&](int entry) {
    std::vector<int> waits;
    if (entry >= unitCount) {
      const ir::Step& rule = rules[entry - unitCount];
      for (int clause : rule.members) {
        waits.push_back(unitOf[clause]);
        for (int earlier : rulesOver[clause])
          if (earlier < entry - unitCount) waits.push_back(unitCount + earlier);
      }
      return waits;
    }
    for (int clause : units[entry].clauses)
      for (const AwardRead* read : readsBy[clause]) {
        if (sameItem(*read)) continue;
        waits.push_back(unitOf[read->target]);
        for (int r : rulesOver[read->target]) waits.push_back(unitCount + r);
      }
    return waits;
  };

  std::vector<std::vector<int>> itemRulesOfUnit(units.size());
  for (size_t r = 0; r < itemRules.size(); ++r)
    if (int unit = unitOf[itemRules[r].members[0]]; unit >= 0) itemRulesOfUnit[unit].push_back(static_cast<int>(r));

  std::vector<int> entries(units.size() + rules.size());
  for (size_t e = 0; e < entries.size(); ++e) entries[e] = static_cast<int>(e);
  std::vector<int> left;
  std::vector<int> order = readyOrder(entries, waits, left);
  if (!left.empty()) {
    std::vector<int> clauses;
    std::vector<const ir::Step*> circleRules;
    for (int entry : left) {
      if (entry >= unitCount)
        circleRules.push_back(&rules[entry - unitCount]);
      else
        clauses.insert(clauses.end(), units[entry].clauses.begin(), units[entry].clauses.end());
    }
    reportCycle(clauses, circleRules);
    return;
  }
  std::vector<ir::Step> ordered = std::move(gates);
  for (int entry : order) {
    if (entry >= unitCount) {
      const ir::Step& rule = rules[entry - unitCount];
      ordered.push_back(rule);
      for (int clause : rule.members)
        if (units[unitOf[clause]].perItem)
          ordered.push_back(
              {.kind = ir::StepKind::Settle, .target = clause, .proRata = rule.proRata, .span = rule.span});
      continue;
    }
    const StepUnit& unit = units[entry];
    if (!unit.perItem) {
      ordered.push_back(std::move(clauseSteps.at(unit.clauses[0])));
      continue;
    }
    std::vector<int> bodyEntries = unit.clauses;
    for (int r : itemRulesOfUnit[entry]) bodyEntries.push_back(ruleBase + r);
    std::vector<int> bodyOrder = readyOrder(bodyEntries, itemWaits, left);
    if (!left.empty()) {
      std::vector<int> clauses;
      std::vector<const ir::Step*> circleRules;
      for (int e : left) {
        if (e >= ruleBase)
          circleRules.push_back(&itemRules[e - ruleBase]);
        else
          clauses.push_back(e);
      }
      reportCycle(clauses, circleRules);
      return;
    }
    const ir::Clause& first = program.clauses[unit.clauses[0]];
    ir::Step items{.kind = ir::StepKind::Items, .target = first.itemList, .span = first.itemSpan};
    for (int e : bodyOrder) {
      if (e >= ruleBase) {
        items.body.push_back(itemRules[e - ruleBase]);
        continue;
      }
      items.members.push_back(e);
      items.loops.push_back(program.clauses[e].itemLoop);
      items.body.push_back(std::move(clauseSteps.at(e)));
    }
    ordered.push_back(std::move(items));
  }
  program.steps = std::move(ordered);
}

}  // namespace zc
