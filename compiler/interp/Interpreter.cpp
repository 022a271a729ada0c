#include "interp/Interpreter.h"

#include <fmt/format.h>

#include <algorithm>

#include "sema/Builtins.h"

namespace zc {

using ir::Op;

namespace {

struct Trap {
  zc_status status;
  Span span;
};

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
    : program_(program), loopPosition_(program.loopCount), loopField_(program.loopCount) {
  for (const auto& p : program.params) params_.push_back(p.value);
}

void Interpreter::trap(zc_status status, const ir::Inst& inst) { throw Trap{status, inst.span}; }

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
      const rt::Scalar& s = inst.op == Op::Elem ? list.list[position] : list.rows[position][inst.index2];
      v.i = s.i;
      v.d = s.d;
      v.text = s.text;
      return v;
    }
    case Op::IntToDec: checked(zc_dec_from_int(eval(inst.a).i, &v.d)); return v;
    case Op::IntAdd: checked(zc_int_add(eval(inst.a).i, eval(inst.b).i, &v.i)); return v;
    case Op::IntSub: checked(zc_int_sub(eval(inst.a).i, eval(inst.b).i, &v.i)); return v;
    case Op::IntMul: checked(zc_int_mul(eval(inst.a).i, eval(inst.b).i, &v.i)); return v;
    case Op::IntNeg: checked(zc_int_sub(0, eval(inst.a).i, &v.i)); return v;
    case Op::DecAdd: checked(zc_dec_add(eval(inst.a).d, eval(inst.b).d, &v.d)); return v;
    case Op::DecSub: checked(zc_dec_sub(eval(inst.a).d, eval(inst.b).d, &v.d)); return v;
    case Op::DecMul: checked(zc_dec_mul(eval(inst.a).d, eval(inst.b).d, &v.d)); return v;
    case Op::DecDiv: checked(zc_dec_div(eval(inst.a).d, eval(inst.b).d, &v.d)); return v;
    case Op::DecNeg: checked(zc_dec_neg(eval(inst.a).d, &v.d)); return v;
    case Op::DecScale: checked(zc_dec_scale(eval(inst.a).d, inst.dec, inst.dec2, &v.d)); return v;
    case Op::Compare: {
      Value a = eval(inst.a), b = eval(inst.b);
      switch (inst.operandType) {
        case ir::Type::Dec: v.i = compareWith(inst.pred, a.d, b.d); break;
        case ir::Type::Text: v.i = compareWith(inst.pred, a.text, b.text); break;
        default: v.i = compareWith(inst.pred, a.i, b.i); break;
      }
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
  const RuntimeFunction& f = runtimeFunctions()[inst.index];
  std::vector<Value> args;
  for (ir::ValueId a : inst.args) args.push_back(eval(a));
  Value v;
  zc_status status = ZC_OK;
  switch (f.shape) {
    case CallShape::DecDecToDec: v.d = reinterpret_cast<zc_dec (*)(zc_dec, zc_dec)>(f.address)(args[0].d, args[1].d); break;
    case CallShape::IntIntToInt: v.i = reinterpret_cast<int64_t (*)(int64_t, int64_t)>(f.address)(args[0].i, args[1].i); break;
    case CallShape::DecToDecChecked: status = reinterpret_cast<zc_status (*)(zc_dec, zc_dec*)>(f.address)(args[0].d, &v.d); break;
    case CallShape::DecIntToDecChecked:
      status = reinterpret_cast<zc_status (*)(zc_dec, int32_t, zc_dec*)>(f.address)(args[0].d, static_cast<int32_t>(args[1].i), &v.d);
      break;
    case CallShape::DateToInt: v.i = reinterpret_cast<int64_t (*)(zc_date)>(f.address)(static_cast<zc_date>(args[0].i)); break;
    case CallShape::DateDateToInt:
      v.i = reinterpret_cast<int64_t (*)(zc_date, zc_date)>(f.address)(static_cast<zc_date>(args[0].i), static_cast<zc_date>(args[1].i));
      break;
    case CallShape::IntIntIntToDateChecked: {
      zc_date date = 0;
      status = reinterpret_cast<zc_status (*)(int64_t, int64_t, int64_t, zc_date*)>(f.address)(args[0].i, args[1].i, args[2].i, &date);
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
    return EvalError{t.status, t.span, ""};
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
        std::string text = rt::formatScalar(sub, value.rows[r][i]);
        out += fmt::format("{}{}: {}{}", i ? ", " : "", sub.name, text, sub.unit.empty() ? "" : " " + sub.unit);
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

std::optional<EvalError> Interpreter::evaluateClauses(const rt::Record& record, uint8_t* fired, zc_dec* amounts,
                                                     std::vector<ClauseTrace>* trace) {
  record_ = &record;
  size_t clauses = program_.clauses.size();
  std::fill(fired, fired + clauses, 0);
  std::fill(amounts, amounts + clauses, 0);
  const ir::Clause* current = nullptr;
  try {
    applicable_.assign(program_.policies.size(), false);
    why_.assign(program_.policies.size(), {-1, -1});
    for (size_t p = 0; p < program_.policies.size(); ++p) {
      const ir::Policy& policy = program_.policies[p];
      bool ok = true;
      for (size_t i = 0; ok && i < policy.applies.size(); ++i)
        if (!holds(policy.applies[i])) ok = false, why_[p].first = static_cast<int>(i);
      for (size_t i = 0; ok && i < policy.excludes.size(); ++i)
        if (holds(policy.excludes[i])) ok = false, why_[p].second = static_cast<int>(i);
      applicable_[p] = ok;
    }
    for (size_t c = 0; c < clauses; ++c) {
      const ir::Clause& clause = program_.clauses[c];
      current = &clause;
      ClauseTrace* t = nullptr;
      if (trace) {
        trace->push_back(explain(clause, static_cast<int>(c)));
        t = &trace->back();
      }
      if (!applicable_[clause.policy]) {
        if (t) t->applicable = false, t->failedApplies = why_[clause.policy].first, t->heldExclude = why_[clause.policy].second;
        continue;
      }
      bool fires = true;
      for (size_t i = 0; fires && i < clause.conditions.size(); ++i)
        if (!holds(clause.conditions[i])) fires = false, t && (t->failedCondition = static_cast<int>(i));
      if (!fires) continue;
      if (clause.kind == ir::ResultKind::Award) {
        amounts[c] = eval(clause.amount).d;
        fires = amounts[c] != 0;
        if (t) t->rawAmount = describe(clause.rawAmount, clause.rawUnit), t->amount = amounts[c];
      }
      fired[c] = fires;
      if (t) t->fired = fires;
    }
  } catch (const Trap& trap) {
    return EvalError{trap.status, trap.span, current ? current->id : ""};
  }
  return std::nullopt;
}

Evaluation Interpreter::evaluate(const rt::Record& record, bool trace) {
  Evaluation out;
  fired_.resize(program_.clauses.size());
  amounts_.resize(program_.clauses.size());
  out.error = evaluateClauses(record, fired_.data(), amounts_.data(), trace ? &out.trace : nullptr);
  if (!out.error) static_cast<RecordOutcome&>(out) = assembleOutcome(program_, record.id, fired_.data(), amounts_.data());
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
