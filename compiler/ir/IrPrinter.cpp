#include "ir/IrPrinter.h"

#include <fmt/format.h>

#include "ir/RuntimeFunction.h"

namespace zc::ir {

const char* opName(Op op) {
  switch (op) {
    case Op::Const:
      return "const";
    case Op::Field:
      return "field";
    case Op::FieldPresent:
      return "present";
    case Op::Param:
      return "param";
    case Op::Elem:
      return "elem";
    case Op::ElemField:
      return "elem.field";
    case Op::ElemFieldPresent:
      return "elem.present";
    case Op::ClauseAmount:
      return "clause.amount";
    case Op::IntToDec:
      return "int.to.dec";
    case Op::IntAdd:
      return "int.add";
    case Op::IntSub:
      return "int.sub";
    case Op::IntMul:
      return "int.mul";
    case Op::IntNeg:
      return "int.neg";
    case Op::DecAdd:
      return "dec.add";
    case Op::DecSub:
      return "dec.sub";
    case Op::DecMul:
      return "dec.mul";
    case Op::DecDiv:
      return "dec.div";
    case Op::DecNeg:
      return "dec.neg";
    case Op::DecScale:
      return "dec.scale";
    case Op::Compare:
      return "cmp";
    case Op::Not:
      return "not";
    case Op::And:
      return "and";
    case Op::Or:
      return "or";
    case Op::If:
      return "if";
    case Op::Sum:
      return "sum";
    case Op::Count:
      return "count";
    case Op::Call:
      return "call";
    case Op::Gate:
      return "gate";
  }
  return "?";
}

namespace {

const char* typeName(Type type) {
  static const char* names[] = {"flag", "int", "dec", "date", "text", "enum"};
  return names[static_cast<int>(type)];
}

// Exactly, as a fraction where its decimal does not end: 2000/3.
std::string decText(const zc_dec& value) {
  char buf[ZC_DEC_FORMAT_SIZE];
  zc_dec_format(&value, -1, buf);
  std::string text = buf;
  if (text.find("…") == std::string::npos) return text;
  zc_dec num{value.num, 1}, den{value.den, 1};
  zc_dec_format(&num, -1, buf);
  text = buf;
  zc_dec_format(&den, -1, buf);
  return text + "/" + buf;
}

std::string operand(ValueId id) { return id == kNoValue ? "-" : fmt::format("%{}", id); }

// Kleene's ∧ of the step's conditions.
std::string allOf(const std::vector<ValueId>& conditions) {
  std::string out;
  for (ValueId c : conditions) out += (out.empty() ? "" : " ∧ ") + operand(c);
  return out.empty() ? "true" : out;
}

std::string printStep(const Program& program, const Step& step, const std::string& indent) {
  auto clauseIds = [&](const std::vector<int32_t>& clauses) {
    std::string ids;
    for (int32_t m : clauses) ids += (ids.empty() ? "" : ", ") + program.clauses[m].id;
    return ids;
  };
  switch (step.kind) {
    case StepKind::Gate:
      return fmt::format("{}gate{} = {}\n", indent, step.target, allOf(step.conditions));
    case StepKind::Highest:
      return fmt::format("{}highest{} {{{}}}\n", indent, step.perItem ? " each" : "", clauseIds(step.members));
    case StepKind::Cap:
      return fmt::format("{}cap {}{} {} {{{}}}\n", indent, operand(step.value), step.perItem ? " each" : "",
                         step.proRata ? "pro_rata" : "in_order", clauseIds(step.members));
    case StepKind::Items: {
      std::string out = fmt::format("{}each item of {} {{\n", indent, program.schema.fields[step.target].name);
      for (const Step& inner : step.body) out += printStep(program, inner, indent + "  ");
      return out + indent + "}\n";
    }
    case StepKind::Settle:
      return fmt::format("{}settle {}{}\n", indent, program.clauses[step.target].id, step.proRata ? " pro_rata" : "");
    case StepKind::Clause:
      break;
  }
  const Clause& c = program.clauses[step.target];
  std::string out = fmt::format("{}clause {} ({}): when {} pays {}", indent, c.id, c.beneficiary,
                                allOf(step.conditions), operand(step.pays));
  out += step.amount != kNoValue ? " award " + operand(step.amount) : "";
  return out + "\n";
}

}  // namespace

std::string printProgram(const Program& program) {
  static const char* preds[] = {"eq", "ne", "lt", "le", "gt", "ge"};
  std::string out;
  for (size_t i = 0; i < program.insts.size(); ++i) {
    const Inst& inst = program.insts[i];
    std::string detail;
    switch (inst.op) {
      case Op::Const:
        detail = inst.type == Type::Dec    ? decText(inst.dec)
                 : inst.type == Type::Text ? fmt::format("\"{}\"", program.texts[inst.text])
                                           : std::to_string(inst.imm);
        break;
      case Op::Field:
      case Op::FieldPresent:
        detail = program.schema.fields[inst.index].name;
        break;
      case Op::Param:
        detail = program.params[inst.index].name;
        break;
      case Op::Elem:
        detail = fmt::format("loop{}", inst.index);
        break;
      case Op::Gate:
        detail = fmt::format("gate{}", inst.index);
        break;
      case Op::ClauseAmount:
        detail = inst.index >= 0 && static_cast<size_t>(inst.index) < program.clauses.size()
                     ? program.clauses[inst.index].id
                     : "?";
        if (inst.index2 == 1) detail += " of the item";
        break;
      case Op::ElemField:
      case Op::ElemFieldPresent:
        detail = fmt::format("loop{} .{}", inst.index, inst.index2);
        break;
      case Op::DecScale:
        detail = fmt::format("{} × {}", operand(inst.a), decText(inst.dec));
        break;
      case Op::Compare:
        detail = fmt::format("{}.{} {}, {}", preds[static_cast<int>(inst.pred)], typeName(inst.operandType),
                             operand(inst.a), operand(inst.b));
        break;
      case Op::Sum:
      case Op::Count:
        detail = fmt::format("loop{} over {} body {} filter {}", inst.index, program.schema.fields[inst.index2].name,
                             operand(inst.a), operand(inst.b));
        break;
      case Op::Call: {
        detail = std::string(runtimeFunction(inst.index).symbol);
        for (ValueId a : inst.args) detail += " " + operand(a);
        break;
      }
      default:
        detail = operand(inst.a);
        if (inst.b != kNoValue) detail += ", " + operand(inst.b);
        if (inst.c != kNoValue) detail += ", " + operand(inst.c);
    }
    out += fmt::format("%{} = {} {} {}\n", i, opName(inst.op), typeName(inst.type), detail);
  }
  for (const Step& step : program.steps) out += printStep(program, step, "");
  // 资金池: no step, settled by the run after every record (zc/pool.h).
  for (const Pool& pool : program.pools) {
    std::string members;
    for (int32_t c : pool.members) members += " " + program.clauses[c].id;
    std::string amount = pool.param >= 0
                             ? fmt::format("{} × {}", program.params[pool.param].name, decText(pool.paramScale))
                             : decText(pool.amount);
    std::string how = pool.proRata           ? "pro_rata"
                      : pool.orderField >= 0 ? "in_order " + program.schema.fields[pool.orderField].name
                                             : "in_order input";
    out += fmt::format("pool \"{}\" {} {} over{} (after the run)\n", pool.name, amount, how, members);
  }
  // 排名: no step, ranked by the run before any record is evaluated (zc/ranking.h).
  for (const Ranking& ranking : program.rankings) {
    std::string keys;
    for (size_t k = 0; k < ranking.keyFields.size(); ++k)
      keys += fmt::format("{} {} {}", k == 0 ? "" : ",", program.schema.fields[ranking.keyFields[k]].name,
                          ranking.descending[k] ? "desc" : "asc");
    out += fmt::format("rank {} by{} ties {} (before the run)\n", ranking.name, keys,
                       ranking.tiesAllIn ? "all_in" : "none_in");
  }
  return out;
}

}  // namespace zc::ir
