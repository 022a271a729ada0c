#include "interp/Interpreter.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "interp/Trap.h"
#include "interp/ValueText.h"
#include "ir/IrQueries.h"

namespace zc {

using ir::Op;

namespace {

// The runtime functions' addresses, in the order of zc/functions.def.
void* runtimeAddress(int fn) {
  static void* const table[] = {
#define ZC_RUNTIME_FUNCTION(Name, symbol, Shape, canFail) reinterpret_cast<void*>(&symbol),
#include "zc/functions.def"
#undef ZC_RUNTIME_FUNCTION
  };
  return table[fn];
}

// A runtime function called through the table, as the C type of its shape.
template <ir::RuntimeFn fn, typename... Args>
auto callRuntime(Args... args) {
  return reinterpret_cast<ir::CFunction<fn>*>(runtimeAddress(static_cast<int>(fn)))(args...);
}

template <typename T>
bool compareWith(ir::Pred pred, const T& a, const T& b) {
  switch (pred) {
    case ir::Pred::Eq:
      return a == b;
    case ir::Pred::Ne:
      return a != b;
    case ir::Pred::Lt:
      return a < b;
    case ir::Pred::Le:
      return a <= b;
    case ir::Pred::Gt:
      return a > b;
    case ir::Pred::Ge:
      return a >= b;
  }
  return false;
}

}  // namespace

Interpreter::Interpreter(const ir::Program& program)
    : program_(program),
      loopPosition_(program.loopCount),
      loopField_(program.loopCount),
      gates_(program.gateCount),
      table_(ir::resultTable(program)),
      itemFired_(program.clauses.size()),
      itemAmounts_(program.clauses.size()),
      itemStatus_(program.clauses.size()),
      itemSite_(program.clauses.size()) {
  for (const auto& p : program.params) params_.push_back(p.value);
}

void Interpreter::trap(zc_status status, const ir::Inst& inst) {
  throw Trap{status, static_cast<int32_t>(&inst - program_.insts.data())};
}

Interpreter::Value Interpreter::eval(ir::ValueId id) {
  if (observing_ == nullptr) return compute(id);
  Value v = compute(id);
  observing_->values[id] = v;
  return v;
}

Interpreter::Value Interpreter::compute(ir::ValueId id) {
  const ir::Inst& inst = program_.insts[id];
  Value v;
  auto checked = [&](zc_status status) {
    if (status != ZC_OK) trap(status, inst);
  };
  switch (inst.op) {
    case Op::Const:
      if (inst.type == ir::Type::Dec)
        v.d = inst.dec;
      else if (inst.type == ir::Type::Text)
        v.text = program_.texts[inst.text];
      else
        v.i = inst.imm;
      return v;
    case Op::Field: {
      const rt::Scalar& s = record_->fields[inst.index].scalar;
      v.i = s.i;
      v.d = s.d;
      v.text = s.text;
      return v;
    }
    case Op::FieldPresent:
      v.i = record_->fields[inst.index].present;
      return v;
    case Op::Param: {
      const rt::Scalar& s = params_[inst.index];
      v.i = s.i;
      v.d = s.d;
      v.text = s.text;
      return v;
    }
    case Op::Elem:
    case Op::ElemField: {
      const rt::FieldValue& list = record_->fields[loopField_[inst.index]];
      size_t position = loopPosition_[inst.index];
      const rt::Scalar& s = inst.op == Op::Elem ? list.list[position] : list.rows[position].values[inst.index2];
      v.i = s.i;
      v.d = s.d;
      v.text = s.text;
      return v;
    }
    case Op::ElemFieldPresent:
      v.i = record_->fields[loopField_[inst.index]].rows[loopPosition_[inst.index]].present[inst.index2];
      return v;
    case Op::IntToDec:
      checked(zc_dec_from_int(eval(inst.a).i, &v.d));
      return v;
    case Op::IntNeg:
      checked(zc_int_sub(0, eval(inst.a).i, &v.i));
      return v;
    case Op::ClauseAmount: {
      const zc_outcomes& from = inst.index2 == 1 ? itemOutcomes_ : outcomes_;
      checked(callRuntime<ir::RuntimeFn::ClauseAmount>(&from, inst.index, &v.d));
      return v;
    }
    case Op::DecScale: {
      zc_dec a = eval(inst.a).d;
      checked(zc_dec_mul(&a, &inst.dec, &v.d));
      return v;
    }
    case Op::IntAdd:
    case Op::IntSub:
    case Op::IntMul:
    case Op::DecAdd:
    case Op::DecSub:
    case Op::DecMul:
    case Op::DecDiv:
      return evalBinary(inst);
    case Op::DecNeg: {
      zc_dec a = eval(inst.a).d;
      checked(zc_dec_neg(&a, &v.d));
      return v;
    }
    case Op::Compare: {
      Value a = eval(inst.a), b = eval(inst.b);
      switch (inst.operandType) {
        case ir::Type::Dec:
          v.i = compareWith(inst.pred, zc_dec_compare(&a.d, &b.d), 0);
          break;
        case ir::Type::Text: {
          bool same = zc_text_equal(a.text.data(), static_cast<int64_t>(a.text.size()), b.text.data(),
                                    static_cast<int64_t>(b.text.size())) != 0;
          v.i = inst.pred == ir::Pred::Eq ? same : !same;
          break;
        }
        default:
          v.i = compareWith(inst.pred, a.i, b.i);
          break;
      }
      return v;
    }
    case Op::Gate: {
      int32_t holds = 0, site = -1;
      zc_status status = callRuntime<ir::RuntimeFn::GateRead>(gates_.data(), inst.index, &holds, &site);
      if (status != ZC_OK) throw Trap{status, site};
      v.i = holds;
      return v;
    }
    case Op::Not:
      v.i = !holds(inst.a);
      return v;
    case Op::And:
      v.i = holds(inst.a) && holds(inst.b);
      return v;
    case Op::Or:
      v.i = holds(inst.a) || holds(inst.b);
      return v;
    case Op::If:
      return holds(inst.a) ? eval(inst.b) : eval(inst.c);
    case Op::Sum:
    case Op::Count:
      return evalLoop(inst);
    case Op::Call:
      return evalCall(inst);
  }
  return v;
}

// The left operand first, as generated code does: of two operands that would
// fail, the left one's error is the one reported.
Interpreter::Value Interpreter::evalBinary(const ir::Inst& inst) {
  Value a = eval(inst.a);
  Value b = eval(inst.b);
  Value v;
  zc_status status = ZC_OK;
  switch (inst.op) {
    case Op::IntAdd:
      status = zc_int_add(a.i, b.i, &v.i);
      break;
    case Op::IntSub:
      status = zc_int_sub(a.i, b.i, &v.i);
      break;
    case Op::IntMul:
      status = zc_int_mul(a.i, b.i, &v.i);
      break;
    case Op::DecAdd:
      status = zc_dec_add(&a.d, &b.d, &v.d);
      break;
    case Op::DecSub:
      status = zc_dec_sub(&a.d, &b.d, &v.d);
      break;
    case Op::DecMul:
      status = zc_dec_mul(&a.d, &b.d, &v.d);
      break;
    default:
      status = zc_dec_div(&a.d, &b.d, &v.d);
      break;
  }
  if (status != ZC_OK) trap(status, inst);
  return v;
}

Interpreter::Value Interpreter::evalLoop(const ir::Inst& inst) {
  const rt::FieldValue& field = record_->fields[inst.index2];
  size_t size = program_.schema.fields[inst.index2].kind == rt::Kind::Record ? field.rows.size() : field.list.size();
  Value total;
  size_t& position = loopPosition_[inst.index];
  loopField_[inst.index] = inst.index2;
  for (position = 0; position < size; ++position) {
    bool kept = inst.b == ir::kNoValue || holds(inst.b);
    size_t observed = observing_ ? observing_->items.size() : 0;
    if (observing_)
      observing_->items.push_back({static_cast<ir::ValueId>(&inst - program_.insts.data()), position, kept, {}});
    if (!kept) continue;
    Value item;
    item.i = 1;
    if (inst.op == Op::Sum) {
      item = eval(inst.a);
      if (observing_) observing_->items[observed].value = item;
    }
    total = evalRuntimeCall(ir::accumulatorOf(inst), {total, item}, inst);
  }
  return total;
}

Interpreter::Value Interpreter::evalCall(const ir::Inst& inst) {
  std::vector<Value> args;
  for (ir::ValueId a : inst.args) args.push_back(eval(a));
  return evalRuntimeCall(static_cast<ir::RuntimeFn>(inst.index), args, inst);
}

Interpreter::Value Interpreter::evalRuntimeCall(ir::RuntimeFn fn, const std::vector<Value>& args,
                                                const ir::Inst& inst) {
  void* f = runtimeAddress(static_cast<int>(fn));
  Value v;
  zc_status status = ZC_OK;
  switch (ir::runtimeFunction(fn).shape) {
    case ir::CallShape::DecDecToDec:
      reinterpret_cast<void (*)(const zc_dec*, const zc_dec*, zc_dec*)>(f)(&args[0].d, &args[1].d, &v.d);
      break;
    case ir::CallShape::DecDecToInt:
      v.i = reinterpret_cast<int32_t (*)(const zc_dec*, const zc_dec*)>(f)(&args[0].d, &args[1].d);
      break;
    case ir::CallShape::IntIntToInt:
      v.i = reinterpret_cast<int64_t (*)(int64_t, int64_t)>(f)(args[0].i, args[1].i);
      break;
    case ir::CallShape::TextTextToInt:
      v.i = reinterpret_cast<int32_t (*)(const char*, int64_t, const char*, int64_t)>(f)(
          args[0].text.data(), static_cast<int64_t>(args[0].text.size()), args[1].text.data(),
          static_cast<int64_t>(args[1].text.size()));
      break;
    case ir::CallShape::DecToDecChecked:
      status = reinterpret_cast<zc_status (*)(const zc_dec*, zc_dec*)>(f)(&args[0].d, &v.d);
      break;
    case ir::CallShape::DecDecToDecChecked:
      status = reinterpret_cast<zc_status (*)(const zc_dec*, const zc_dec*, zc_dec*)>(f)(&args[0].d, &args[1].d, &v.d);
      break;
    case ir::CallShape::DecIntToDecChecked:
      status = reinterpret_cast<zc_status (*)(const zc_dec*, int32_t, zc_dec*)>(f)(
          &args[0].d, static_cast<int32_t>(args[1].i), &v.d);
      break;
    case ir::CallShape::IntToDecChecked:
      status = reinterpret_cast<zc_status (*)(int64_t, zc_dec*)>(f)(args[0].i, &v.d);
      break;
    case ir::CallShape::IntIntToIntChecked:
      status = reinterpret_cast<zc_status (*)(int64_t, int64_t, int64_t*)>(f)(args[0].i, args[1].i, &v.i);
      break;
    case ir::CallShape::DateToInt:
      v.i = reinterpret_cast<int64_t (*)(zc_date)>(f)(static_cast<zc_date>(args[0].i));
      break;
    case ir::CallShape::DateDateToInt:
      v.i = reinterpret_cast<int64_t (*)(zc_date, zc_date)>(f)(static_cast<zc_date>(args[0].i),
                                                               static_cast<zc_date>(args[1].i));
      break;
    case ir::CallShape::DateIntToDateChecked: {
      zc_date date = 0;
      status = reinterpret_cast<zc_status (*)(zc_date, int64_t, zc_date*)>(f)(static_cast<zc_date>(args[0].i),
                                                                              args[1].i, &date);
      v.i = date;
      break;
    }
    case ir::CallShape::IntIntIntToDateChecked: {
      zc_date date = 0;
      status = reinterpret_cast<zc_status (*)(int64_t, int64_t, int64_t, zc_date*)>(f)(args[0].i, args[1].i, args[2].i,
                                                                                       &date);
      v.i = date;
      break;
    }
    default:  // a step's function, called with the outcomes (callRuntime), never by an instruction
      throw std::logic_error(
          fmt::format("internal error: {} is a step's function, not an operation", ir::runtimeFunction(fn).symbol));
  }
  if (status != ZC_OK) trap(status, inst);
  return v;
}

std::optional<rt::EvalError> Interpreter::evaluateValue(const rt::Record* record, ir::ValueId id, Value& out) {
  record_ = record;
  try {
    out = eval(id);
    return std::nullopt;
  } catch (const Trap& t) {
    return rt::EvalError{t.status, t.site, -1};
  }
}

bool Interpreter::allHold(const std::vector<ir::ValueId>& conditions) {
  std::optional<Trap> error;
  for (ir::ValueId condition : conditions) {
    try {
      if (!holds(condition)) return false;
    } catch (const Trap& trap) {
      if (!error) error = trap;
    }
  }
  if (error) throw *error;
  return true;
}

void Interpreter::evaluateClauses(const rt::Record& record, uint8_t* fired, zc_dec* amounts, int32_t* status,
                                  int32_t* site, std::vector<ClauseTrace>* trace) {
  record_ = &record;
  outcomes_ = {fired, amounts, status, site};
  items_.count = 0;
  for (const ir::Step& step : program_.steps) {
    observing_ = nullptr;
    switch (step.kind) {
      case ir::StepKind::Gate:
        try {
          callRuntime<ir::RuntimeFn::GateDecide>(gates_.data(), step.target,
                                                 static_cast<int32_t>(allHold(step.conditions)));
        } catch (const Trap& t) {
          callRuntime<ir::RuntimeFn::GateFail>(gates_.data(), step.target, t.status, t.site);
        }
        break;
      case ir::StepKind::Highest:
      case ir::StepKind::Cap:
        applyRule(step, outcomes_, trace, -1);
        break;
      case ir::StepKind::Clause:
        runClause(step, outcomes_, trace, -1);
        break;
      case ir::StepKind::Items:
        runItems(step, trace);
        break;
      case ir::StepKind::Settle:
        settle(step, trace);
        break;
    }
  }
  observing_ = nullptr;
}

void Interpreter::runItems(const ir::Step& step, std::vector<ClauseTrace>* trace) {
  itemOutcomes_ = {itemFired_.data(), itemAmounts_.data(), itemStatus_.data(), itemSite_.data()};
  const int32_t* members = step.members.data();
  auto count = static_cast<int32_t>(step.members.size());
  callRuntime<ir::RuntimeFn::ItemsBegin>(&outcomes_, members, count);
  const rt::FieldValue& list = record_->fields[step.target];
  size_t size = program_.schema.fields[step.target].kind == rt::Kind::Record ? list.rows.size() : list.list.size();
  for (size_t item = 0; item < size; ++item) {
    for (int32_t loop : step.loops) {
      loopField_[loop] = step.target;
      loopPosition_[loop] = item;
    }
    for (const ir::Step& inner : step.body) {
      observing_ = nullptr;
      if (inner.kind == ir::StepKind::Clause)
        runClause(inner, itemOutcomes_, trace, static_cast<int64_t>(item));
      else
        applyRule(inner, itemOutcomes_, trace, static_cast<int64_t>(item));
    }
    callRuntime<ir::RuntimeFn::ItemRecord>(static_cast<zc_item_results*>(&items_), int64_t{0},
                                           static_cast<int64_t>(item), members, count, &itemOutcomes_, &outcomes_);
  }
  observing_ = nullptr;
}

void Interpreter::settle(const ir::Step& step, std::vector<ClauseTrace>* trace) {
  auto settleItems = [&] {
    callRuntime<ir::RuntimeFn::SettleItems>(static_cast<zc_item_results*>(&items_), int64_t{0}, step.target, &outcomes_,
                                            static_cast<int32_t>(step.proRata));
  };
  if (!trace) {
    settleItems();
    return;
  }
  std::vector<zc_item_outcome> before(items_.outcomes, items_.outcomes + items_.count);
  settleItems();
  for (int64_t i = 0; i < items_.count; ++i) {
    const zc_item_outcome& now = items_.outcomes[i];
    if (now.clause != step.target ||
        (now.fired == before[i].fired && now.amount == before[i].amount && now.status == before[i].status))
      continue;
    auto t = std::find_if(trace->begin(), trace->end(),
                          [&](const ClauseTrace& x) { return x.clause == now.clause && x.item == now.item; });
    if (t == trace->end()) continue;
    t->fired = now.fired;
    RuleEffect effect = lastRule_;
    effect.rule = step.span;
    if (now.status != ZC_OK) {
      t->error = rt::EvalError{static_cast<zc_status>(now.status), now.site, now.clause, {}};
      effect.kind = RuleEffect::Kind::Failed;
    } else if (!now.fired) {
      effect.kind = RuleEffect::Kind::SettledAway;
    } else {
      effect.kind = RuleEffect::Kind::SettledCut;
      effect.amount = now.amount;
      t->paid = now.amount;
    }
    t->rules.push_back(std::move(effect));
  }
}

void Interpreter::runClause(const ir::Step& step, const zc_outcomes& into, std::vector<ClauseTrace>* trace,
                            int64_t item) {
  Observation observation;
  int c = step.target;
  const ir::Clause& clause = program_.clauses[c];
  ClauseTrace* t = nullptr;
  if (trace) {
    trace->push_back(explain(clause, c));
    t = &trace->back();
    t->item = item;
    if (item >= 0) {
      const rt::ResultTable::ClauseEntry& entry = table_.clauses[c];
      t->itemName = rt::itemName(*record_, entry.itemList, entry.itemKey, entry.itemKeyIsText, item);
      t->itemValues = showListItem(program_.schema.fields[clause.itemList], record_->fields[clause.itemList],
                                   static_cast<size_t>(item));
    }
    observing_ = &observation;
  }
  try {
    if (!allHold(step.conditions)) {
      callRuntime<ir::RuntimeFn::ClauseReset>(&into, c);
      if (t) explainFailure(clause, *t);
      if (t && t->failedCondition >= 0) explainConditions(clause, *t);
      observing_ = nullptr;
      return;
    }
    zc_dec amount{};
    if (step.amount != ir::kNoValue) {
      amount = eval(step.amount).d;
      if (t) {
        t->rawAmount = describe(clause.rawAmount, clause.rawUnit), t->amount = amount;
        auto halfUp = observation.values.find(clause.halfUp);
        if (halfUp != observation.values.end() && zc_dec_compare(&halfUp->second.d, &amount) != 0)
          t->halfUp = halfUp->second.d;
      }
    }
    auto pays = static_cast<int32_t>(holds(step.pays));
    callRuntime<ir::RuntimeFn::ClausePay>(&into, c, static_cast<const zc_dec*>(&amount),
                                          static_cast<int32_t>(step.amount), pays);
  } catch (const Trap& trap) {
    callRuntime<ir::RuntimeFn::ClauseFail>(&into, c, static_cast<int32_t>(trap.status), trap.site);
  }
  if (t) {
    t->fired = into.fired[c];
    if (into.status[c] != ZC_OK) {
      t->error = rt::EvalError{static_cast<zc_status>(into.status[c]), into.site[c], c, into.amounts[c]};
      t->policyFailed = gates_[clause.policy].status != ZC_OK;
    }
  }
  if (t && t->failedCondition < 0 && !t->policyFailed) {
    explainConditions(clause, *t);
    explainAmount(clause, *t);
  }
  // Of a dated parameter, only the value in force on the 截至 date was read.
  if (t)
    std::erase_if(t->params, [&](const auto& param) {
      return program_.params[param.first].from &&
             std::none_of(observation.values.begin(), observation.values.end(), [&](const auto& seen) {
               return program_.insts[seen.first].op == Op::Param && program_.insts[seen.first].index == param.first;
             });
    });
  observing_ = nullptr;
}

void Interpreter::applyRule(const ir::Step& step, const zc_outcomes& outcomes, std::vector<ClauseTrace>* trace,
                            int64_t item) {
  const int32_t* members = step.members.data();
  auto count = static_cast<int32_t>(step.members.size());
  std::vector<std::pair<uint8_t, zc_dec>> before;
  for (int32_t c : step.members) before.push_back({outcomes.fired[c], outcomes.amounts[c]});
  RuleEffect shared{RuleEffect::Kind::Within, step.span, step.kind == ir::StepKind::Highest};
  if (step.kind == ir::StepKind::Highest) {
    callRuntime<ir::RuntimeFn::ApplyHighest>(&outcomes, members, count);
  } else if (callRuntime<ir::RuntimeFn::AnyFired>(&outcomes, members, count)) {
    Observation observation;
    if (trace) observing_ = &observation;
    try {
      zc_dec limit = eval(step.value).d;
      shared.limit = limit;
      callRuntime<ir::RuntimeFn::ApplyCap>(&outcomes, members, count, static_cast<const zc_dec*>(&limit),
                                           static_cast<int32_t>(step.value), static_cast<int32_t>(step.proRata));
    } catch (const Trap& t) {
      callRuntime<ir::RuntimeFn::FailRule>(&outcomes, members, count, static_cast<int32_t>(t.status), t.site);
    }
    observing_ = nullptr;
    if (trace) {
      shared.limitSource = program_.insts[step.value].span;
      showLeaves(observedFrom(step.value, observation), observation, shared.limitSource, nullptr, shared.limitInputs);
      for (const ir::NamedValue& let : program_.policies[program_.clauses[step.members[0]].policy].lets) {
        auto value = observation.values.find(let.value);
        if (value != observation.values.end())
          shared.limitLets.push_back(
              {let.name, describeValue(value->second, program_.insts[let.value].type, let.unit)});
      }
    }
  }
  if (!trace) return;
  shared.total = zc_dec{0, 1};
  for (size_t i = 0; i < step.members.size(); ++i) {
    int32_t c = step.members[i];
    if (shared.total && before[i].first && zc_dec_add(&*shared.total, &before[i].second, &*shared.total) != ZC_OK)
      shared.total.reset();
    if (shared.highest && outcomes.fired[c] && outcomes.status[c] == ZC_OK) {
      shared.winner = c;
      shared.winnerAmount = outcomes.amounts[c];
    }
  }
  if (item < 0) lastRule_ = shared;
  for (size_t i = 0; i < step.members.size(); ++i) {
    int32_t c = step.members[i];
    bool changed = before[i].first != outcomes.fired[c] || before[i].second != outcomes.amounts[c];
    // Every 封顶 over a clause it paid is shown, the limit held or not.
    bool capped = !shared.highest && shared.limit && before[i].first;
    if (!changed && !capped) continue;
    // A rule over whole clauses reaches per-item clauses' items when they are settled.
    auto t = std::find_if(trace->begin(), trace->end(),
                          [&](const ClauseTrace& x) { return x.clause == c && x.item == item; });
    if (t == trace->end()) continue;
    RuleEffect effect = shared;
    if (changed) {
      t->fired = outcomes.fired[c];
      if (outcomes.status[c] != ZC_OK) {
        t->error = rt::EvalError{static_cast<zc_status>(outcomes.status[c]), outcomes.site[c], c, {}};
        effect.kind = RuleEffect::Kind::Failed;
      } else if (shared.highest) {
        effect.kind = RuleEffect::Kind::SetAside;
        effect.tie = zc_dec_compare(&before[i].second, &shared.winnerAmount) == 0;
      } else {
        effect.kind = RuleEffect::Kind::Cut;
        effect.amount = outcomes.amounts[c];
      }
      if (outcomes.fired[c]) t->paid = outcomes.amounts[c];
    }
    t->rules.push_back(std::move(effect));
  }
}

Evaluation Interpreter::evaluate(const rt::Record& record, bool trace) {
  Evaluation out;
  size_t clauses = program_.clauses.size();
  fired_.resize(clauses);
  amounts_.resize(clauses);
  status_.resize(clauses);
  site_.resize(clauses);
  evaluateClauses(record, fired_.data(), amounts_.data(), status_.data(), site_.data(), trace ? &out.trace : nullptr);
  static_cast<rt::RecordOutcome&>(out) =
      rt::assembleOutcome(table_, record,
                          {fired_.data(), amounts_.data(), status_.data(), site_.data(), items_.outcomes,
                           static_cast<size_t>(items_.count)});
  return out;
}

namespace {

class InterpreterEngine : public rt::Engine {
 public:
  explicit InterpreterEngine(const ir::Program& program) : program_(program), interpreter_(program) {}
  void setParam(int index, const rt::Scalar& value) override {
    interpreter_.setParam(index, value);
    params_.push_back({index, value});
  }
  void evaluate(const rt::Record* records, size_t count, rt::RecordOutcome* out) override {
    for (size_t i = 0; i < count; ++i) out[i] = interpreter_.evaluate(records[i], false);
  }
  std::unique_ptr<rt::Engine> clone() const override {
    auto copy = std::make_unique<InterpreterEngine>(program_);
    for (const auto& [index, value] : params_) copy->setParam(index, value);
    return copy;
  }
  const rt::ResultTable& resultTable() const override { return interpreter_.resultTable(); }

 private:
  const ir::Program& program_;
  Interpreter interpreter_;
  std::vector<std::pair<int, rt::Scalar>> params_;
};

}  // namespace

std::unique_ptr<rt::Engine> makeInterpreterEngine(const ir::Program& program) {
  return std::make_unique<InterpreterEngine>(program);
}

}  // namespace zc
