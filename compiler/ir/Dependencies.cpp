#include "ir/Dependencies.h"

#include <set>

#include "ir/IrQueries.h"

namespace zc::ir {

namespace {

std::vector<int> indicesOf(const std::vector<bool>& set) {
  std::vector<int> out;
  for (size_t i = 0; i < set.size(); ++i)
    if (set[i]) out.push_back(static_cast<int>(i));
  return out;
}

void unite(std::vector<bool>& into, const std::vector<bool>& from) {
  for (size_t i = 0; i < from.size(); ++i)
    if (from[i]) into[i] = true;
}

}  // namespace

DependencyAnalysis::DependencyAnalysis(const Program& program)
    : program_(program),
      clauseSteps_(program.clauses.size()),
      gateSteps_(program.gateCount),
      rulesOf_(program.clauses.size()) {
  collectSteps(program.steps);
  // The list each loop walks: a 求和/个数's, or a per-item clause's.
  loopField_.assign(program.loopCount, -1);
  for (const Inst& inst : program.insts)
    if (inst.op == Op::Sum || inst.op == Op::Count) loopField_[inst.index] = inst.index2;
  for (const Clause& c : program.clauses)
    if (c.itemLoop >= 0) loopField_[c.itemLoop] = c.itemList;
  size_t fieldCount = program.schema.fields.size(), paramCount = program.params.size();
  direct_.resize(program.clauses.size());
  for (size_t c = 0; c < program.clauses.size(); ++c) {
    Direct& d = direct_[c];
    d.fields.assign(fieldCount, false);
    d.params.assign(paramCount, false);
    const Step& step = *clauseSteps_[c];
    for (ValueId condition : step.conditions) walk(condition, d.fields, d.params, d.named);
    walk(step.amount, d.fields, d.params, d.named);
    walk(step.pays, d.fields, d.params, d.named);
    if (program.clauses[c].itemList >= 0) d.fields[program.clauses[c].itemList] = true;
  }
  // A clause depends on every clause it names and every clause a rule over it
  // names (their amounts decide what it keeps), and so on: the closure.
  for (size_t c = 0; c < program.clauses.size(); ++c) {
    ClauseDependencies& out = clauses_.emplace_back();
    std::vector<bool> fields(fieldCount), params(paramCount);
    std::vector<bool> reached(program.clauses.size());
    std::vector<int> pending{static_cast<int>(c)};
    reached[c] = true;
    auto reach = [&](int clause) {
      if (!reached[clause]) pending.push_back(clause), reached[clause] = true;
    };
    while (!pending.empty()) {
      int d = pending.back();
      pending.pop_back();
      unite(fields, direct_[d].fields);
      unite(params, direct_[d].params);
      for (int named : direct_[d].named) reach(named);
      for (const Step* rule : rulesOf_[d]) {
        for (int32_t member : rule->members) reach(member);
        std::vector<int> limitNamed;
        walk(rule->value, fields, params, limitNamed);
        for (int named : limitNamed) reach(named);
      }
    }
    reached[c] = false;
    out.fields = indicesOf(fields);
    out.params = indicesOf(params);
    out.clauses = indicesOf(reached);
  }
  // Conditions that name a clause (条款 "X" > 0) depend on all that clause's outcome does.
  for (size_t c = 0; c < program.clauses.size(); ++c) {
    std::vector<bool> conditionFields(fieldCount), ignoredParams(paramCount);
    std::vector<int> named;
    for (ValueId condition : clauseSteps_[c]->conditions) walk(condition, conditionFields, ignoredParams, named);
    for (int n : named)
      for (int f : clauses_[n].fields) conditionFields[f] = true;
    clauses_[c].conditionFields = indicesOf(conditionFields);
  }
}

void DependencyAnalysis::collectSteps(const std::vector<Step>& steps) {
  for (const Step& step : steps) {
    switch (step.kind) {
      case StepKind::Gate:
        gateSteps_[step.target] = &step;
        break;
      case StepKind::Clause:
        clauseSteps_[step.target] = &step;
        break;
      case StepKind::Highest:
      case StepKind::Cap:
        for (int32_t member : step.members) rulesOf_[member].push_back(&step);
        break;
      case StepKind::Items:
        collectSteps(step.body);
        break;
      case StepKind::Settle:
        break;
    }
  }
}

void DependencyAnalysis::walk(ValueId root, std::vector<bool>& fields, std::vector<bool>& params,
                              std::vector<int>& named) const {
  std::vector<ValueId> pending{root};
  std::set<ValueId> seen;
  while (!pending.empty()) {
    ValueId id = pending.back();
    pending.pop_back();
    if (id == kNoValue || !seen.insert(id).second) continue;
    const Inst& inst = program_.insts[id];
    switch (inst.op) {
      case Op::Field:
      case Op::FieldPresent:
        fields[inst.index] = true;
        break;
      case Op::Sum:
      case Op::Count:
        fields[inst.index2] = true;
        break;
      // An item's values are read from the list its loop walks.
      case Op::Elem:
      case Op::ElemField:
      case Op::ElemFieldPresent:
        if (loopField_[inst.index] >= 0) fields[loopField_[inst.index]] = true;
        break;
      case Op::Param: {
        int first = inst.index;
        while (first > 0 && program_.params[first].from && program_.params[first - 1].from &&
               program_.params[first - 1].name == program_.params[first].name)
          --first;
        params[first] = true;
        break;
      }
      case Op::Gate:
        for (ValueId condition : gateSteps_[inst.index]->conditions) pending.push_back(condition);
        break;
      case Op::ClauseAmount:
        named.push_back(inst.index);
        break;
      default:
        break;
    }
    pushOperands(inst, pending);
  }
}

void DependencyAnalysis::reads(ValueId value, std::vector<bool>& fields, std::vector<bool>& params) const {
  std::vector<int> named;
  walk(value, fields, params, named);
  for (int n : named) {
    for (int f : clauses_[n].fields) fields[f] = true;
    for (int p : clauses_[n].params) params[p] = true;
  }
}

}  // namespace zc::ir
