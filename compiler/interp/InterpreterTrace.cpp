// The interpreter's tracing: what a clause read, why it did or did not fire,
// and what its award was computed from, recorded as facts for the
// renderers (TraceText.h, ExplanationJson.h) to word.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_set>

#include "interp/Interpreter.h"
#include "interp/Trap.h"
#include "interp/ValueText.h"
#include "ir/IrQueries.h"

namespace zc {

using ir::Op;

std::string Interpreter::describe(ir::ValueId id, const ir::ShownUnit& unit) {
  try {
    return describeValue(eval(id), program_.insts[id].type, unit);
  } catch (const Trap& t) {
    return fmt::format("({})", zc_status_message(t.status));
  }
}

namespace {

// The record fields and parameters expressions read, in order of first use.
// Sets, not vectors the size of the program: an explanation costs what its
// clause reads, on a ruleset of any size. Each instruction is visited once,
// so a 设 that many terms share is not walked again for each.
struct Reads {
  std::unordered_set<ir::ValueId> visited;
  std::unordered_set<int> seenFields, seenParams;
  std::vector<int> fields, params;
};

void collectReads(const ir::Program& program, ir::ValueId id, Reads& reads) {
  if (id == ir::kNoValue || !reads.visited.insert(id).second) return;
  const ir::Inst& inst = program.insts[id];
  if (inst.op == Op::Param && reads.seenParams.insert(inst.index).second) reads.params.push_back(inst.index);
  int field = inst.op == Op::Field || inst.op == Op::FieldPresent ? inst.index
              : inst.op == Op::Sum || inst.op == Op::Count        ? inst.index2
                                                                  : -1;
  if (field >= 0 && reads.seenFields.insert(field).second) reads.fields.push_back(field);
  for (ir::ValueId operand : {inst.a, inst.b, inst.c}) collectReads(program, operand, reads);
  for (ir::ValueId operand : inst.args) collectReads(program, operand, reads);
}

}  // namespace

ClauseTrace Interpreter::explain(const ir::Clause& clause, int index) {
  ClauseTrace trace;
  trace.clause = index;
  Reads reads;
  const ir::Policy& policy = program_.policies[clause.policy];
  for (ir::ValueId c : policy.applies) collectReads(program_, c, reads);
  for (ir::ValueId c : policy.excludes) collectReads(program_, c, reads);
  for (int f : reads.fields)
    trace.policyInputs.push_back({f, showField(program_.schema.fields[f], record_->fields[f])});
  // The clause's own walk: afterwards, `visited` is what the clause reaches.
  reads.fields.clear();
  reads.visited.clear();
  for (ir::ValueId c : clause.conditions) collectReads(program_, c, reads);
  for (const auto& let : clause.lets) collectReads(program_, let.value, reads);
  collectReads(program_, clause.rawAmount, reads);
  for (int f : reads.fields) trace.inputs.push_back({f, showField(program_.schema.fields[f], record_->fields[f])});
  for (int p : reads.params) {
    rt::FieldValue value{true, params_[p], {}, {}};
    trace.params.push_back({p, showField(program_.params[p].schema, value)});
  }
  for (const auto& let : clause.lets) trace.values.push_back({let.name, describe(let.value, let.unit)});
  for (size_t i = 0; i < policy.lets.size(); ++i) {
    const ir::NamedValue& let = policy.lets[i];
    if (!reads.visited.count(let.value)) continue;
    trace.sharedLets.push_back(static_cast<int>(i));
    trace.sharedValues.push_back({let.name, describe(let.value, let.unit)});
  }
  return trace;
}

bool Interpreter::gives(ir::ValueId condition, bool value) {
  try {
    return holds(condition) == value;
  } catch (const Trap&) {
    return false;
  }
}

void Interpreter::explainFailure(const ir::Clause& clause, ClauseTrace& trace) {
  const ir::Policy& policy = program_.policies[clause.policy];
  // A policy whose gate failed may still exclude the record by a 条件 of the clause.
  trace.applicable = gates_[clause.policy].holds || gates_[clause.policy].status != ZC_OK;
  if (!trace.applicable) {
    for (size_t i = 0; trace.failedApplies < 0 && i < policy.applies.size(); ++i)
      if (gives(policy.applies[i], false)) trace.failedApplies = static_cast<int>(i);
    for (size_t i = 0; trace.failedApplies < 0 && trace.heldExclude < 0 && i < policy.excludes.size(); ++i)
      if (gives(policy.excludes[i], true)) trace.heldExclude = static_cast<int>(i);
    return;
  }
  for (size_t i = 0; trace.failedCondition < 0 && i < clause.conditions.size(); ++i)
    if (gives(clause.conditions[i], false)) trace.failedCondition = static_cast<int>(i);
}

namespace {

// A history entry as an explanation lists it: 2023 "TX-1" 100000 元.
std::string historyEntry(const rt::FieldSchema& list, const rt::SubRecord& row) {
  std::string text;
  for (std::string_view name : {"年度", "依据", "金额"})
    for (size_t i = 0; i < list.subFields.size(); ++i)
      if (list.subFields[i].name == name)
        text += (text.empty() ? "" : " ") + showScalar(list.subFields[i], row.values[i]);
  return text;
}

bool within(Span inner, Span outer) {
  return inner.file == outer.file && outer.begin <= inner.begin && inner.end <= outer.end;
}

}  // namespace

std::vector<ir::ValueId> Interpreter::observedFrom(ir::ValueId root, const Observation& seen) const {
  std::unordered_set<ir::ValueId> reached;
  std::vector<ir::ValueId> stack{root};
  std::vector<ir::ValueId> order;
  while (!stack.empty()) {
    ir::ValueId id = stack.back();
    stack.pop_back();
    if (id == ir::kNoValue || !seen.values.count(id) || !reached.insert(id).second) continue;
    order.push_back(id);
    const ir::Inst& inst = program_.insts[id];
    if (inst.op == Op::Sum || inst.op == Op::Count) continue;
    ir::pushOperands(inst, stack);
  }
  std::sort(order.begin(), order.end());
  return order;
}

void Interpreter::showLeaves(const std::vector<ir::ValueId>& order, const Observation& seen, Span source,
                             const ir::Clause* clause, std::vector<ShownValue>& leaves) const {
  for (ir::ValueId id : order) {
    const ir::Inst& inst = program_.insts[id];
    if (!within(inst.span, source)) continue;
    bool shown = std::any_of(leaves.begin(), leaves.end(), [&](const ShownValue& v) {
      return v.span.begin == inst.span.begin && v.span.end == inst.span.end;
    });
    if (shown) continue;
    const Value& value = seen.values.at(id);
    if (inst.op == Op::Field)
      leaves.push_back({inst.span, showField(program_.schema.fields[inst.index], record_->fields[inst.index])});
    // An optional field found absent is read no further (匹配 takes its 无 arm): show that.
    bool absent = (inst.op == Op::FieldPresent ||
                   (clause && inst.op == Op::ElemFieldPresent && inst.index == clause->itemLoop)) &&
                  value.i == 0;
    if (absent) leaves.push_back({inst.span, kAbsentText});
    bool ofItem = clause && (inst.op == Op::Elem || inst.op == Op::ElemField) && inst.index == clause->itemLoop;
    if (ofItem) {
      const rt::FieldSchema& list = program_.schema.fields[clause->itemList];
      const rt::FieldSchema& field = inst.op == Op::Elem ? list : list.subFields[inst.index2];
      leaves.push_back({inst.span, showScalar(field, {value.i, value.d, std::string(value.text)})});
    }
    // What X pays after the rules over it; of the same item, after the rules
    // 逐项 only, since the rules over X's total come after the item's step.
    if (inst.op == Op::ClauseAmount)
      leaves.push_back({inst.span, (inst.index2 == 1 ? "本项逐项规则后 " : "实际兑现 ") +
                                       describeValue(value, ir::Type::Dec, {"元"})});
    if (inst.op == Op::Count) leaves.push_back({inst.span, std::to_string(value.i)});
    // 已享受: what the history says was received, and the entries that counted.
    if (inst.op == Op::Sum && inst.index2 == program_.history) {
      const rt::FieldSchema& list = program_.schema.fields[inst.index2];
      std::string entries;
      std::vector<size_t> shownEntries;
      for (const Observation::Item& item : seen.items) {
        if (item.loop != id || !item.kept ||
            std::find(shownEntries.begin(), shownEntries.end(), item.position) != shownEntries.end())
          continue;
        shownEntries.push_back(item.position);
        entries +=
            (entries.empty() ? ": " : ", ") + historyEntry(list, record_->fields[inst.index2].rows[item.position]);
      }
      leaves.push_back({inst.span, describeValue(value, ir::Type::Dec, {"元"}) + entries});
    }
    if (inst.op == Op::Param)
      leaves.push_back({inst.span, showField(program_.params[inst.index].schema, {true, params_[inst.index], {}, {}})});
  }
}

namespace {

// The operands of a chain of `op` (A 或 B 或 C), in the order they are tested.
void chainParts(const ir::Program& program, ir::ValueId id, Op op, std::vector<ir::ValueId>& parts) {
  const ir::Inst& inst = program.insts[id];
  if (inst.op != op) {
    parts.push_back(id);
    return;
  }
  chainParts(program, inst.a, op, parts);
  chainParts(program, inst.b, op, parts);
}

}  // namespace

const Interpreter::SideTableIndex& Interpreter::sideTables() {
  if (sideTables_) return *sideTables_;
  SideTableIndex& index = sideTables_.emplace();
  for (size_t i = 0; i < program_.minimums.size(); ++i) index.minimums[program_.minimums[i].result].push_back(i);
  for (size_t i = 0; i < program_.choices.size(); ++i) index.choices[program_.choices[i].result].push_back(i);
  for (size_t i = 0; i < program_.brackets.size(); ++i) index.brackets[program_.brackets[i].reached].push_back(i);
  for (size_t i = 0; i < program_.yearsLimits.size(); ++i) index.yearsLimits.emplace(program_.yearsLimits[i].test, i);
  return index;
}

void Interpreter::explainConditions(const ir::Clause& clause, ClauseTrace& trace) {
  const Observation& seen = *observing_;
  // A 最长 that stops the clause: name the earlier years its history counted.
  if (trace.failedCondition >= 0) {
    const auto& limits = sideTables().yearsLimits;
    if (auto found = limits.find(clause.conditions[trace.failedCondition]); found != limits.end()) {
      const ir::YearsLimit& limit = program_.yearsLimits[found->second];
      std::set<int64_t> counted;
      for (const Observation::Item& item : seen.items)
        if (item.loop == limit.years && item.kept)
          counted.insert(record_->fields[program_.history].rows[item.position].values[limit.yearField].i);
      std::string shown;
      for (int64_t y : counted) shown += (shown.empty() ? "" : ", ") + std::to_string(y);
      Span line = clause.conditionSpans[trace.failedCondition];
      trace.conditionParts.push_back({trace.failedCondition,
                                      false,
                                      line,
                                      {{line, fmt::format("此前已兑现 {} 个年度: {}", counted.size(), shown)}}});
    }
  }
  for (size_t i = 0; i < clause.conditions.size(); ++i) {
    if (!clause.conditionHasParts[i] || (trace.failedCondition >= 0 && static_cast<int>(i) != trace.failedCondition))
      continue;
    ir::ValueId condition = clause.conditions[i];
    auto value = seen.values.find(condition);
    if (value == seen.values.end()) continue;  // not reached
    bool held = value->second.i != 0;
    Op op = program_.insts[condition].op;
    if (!((op == Op::Or && held) || (op == Op::And && !held))) continue;
    std::vector<ir::ValueId> parts;
    chainParts(program_, condition, op, parts);
    for (ir::ValueId part : parts) {
      auto v = seen.values.find(part);
      if (v == seen.values.end()) break;
      if ((v->second.i != 0) != held) continue;
      Span span = program_.insts[part].span;
      // A chain the lowering made of one expression (x 属于 {…}) has no part to name.
      Span whole = clause.conditionSpans[i];
      if (!within(span, whole) || (span.begin == whole.begin && span.end == whole.end)) break;
      ConditionPart shown{static_cast<int>(i), held, span, {}};
      showLeaves(observedFrom(part, seen), seen, span, &clause, shown.inputs);
      trace.conditionParts.push_back(std::move(shown));
      break;
    }
  }
}

void Interpreter::explainAmount(const ir::Clause& clause, ClauseTrace& trace) {
  if (clause.rawAmount == ir::kNoValue) return;
  const Observation& seen = *observing_;
  trace.formula = program_.insts[clause.rawAmount].span;
  // Everything the amount was computed from, its 设 bindings included: they
  // are the same instructions. Loop bodies are shown item by item instead.
  std::vector<ir::ValueId> order = observedFrom(clause.rawAmount, seen);
  showLeaves(order, seen, trace.formula, &clause, trace.leaves);
  // The side table entries of what the amount reached, in the tables' order.
  const SideTableIndex& index = sideTables();
  auto reachedEntries = [&](const std::unordered_map<ir::ValueId, std::vector<size_t>>& table) {
    std::vector<size_t> entries;
    for (ir::ValueId id : order)
      if (auto found = table.find(id); found != table.end())
        entries.insert(entries.end(), found->second.begin(), found->second.end());
    std::sort(entries.begin(), entries.end());
    return entries;
  };
  for (size_t i : reachedEntries(index.minimums)) {
    const ir::Minimum& m = program_.minimums[i];
    auto result = seen.values.find(m.result), start = seen.values.find(m.start);
    if (start == seen.values.end()) continue;
    ir::Type type = program_.insts[m.result].type;
    bool cut = type == ir::Type::Int ? result->second.i != start->second.i
                                     : zc_dec_compare(&result->second.d, &start->second.d) != 0;
    if (cut) trace.caps.push_back({m.span, describeValue(result->second, type, m.unit)});
  }
  for (size_t i : reachedEntries(index.choices)) {
    const ir::Choice& choice = program_.choices[i];
    if (choice.kind == ir::Choice::Kind::Threshold) {
      auto crossed = seen.values.find(choice.arms[0].test);
      if (crossed != seen.values.end())
        trace.choices.push_back({choice.kind, choice.span, choice.span, false, crossed->second.i != 0, {}, {}});
      continue;
    }
    // The first arm whose test gave what takes it; none where a test failed.
    const ir::Choice::Arm* taken = nullptr;
    for (const ir::Choice::Arm& arm : choice.arms) {
      if (arm.test == ir::kNoValue) {
        taken = &arm;
        break;
      }
      auto test = seen.values.find(arm.test);
      if (test == seen.values.end()) break;
      if ((test->second.i != 0) == arm.when) {
        taken = &arm;
        break;
      }
    }
    if (taken == nullptr) continue;
    Choice shown{choice.kind, choice.span, taken->span, taken->otherwise, false, {}, {}};
    if (choice.subject != ir::kNoValue) {
      shown.subject = choice.subjectSpan;
      auto subject = seen.values.find(choice.subject);
      // A 匹配's optional field is read only where it is present.
      if (subject == seen.values.end())
        shown.value = kAbsentText;
      else if (!choice.subjectEnum.empty())
        shown.value = showEnumValue(choice.subjectEnum.at(subject->second.i));
      else
        shown.value = describeValue(subject->second, program_.insts[choice.subject].type, choice.subjectUnit);
    }
    trace.choices.push_back(std::move(shown));
  }
  std::sort(trace.choices.begin(), trace.choices.end(), [](const Choice& a, const Choice& b) {
    return a.expression.begin != b.expression.begin ? a.expression.begin < b.expression.begin
                                                    : a.arm.begin < b.arm.begin;
  });
  for (size_t i : reachedEntries(index.brackets)) {
    const ir::Bracket& b = program_.brackets[i];
    BracketPart shown{b.span, seen.values.at(b.reached).i != 0, {}, {}, {}, {}};
    // A part or earning that failed (an overflow) has no value: the error says why.
    auto part = seen.values.find(b.part), earned = seen.values.find(b.earned);
    if (shown.reached && (part == seen.values.end() || earned == seen.values.end())) continue;
    if (shown.reached) {
      shown.part = describeValue(part->second, program_.insts[b.part].type, b.partUnit);
      shown.earned = describeValue(earned->second, program_.insts[b.earned].type, b.earnedUnit);
      auto base = b.base == ir::kNoValue ? seen.values.end() : seen.values.find(b.base);
      Value applied;
      if (base != seen.values.end() && zc_dec_mul(&part->second.d, &base->second.d, &applied.d) == ZC_OK) {
        shown.baseSource = b.baseSpan;
        shown.base = describeValue(applied, ir::Type::Dec, b.baseUnit);
      }
    }
    trace.brackets.push_back(std::move(shown));
  }
  for (const Observation::Item& item : seen.items) {
    if (!std::binary_search(order.begin(), order.end(), item.loop)) continue;
    bool again = std::any_of(trace.items.begin(), trace.items.end(), [&](const ListItem& shown) {
      return shown.position == item.position && shown.loop.begin == program_.insts[item.loop].span.begin;
    });
    if (again) continue;  // the loop ran again for the trace's 设 values
    const ir::Inst& loop = program_.insts[item.loop];
    std::string text = showListItem(program_.schema.fields[loop.index2], record_->fields[loop.index2], item.position);
    std::string value = item.value ? describeValue(*item.value, loop.type, program_.loopUnits[loop.index]) : "";
    trace.items.push_back({loop.span, item.position, text, item.kept, value});
  }
}
}  // namespace zc
