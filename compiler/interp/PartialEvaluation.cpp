#include "interp/PartialEvaluation.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ir/IrQueries.h"

namespace zc {

namespace {

enum class Truth { False, True, Unknown };

class ConditionDecider {
 public:
  ConditionDecider(Interpreter& interpreter, const ir::Program& program, const ir::DependencyAnalysis& dependencies,
                   const rt::Record& record, const std::vector<bool>& known)
      : interpreter_(interpreter), program_(program), dependencies_(dependencies), record_(record), known_(known) {}

  // A step's conditions, as the step reads them: one that does not hold decides.
  Truth allOf(const std::vector<ir::ValueId>& conditions, int itemLoop, Span& failed, bool& excluded) {
    Truth out = Truth::True;
    for (ir::ValueId condition : conditions) {
      const ir::Inst& inst = program_.insts[condition];
      Truth truth = inst.op == ir::Op::Gate ? allOf(dependencies_.gateStep(inst.index).conditions, -1, failed, excluded)
                                            : decide(condition, itemLoop);
      if (truth == Truth::False) {
        if (inst.op != ir::Op::Gate) {
          excluded = inst.op == ir::Op::Not && isExclude(inst.a);
          failed = excluded ? program_.insts[inst.a].span : inst.span;
        }
        return Truth::False;
      }
      if (truth == Truth::Unknown) out = Truth::Unknown;
    }
    return out;
  }

 private:
  Truth decide(ir::ValueId id, int itemLoop) {
    const ir::Inst& inst = program_.insts[id];
    switch (inst.op) {
      case ir::Op::Not: {
        Truth a = decide(inst.a, itemLoop);
        return a == Truth::Unknown ? a : a == Truth::True ? Truth::False : Truth::True;
      }
      case ir::Op::And:
      case ir::Op::Or: {
        // The first operand is evaluated first: it decides, or passes to the second. Unknown, it
        // leaves the second to decide only where it cannot fail (its error would be the condition's).
        Truth a = decide(inst.a, itemLoop);
        Truth decisive = inst.op == ir::Op::And ? Truth::False : Truth::True;
        if (a == decisive) return a;
        Truth b = decide(inst.b, itemLoop);
        if (a == Truth::Unknown) return b == decisive && !mayFail(inst.a) ? b : Truth::Unknown;
        return b;
      }
      default:
        break;
    }
    std::vector<bool> fields(program_.schema.fields.size()), params(program_.params.size());
    dependencies_.reads(id, fields, params);
    for (size_t f = 0; f < fields.size(); ++f)
      if (fields[f] && !known_[f]) return Truth::Unknown;
    if (readsStepState(id, itemLoop)) return Truth::Unknown;
    Interpreter::Value value;
    if (interpreter_.evaluateValue(&record_, id, value)) return Truth::Unknown;  // an error: the full evaluation says
    return value.i != 0 ? Truth::True : Truth::False;
  }

  // Whether the value reads what only a step in progress knows: the item a
  // per-item clause is evaluated for, or a clause's award as its step left
  // it (a later 就高 or 封顶 changes it; the evaluation's outcomes are after them).
  bool readsStepState(ir::ValueId root, int itemLoop) const {
    return ir::reachesAny(program_, root, [&](const ir::Inst& inst) {
      bool item = inst.op == ir::Op::Elem || inst.op == ir::Op::ElemField || inst.op == ir::Op::ElemFieldPresent;
      return (item && inst.index == itemLoop) || inst.op == ir::Op::ClauseAmount;
    });
  }

  // Whether evaluating the value may end in a run-time error: anything but
  // reading values, comparing them and combining flags may (an overflow, a
  // division by zero, a failed gate or clause).
  bool mayFail(ir::ValueId root) const {
    return ir::reachesAny(program_, root, [](const ir::Inst& inst) {
      switch (inst.op) {
        case ir::Op::Const:
        case ir::Op::Field:
        case ir::Op::FieldPresent:
        case ir::Op::Param:
        case ir::Op::Elem:
        case ir::Op::ElemField:
        case ir::Op::ElemFieldPresent:
        case ir::Op::IntToDec:
        case ir::Op::Compare:
        case ir::Op::Not:
        case ir::Op::And:
        case ir::Op::Or:
        case ir::Op::If:
          return false;
        default:
          return true;
      }
    });
  }

  bool isExclude(ir::ValueId id) const {
    for (const ir::Policy& policy : program_.policies)
      if (std::find(policy.excludes.begin(), policy.excludes.end(), id) != policy.excludes.end()) return true;
    return false;
  }

  Interpreter& interpreter_;
  const ir::Program& program_;
  const ir::DependencyAnalysis& dependencies_;
  const rt::Record& record_;
  const std::vector<bool>& known_;
};

}  // namespace

PartialEvaluation evaluatePartial(Interpreter& interpreter, const ir::Program& program,
                                  const ir::DependencyAnalysis& dependencies, const rt::Record& record,
                                  const std::vector<bool>& known) {
  PartialEvaluation out;
  out.evaluation = interpreter.evaluate(record, false);
  ConditionDecider decider(interpreter, program, dependencies, record, known);
  std::vector<bool> missing(program.schema.fields.size());
  for (size_t c = 0; c < program.clauses.size(); ++c) {
    PartialVerdict& verdict = out.clauses.emplace_back();
    verdict.clause = static_cast<int>(c);
    for (int f : dependencies.clause(static_cast<int>(c)).fields)
      if (!known[f]) verdict.missing.push_back(f);
    if (verdict.missing.empty()) {
      verdict.kind = PartialVerdict::Kind::Decided;
      continue;
    }
    const ir::Step& step = dependencies.clauseStep(static_cast<int>(c));
    Truth conditions = decider.allOf(step.conditions, program.clauses[c].itemLoop, verdict.failed, verdict.excluded);
    if (conditions == Truth::False) {
      verdict.kind = PartialVerdict::Kind::NotEligible;
      verdict.missing.clear();
      continue;
    }
    verdict.kind = conditions == Truth::True ? PartialVerdict::Kind::Eligible : PartialVerdict::Kind::Possible;
    for (int f : verdict.missing) missing[f] = true;
  }
  for (size_t f = 0; f < missing.size(); ++f)
    if (missing[f]) out.missing.push_back(static_cast<int>(f));
  return out;
}

std::vector<bool> fieldsNamed(const rt::RecordSchema& schema, std::string_view json) {
  std::vector<bool> named(schema.fields.size());
  // rapidjson's document.h does not compile with clang 19; nlohmann's reader,
  // which zc lsp uses, does, and refuses bad input without an exception here.
  nlohmann::json document = nlohmann::json::parse(json, nullptr, false);
  if (!document.is_object()) return named;
  for (const auto& member : document.items()) {
    int index = schema.fieldIndex(member.key());
    if (index >= 0) named[index] = true;
  }
  return named;
}

const char* partialKindName(PartialVerdict::Kind kind) {
  switch (kind) {
    case PartialVerdict::Kind::Decided:
      return "decided";
    case PartialVerdict::Kind::NotEligible:
      return "not_eligible";
    case PartialVerdict::Kind::Eligible:
      return "eligible";
    case PartialVerdict::Kind::Possible:
      return "possible";
  }
  return "possible";
}

}  // namespace zc
