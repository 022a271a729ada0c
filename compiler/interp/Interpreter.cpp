#include "interp/Interpreter.h"

#include <fmt/format.h>

#include <algorithm>


namespace zc {

using ir::Op;

namespace {

struct Trap {
  zc_status status;
  int32_t site;
};

// The runtime functions' addresses, in the order of zc/functions.def.
void* runtimeAddress(int fn) {
  static void* const table[] = {
#define ZC_RUNTIME_FUNCTION(Name, symbol, Shape, canFail) reinterpret_cast<void*>(&symbol),
#include "zc/functions.def"
#undef ZC_RUNTIME_FUNCTION
  };
  return table[fn];
}

template <typename T>
bool compareWith(ir::Pred pred, const T& a, const T& b) {
  switch (pred) {
    case ir::Pred::Eq: return a == b;
    case ir::Pred::Ne: return a != b;
    case ir::Pred::Lt: return a < b;
    case ir::Pred::Le: return a <= b;
    case ir::Pred::Gt: return a > b;
    case ir::Pred::Ge: return a >= b;
  }
  return false;
}

}  // namespace

Interpreter::Interpreter(const ir::Program& program)
    : program_(program),
      loopPosition_(program.loopCount),
      loopField_(program.loopCount),
      gates_(program.gateCount),
      table_(ResultTable::of(program)) {
  for (const auto& p : program.params) params_.push_back(p.value);
}

void Interpreter::trap(zc_status status, const ir::Inst& inst) {
  throw Trap{status, static_cast<int32_t>(&inst - program_.insts.data())};
}

Interpreter::Value Interpreter::eval(ir::ValueId id) {
  const ir::Inst& inst = program_.insts[id];
  Value v;
  auto checked = [&](zc_status status) {
    if (status != ZC_OK) trap(status, inst);
  };
  switch (inst.op) {
    case Op::Const:
      if (inst.type == ir::Type::Dec) v.d = inst.dec;
      else if (inst.type == ir::Type::Text) v.text = program_.texts[inst.text];
      else v.i = inst.imm;
      return v;
    case Op::Field: {
      const rt::Scalar& s = record_->fields[inst.index].scalar;
      v.i = s.i;
      v.d = s.d;
      v.text = s.text;
      return v;
    }
    case Op::FieldPresent: v.i = record_->fields[inst.index].present; return v;
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
    case Op::IntToDec: checked(zc_dec_from_int(eval(inst.a).i, &v.d)); return v;
    case Op::IntAdd:
    case Op::IntSub:
    case Op::IntMul:
    case Op::DecAdd:
    case Op::DecSub:
    case Op::DecMul:
    case Op::DecDiv: return evalBinary(inst);
    case Op::DecNeg: checked(zc_dec_neg(eval(inst.a).d, &v.d)); return v;
    case Op::DecScale: checked(zc_dec_scale(eval(inst.a).d, inst.dec, inst.dec2, &v.d)); return v;
    case Op::Compare: {
      Value a = eval(inst.a), b = eval(inst.b);
      switch (inst.operandType) {
        case ir::Type::Dec: v.i = compareWith(inst.pred, a.d, b.d); break;
        case ir::Type::Text: {
          bool same = zc_text_equal(a.text.data(), static_cast<int64_t>(a.text.size()), b.text.data(),
                                    static_cast<int64_t>(b.text.size())) != 0;
          v.i = inst.pred == ir::Pred::Eq ? same : !same;
          break;
        }
        default: v.i = compareWith(inst.pred, a.i, b.i); break;
      }
      return v;
    }
    case Op::Gate: {
      const GateState& gate = gates_[inst.index];
      if (gate.status != ZC_OK) throw Trap{gate.status, gate.site};
      v.i = gate.holds;
      return v;
    }
    case Op::Not: v.i = !holds(inst.a); return v;
    case Op::And: v.i = holds(inst.a) && holds(inst.b); return v;
    case Op::Or: v.i = holds(inst.a) || holds(inst.b); return v;
    case Op::If: return holds(inst.a) ? eval(inst.b) : eval(inst.c);
    case Op::Sum:
    case Op::Count: return evalLoop(inst);
    case Op::Call: return evalCall(inst);
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
    case Op::IntAdd: status = zc_int_add(a.i, b.i, &v.i); break;
    case Op::IntSub: status = zc_int_sub(a.i, b.i, &v.i); break;
    case Op::IntMul: status = zc_int_mul(a.i, b.i, &v.i); break;
    case Op::DecAdd: status = zc_dec_add(a.d, b.d, &v.d); break;
    case Op::DecSub: status = zc_dec_sub(a.d, b.d, &v.d); break;
    case Op::DecMul: status = zc_dec_mul(a.d, b.d, &v.d); break;
    default: status = zc_dec_div(a.d, b.d, &v.d); break;
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
    if (inst.b != ir::kNoValue && !holds(inst.b)) continue;
    if (inst.op == Op::Count) {
      ++total.i;
    } else if (inst.type == ir::Type::Int) {
      if (zc_int_add(total.i, eval(inst.a).i, &total.i) != ZC_OK) trap(ZC_ERR_OVERFLOW, inst);
    } else if (zc_dec_add(total.d, eval(inst.a).d, &total.d) != ZC_OK) {
      trap(ZC_ERR_OVERFLOW, inst);
    }
  }
  return total;
}

Interpreter::Value Interpreter::evalCall(const ir::Inst& inst) {
  std::vector<Value> args;
  for (ir::ValueId a : inst.args) args.push_back(eval(a));
  return evalRuntimeCall(static_cast<ir::RuntimeFn>(inst.index), args, inst);
}

Interpreter::Value Interpreter::evalRuntimeCall(ir::RuntimeFn fn, const std::vector<Value>& args, const ir::Inst& inst) {
  void* f = runtimeAddress(static_cast<int>(fn));
  Value v;
  zc_status status = ZC_OK;
  switch (ir::runtimeFunction(fn).shape) {
    case ir::CallShape::DecDecToDec: v.d = reinterpret_cast<zc_dec (*)(zc_dec, zc_dec)>(f)(args[0].d, args[1].d); break;
    case ir::CallShape::IntIntToInt: v.i = reinterpret_cast<int64_t (*)(int64_t, int64_t)>(f)(args[0].i, args[1].i); break;
    case ir::CallShape::TextTextToInt:
      v.i = reinterpret_cast<int32_t (*)(const char*, int64_t, const char*, int64_t)>(f)(
          args[0].text.data(), static_cast<int64_t>(args[0].text.size()), args[1].text.data(),
          static_cast<int64_t>(args[1].text.size()));
      break;
    case ir::CallShape::DecToDecChecked: status = reinterpret_cast<zc_status (*)(zc_dec, zc_dec*)>(f)(args[0].d, &v.d); break;
    case ir::CallShape::DecDecToDecChecked:
      status = reinterpret_cast<zc_status (*)(zc_dec, zc_dec, zc_dec*)>(f)(args[0].d, args[1].d, &v.d);
      break;
    case ir::CallShape::DecDecDecToDecChecked:
      status = reinterpret_cast<zc_status (*)(zc_dec, zc_dec, zc_dec, zc_dec*)>(f)(args[0].d, args[1].d, args[2].d, &v.d);
      break;
    case ir::CallShape::DecIntToDecChecked:
      status = reinterpret_cast<zc_status (*)(zc_dec, int32_t, zc_dec*)>(f)(args[0].d, static_cast<int32_t>(args[1].i), &v.d);
      break;
    case ir::CallShape::IntToDecChecked: status = reinterpret_cast<zc_status (*)(int64_t, zc_dec*)>(f)(args[0].i, &v.d); break;
    case ir::CallShape::IntIntToIntChecked:
      status = reinterpret_cast<zc_status (*)(int64_t, int64_t, int64_t*)>(f)(args[0].i, args[1].i, &v.i);
      break;
    case ir::CallShape::DateToInt: v.i = reinterpret_cast<int64_t (*)(zc_date)>(f)(static_cast<zc_date>(args[0].i)); break;
    case ir::CallShape::DateDateToInt:
      v.i = reinterpret_cast<int64_t (*)(zc_date, zc_date)>(f)(static_cast<zc_date>(args[0].i), static_cast<zc_date>(args[1].i));
      break;
    case ir::CallShape::IntIntIntToDateChecked: {
      zc_date date = 0;
      status = reinterpret_cast<zc_status (*)(int64_t, int64_t, int64_t, zc_date*)>(f)(args[0].i, args[1].i, args[2].i, &date);
      v.i = date;
      break;
    }
  }
  if (status != ZC_OK) trap(status, inst);
  return v;
}

std::optional<EvalError> Interpreter::evaluateValue(const rt::Record* record, ir::ValueId id, Value& out) {
  record_ = record;
  try {
    out = eval(id);
    return std::nullopt;
  } catch (const Trap& t) {
    return EvalError{t.status, t.site, -1};
  }
}

std::string Interpreter::describe(ir::ValueId id, const std::string& unit) {
  try {
    Value v = eval(id);
    const ir::Inst& inst = program_.insts[id];
    switch (inst.type) {
      case ir::Type::Dec: {
        char buf[64];
        zc_dec_format(v.d, -1, buf);
        if (!unit.empty()) return fmt::format("{} {}", buf, unit);
        // A ratio reads best as a percentage too: 0.015 (1.5%).
        zc_dec percent;
        char pbuf[64];
        if (zc_dec_scale(v.d, 100, 1, &percent) != ZC_OK) return buf;
        zc_dec_format(percent, -1, pbuf);
        return fmt::format("{} ({}%)", buf, pbuf);
      }
      case ir::Type::Flag: return v.i ? "真" : "假";
      case ir::Type::Date: {
        char buf[16];
        zc_date_format(static_cast<zc_date>(v.i), buf);
        return buf;
      }
      case ir::Type::Text: return fmt::format("\"{}\"", v.text);
      default: return std::to_string(v.i);
    }
  } catch (const Trap& t) {
    return fmt::format("({})", zc_status_message(t.status));
  }
}

namespace {

// The record fields and parameters an expression reads, in order of first use.
struct Reads {
  std::vector<bool> seenField, seenParam;
  std::vector<int> fields, params;
};

void collectReads(const ir::Program& program, ir::ValueId id, Reads& reads) {
  if (id == ir::kNoValue) return;
  const ir::Inst& inst = program.insts[id];
  std::vector<bool>& seen = reads.seenField;
  std::vector<int>& fields = reads.fields;
  if (inst.op == Op::Param && !reads.seenParam[inst.index]) {
    reads.seenParam[inst.index] = true;
    reads.params.push_back(inst.index);
  }
  if ((inst.op == Op::Field || inst.op == Op::FieldPresent) && !seen[inst.index]) {
    seen[inst.index] = true;
    fields.push_back(inst.index);
  }
  if ((inst.op == Op::Sum || inst.op == Op::Count) && !seen[inst.index2]) {
    seen[inst.index2] = true;
    fields.push_back(inst.index2);
  }
  for (ir::ValueId operand : {inst.a, inst.b, inst.c}) collectReads(program, operand, reads);
  for (ir::ValueId operand : inst.args) collectReads(program, operand, reads);
}

std::string describeField(const rt::FieldSchema& field, const rt::FieldValue& value) {
  if (field.optional && !value.present) return "(absent)";
  auto withUnit = [&](const rt::Scalar& s) {
    std::string text = rt::formatScalar(field, s);
    if (field.kind == rt::Kind::Text) text = "\"" + text + "\"";
    return field.unit.empty() ? text : text + " " + field.unit;
  };
  if (!field.list) return withUnit(value.scalar);
  std::string out = "[";
  if (field.kind == rt::Kind::Record) {
    for (size_t r = 0; r < value.rows.size(); ++r) {
      out += r ? ", {" : "{";
      for (size_t i = 0; i < field.subFields.size(); ++i) {
        const rt::FieldSchema& sub = field.subFields[i];
        const rt::SubRecord& row = value.rows[r];
        std::string text = !row.present[i] ? "(absent)"
                           : sub.unit.empty() ? rt::formatScalar(sub, row.values[i])
                                              : rt::formatScalar(sub, row.values[i]) + " " + sub.unit;
        out += fmt::format("{}{}: {}", i ? ", " : "", sub.name, text);
      }
      out += "}";
    }
  } else {
    for (size_t i = 0; i < value.list.size(); ++i) out += (i ? ", " : "") + withUnit(value.list[i]);
  }
  return out + "]";
}

}  // namespace

ClauseTrace Interpreter::explain(const ir::Clause& clause, int index) {
  ClauseTrace trace;
  trace.clause = index;
  Reads reads{std::vector<bool>(program_.schema.fields.size()), std::vector<bool>(program_.params.size()), {}, {}};
  const ir::Policy& policy = program_.policies[clause.policy];
  for (ir::ValueId c : policy.applies) collectReads(program_, c, reads);
  for (ir::ValueId c : policy.excludes) collectReads(program_, c, reads);
  for (int f : reads.fields) trace.policyInputs.push_back({f, describeField(program_.schema.fields[f], record_->fields[f])});
  reads.fields.clear();
  for (ir::ValueId c : clause.conditions) collectReads(program_, c, reads);
  for (const auto& let : clause.lets) collectReads(program_, let.value, reads);
  collectReads(program_, clause.rawAmount, reads);
  for (int f : reads.fields) trace.inputs.push_back({f, describeField(program_.schema.fields[f], record_->fields[f])});
  for (int p : reads.params) {
    rt::FieldValue value{true, params_[p], {}, {}};
    trace.params.push_back({p, describeField(program_.params[p].schema, value)});
  }
  for (const auto& let : clause.lets) trace.values.push_back({let.name, describe(let.value, let.unit)});
  return trace;
}

void Interpreter::explainFailure(const ir::Clause& clause, ClauseTrace& trace) {
  const ir::Policy& policy = program_.policies[clause.policy];
  trace.applicable = gates_[clause.policy].holds;
  if (!trace.applicable) {
    for (size_t i = 0; trace.failedApplies < 0 && i < policy.applies.size(); ++i)
      if (!holds(policy.applies[i])) trace.failedApplies = static_cast<int>(i);
    for (size_t i = 0; trace.failedApplies < 0 && trace.heldExclude < 0 && i < policy.excludes.size(); ++i)
      if (holds(policy.excludes[i])) trace.heldExclude = static_cast<int>(i);
    return;
  }
  for (size_t i = 0; trace.failedCondition < 0 && i < clause.conditions.size(); ++i)
    if (!holds(clause.conditions[i])) trace.failedCondition = static_cast<int>(i);
}

void Interpreter::evaluateClauses(const rt::Record& record, uint8_t* fired, zc_dec* amounts, int32_t* status,
                                  int32_t* site, std::vector<ClauseTrace>* trace) {
  record_ = &record;
  for (const ir::Step& step : program_.steps) {
    if (step.kind == ir::StepKind::Gate) {
      GateState& gate = gates_[step.target];
      try {
        gate = {holds(step.value), ZC_OK, -1};
      } catch (const Trap& t) {
        gate = {false, t.status, t.site};
      }
      continue;
    }
    int c = step.target;
    const ir::Clause& clause = program_.clauses[c];
    fired[c] = 0;
    amounts[c] = 0;
    status[c] = ZC_OK;
    site[c] = -1;
    ClauseTrace* t = nullptr;
    if (trace) {
      trace->push_back(explain(clause, c));
      t = &trace->back();
    }
    try {
      if (!holds(step.value)) {
        if (t) explainFailure(clause, *t);
        continue;
      }
      if (step.amount != ir::kNoValue) {
        amounts[c] = eval(step.amount).d;
        if (t) t->rawAmount = describe(clause.rawAmount, clause.rawUnit), t->amount = amounts[c];
      }
      fired[c] = holds(step.pays);
      if (t) t->fired = fired[c];
    } catch (const Trap& trap) {
      fired[c] = 0;
      amounts[c] = 0;
      status[c] = trap.status;
      site[c] = trap.site;
      if (t) {
        t->error = EvalError{trap.status, trap.site, c};
        t->policyFailed = gates_[clause.policy].status != ZC_OK;
      }
    }
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
  static_cast<RecordOutcome&>(out) =
      assembleOutcome(table_, record.id, {fired_.data(), amounts_.data(), status_.data(), site_.data()});
  return out;
}

namespace {

class InterpreterEngine : public Engine {
 public:
  explicit InterpreterEngine(const ir::Program& program) : program_(program), interpreter_(program) {}
  void setParam(int index, const rt::Scalar& value) override {
    interpreter_.setParam(index, value);
    params_.push_back({index, value});
  }
  void evaluate(const rt::Record* records, size_t count, RecordOutcome* out) override {
    for (size_t i = 0; i < count; ++i) out[i] = interpreter_.evaluate(records[i], false);
  }
  std::unique_ptr<Engine> clone() const override {
    auto copy = std::make_unique<InterpreterEngine>(program_);
    for (const auto& [index, value] : params_) copy->setParam(index, value);
    return copy;
  }
  const ResultTable& resultTable() const override { return interpreter_.resultTable(); }

 private:
  const ir::Program& program_;
  Interpreter interpreter_;
  std::vector<std::pair<int, rt::Scalar>> params_;
};

}  // namespace

std::unique_ptr<Engine> makeInterpreterEngine(const ir::Program& program) {
  return std::make_unique<InterpreterEngine>(program);
}

}  // namespace zc
