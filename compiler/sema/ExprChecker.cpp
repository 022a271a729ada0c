// Expressions: each is typed, its units resolved, and lowered to IR with
// every conversion made explicit.
#include <fmt/format.h>

#include "sema/Builtins.h"
#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

namespace {

std::string_view verbFor(ast::ArithOp op) {
  switch (op) {
    case ast::ArithOp::Add: return "add";
    case ast::ArithOp::Sub: return "subtract";
    case ast::ArithOp::Mul: return "multiply";
    case ast::ArithOp::Div: return "divide";
  }
  return "";
}

ir::Pred predFor(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::Eq: return ir::Pred::Eq;
    case ast::CompareOp::Ne: return ir::Pred::Ne;
    case ast::CompareOp::Lt: return ir::Pred::Lt;
    case ast::CompareOp::Le: return ir::Pred::Le;
    case ast::CompareOp::Gt: return ir::Pred::Gt;
    case ast::CompareOp::Ge: return ir::Pred::Ge;
  }
  return ir::Pred::Eq;
}

}  // namespace

ir::Type Checker::machineType(const Type& type) const {
  switch (type.kind) {
    case K::Int: return ir::Type::Int;
    case K::Quantity: return ir::Type::Dec;
    case K::Text: return ir::Type::Text;
    case K::Date: return ir::Type::Date;
    case K::Enum: return ir::Type::Enum;
    default: return ir::Type::Flag;
  }
}

std::string Checker::unitOf(const Type& type) const {
  return type.kind == K::Quantity ? out_.symbols.units.display(type.unit) : "";
}

Typed Checker::check(const ast::Expr& expr, Scope& scope) {
  Typed result = checkExpr(expr, scope);
  result.span = expr.span;
  return result;
}

Typed Checker::checkExpr(const ast::Expr& expr, Scope& scope) {
  switch (expr.kind) {
    case ast::ExprKind::Number:
    case ast::ExprKind::Percent: return checkNumber(expr);
    case ast::ExprKind::Date: {
      zc_date date;
      if (zc_date_parse(expr.text.data(), expr.text.size(), &date) != ZC_OK) {
        diags_.report(DiagKind::InvalidDate, expr.span, fmt::format("{} is not a date that exists", expr.text));
        return fail();
      }
      return {Type::of(K::Date), ir_.constDate(date, expr.span)};
    }
    case ast::ExprKind::String: return {Type::of(K::Text), ir_.constText(expr.text, expr.span)};
    case ast::ExprKind::Bool: return {Type::of(K::Flag), ir_.constFlag(expr.boolValue, expr.span)};
    case ast::ExprKind::Name: return checkName(expr, scope, false);
    case ast::ExprKind::Call: return checkCall(expr, scope);
    case ast::ExprKind::Member: return checkMember(expr, scope);
    case ast::ExprKind::Neg: {
      Typed operand = check(*expr.operands[0], scope);
      if (operand.error()) return fail();
      if (!operand.type.isNumeric()) {
        diags_.report(DiagKind::InvalidOperand, expr.span, fmt::format("cannot negate {}", typeName(operand.type)));
        return fail();
      }
      bool isInt = operand.type.kind == K::Int;
      Typed out{operand.type, ir_.unary(isInt ? ir::Op::IntNeg : ir::Op::DecNeg, machineType(operand.type), operand.value, expr.span)};
      out.zero = operand.zero;
      return out;
    }
    case ast::ExprKind::Not: {
      Typed operand = checkCondition(*expr.operands[0], scope, "the operand of 非");
      if (operand.error()) return fail();
      return {Type::of(K::Flag), ir_.unary(ir::Op::Not, ir::Type::Flag, operand.value, expr.span)};
    }
    case ast::ExprKind::Arith: return checkArith(expr, scope);
    case ast::ExprKind::Compare: return checkCompare(expr, scope);
    case ast::ExprKind::InSet: return checkInSet(expr, scope);
    case ast::ExprKind::InInterval: return checkInInterval(expr, scope);
    case ast::ExprKind::And:
    case ast::ExprKind::Or: return checkLogic(expr, scope);
    case ast::ExprKind::If: return checkIf(expr, scope);
    case ast::ExprKind::Match: return checkMatch(expr, scope);
    case ast::ExprKind::Tier: return checkTier(expr, scope);
    case ast::ExprKind::Crossed: return checkCrossed(expr, scope);
    case ast::ExprKind::Sum:
    case ast::ExprKind::Count: return checkAggregate(expr, scope);
    case ast::ExprKind::List:
    case ast::ExprKind::Record:
      diags_.report(DiagKind::InvalidOperand, expr.span,
                    "a list or record literal is only written as a test's 输入 or a field's default");
      return fail();
  }
  return fail();
}

Typed Checker::checkCondition(const ast::Expr& expr, Scope& scope, std::string_view what) {
  Typed t = check(expr, scope);
  if (t.error()) return t;
  if (t.type.kind != K::Flag) {
    diags_.report(DiagKind::ConditionNotFlag, expr.span,
                  fmt::format("{} must be a flag (标志), but this is {}", what, typeName(t.type)));
    return fail();
  }
  return t;
}

Typed Checker::checkNumber(const ast::Expr& expr) {
  auto value = Rational::parse(expr.text);
  if (value && expr.kind == ast::ExprKind::Percent) value = divide(*value, Rational::integer(100));
  std::optional<zc_dec> dec = value ? value->toDec() : std::nullopt;
  if (!dec) {
    diags_.report(DiagKind::InvalidNumber, expr.span, "this number is too large or has more than 18 decimal places");
    return fail();
  }
  Typed out;
  out.zero = *dec == 0 && expr.unit.empty();  // 0 元 is in 元; a bare 0 fits any unit
  bool whole = expr.kind == ast::ExprKind::Number && expr.text.find('.') == std::string::npos;
  if (expr.unit.empty() && whole && value->num <= INT64_MAX) {
    out.type = Type::of(K::Int);
    out.value = ir_.constInt(static_cast<int64_t>(value->num), expr.span);
    return out;
  }
  Unit unit;
  if (!expr.unit.empty()) {
    auto resolved = resolveUnit(expr.unit);
    if (!resolved) return fail();
    unit = *resolved;
  }
  out.type = Type::quantity(unit);
  out.value = ir_.constDec(*dec, expr.span);
  return out;
}

Typed Checker::checkName(const ast::Expr& expr, Scope& scope, bool allowOptional) {
  const std::string& name = expr.name.text;
  for (auto it = scope.loops.rbegin(); it != scope.loops.rend(); ++it) {
    if (it->name != name) continue;
    if (it->element.kind == K::Record) {
      Typed out{it->element};
      out.loop = it->id;
      return out;
    }
    return {it->element, ir_.elem(it->id, machineType(it->element), expr.span)};
  }
  for (auto it = scope.lets.rbegin(); it != scope.lets.rend(); ++it) {
    if (it->name != name) continue;
    it->used = true;
    return it->value;
  }
  if (scope.record >= 0) {
    const sema::RecordInfo& record = out_.symbols.records[scope.record];
    if (int index = record.find(name); index >= 0) {
      const Type& type = record.fields[index].type;
      Typed out{type};
      out.field = index;
      if (type.kind == K::List) {
        out.listField = index;
        return out;
      }
      if (type.optional && !scope.present.count(index)) {
        if (!allowOptional) {
          auto& d = diags_.report(DiagKind::MaybeAbsent, expr.span,
                                  fmt::format("'{}' may be absent from a record (it is declared {})", name, typeName(type)));
          d.hint = fmt::format("test it first: 条件 有({}); or 有({}) 且 …", name, name);
          return fail();
        }
      } else {
        out.type.optional = false;
      }
      out.value = ir_.field(index, machineType(type), expr.span);
      return out;
    }
  }
  if (int index = out_.symbols.findParam(name); index >= 0) {
    const Type& type = out_.symbols.params[index].type;
    return {type, ir_.param(index, machineType(type), expr.span)};
  }
  std::vector<int> enums = out_.symbols.enumsWithValue(name);
  if (enums.size() == 1) {
    return {Type::enumeration(enums[0]), ir_.constEnum(out_.symbols.enums[enums[0]].find(name), expr.span)};
  }
  if (enums.size() > 1) {
    auto& d = diags_.report(DiagKind::AmbiguousEnumValue, expr.span,
                            fmt::format("'{}' is a value of {} and of {}", name, out_.symbols.enums[enums[0]].name,
                                        out_.symbols.enums[enums[1]].name));
    d.hint = "compare it with a field of the enum you mean, and the value is taken from that enum";
    return fail();
  }
  auto& d = diags_.report(DiagKind::UnknownName, expr.span, fmt::format("unknown name '{}'", name));
  std::vector<std::string> candidates;
  for (const auto& loop : scope.loops) candidates.push_back(loop.name);
  for (const auto& let : scope.lets) candidates.push_back(let.name);
  if (scope.record >= 0)
    for (const auto& f : out_.symbols.records[scope.record].fields) candidates.push_back(f.name);
  for (const auto& p : out_.symbols.params) candidates.push_back(p.name);
  for (const auto& e : out_.symbols.enums) candidates.insert(candidates.end(), e.values.begin(), e.values.end());
  std::string near = closestName(name, candidates);
  if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
  else if (out_.symbols.units.find(name) != nullptr) d.hint = fmt::format("a unit follows a number: 1 {}", name);
  else if (findBuiltin(name) != nullptr) d.hint = fmt::format("{} is a function: {}(…)", name, name);
  else d.hint = fmt::format("a text value is written in quotes: \"{}\"", name);
  return fail();
}

Typed Checker::checkMember(const ast::Expr& expr, Scope& scope) {
  Typed base = check(*expr.operands[0], scope);
  if (base.error()) return fail();
  if (base.loop < 0 || base.type.kind != K::Record) {
    diags_.report(DiagKind::InvalidOperand, expr.span,
                  fmt::format("only an element of a list of records has fields; this is {}", typeName(base.type)));
    return fail();
  }
  const sema::RecordInfo& record = out_.symbols.records[base.type.id];
  int index = record.find(expr.name.text);
  if (index < 0) {
    reportUnknownField(record, expr.name);
    return fail();
  }
  const Type& type = record.fields[index].type;
  return {type, ir_.elemField(base.loop, index, machineType(type), expr.span)};
}

void Checker::reportUnknownField(const sema::RecordInfo& record, const ast::Name& name) {
  auto& d = diags_.report(DiagKind::UnknownField, name.span, fmt::format("{} has no field '{}'", record.name, name.text));
  std::vector<std::string> names;
  for (const auto& f : record.fields) names.push_back(f.name);
  std::string near = closestName(name.text, names);
  if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
}

void Checker::reportDimensionMismatch(const Typed& a, const Typed& b, Span span, std::string_view verb) {
  const UnitTable& units = out_.symbols.units;
  auto unitName = [&](const Typed& t) {
    return t.type.kind == K::Int ? std::string("整数") : typeName(t.type);
  };
  Unit ua = a.type.kind == K::Quantity ? a.type.unit : Unit{};
  Unit ub = b.type.kind == K::Quantity ? b.type.unit : Unit{};
  auto& d = diags_.report(DiagKind::DimensionMismatch, span,
                          fmt::format("cannot {} {} and {}: they measure different things ({} and {})", verb, unitName(a),
                                      unitName(b), units.dimensionName(ua), units.dimensionName(ub)));
  d.notes.push_back({a.span, fmt::format("this is in {}", unitName(a))});
  d.notes.push_back({b.span, fmt::format("this is in {}", unitName(b))});
  const NamedUnit* yuan = out_.symbols.yuan();
  const NamedUnit* dollar = units.find("美元");
  if (yuan != nullptr && dollar != nullptr &&
      ((ua.sameDimension(yuan->unit) && ub.sameDimension(dollar->unit)) ||
       (ub.sameDimension(yuan->unit) && ua.sameDimension(dollar->unit)))) {
    std::string rate;
    auto perDollar = divideUnits(yuan->unit, dollar->unit);
    for (const auto& p : out_.symbols.params)
      if (p.type.kind == K::Quantity && perDollar && p.type.unit.sameDimension(*perDollar)) rate = p.name;
    d.hint = rate.empty() ? "convert 美元 to 元 with a rate: declare 参数 美元汇率: 元/美元 = 7.10 元/美元; and multiply by it"
                          : fmt::format("convert 美元 to 元 with a 元/美元 rate: multiply by {}", rate);
  } else if (ua.dimensionless() || ub.dimensionless()) {
    d.hint = "give the number its unit, such as 5 万元";
  }
}

std::optional<Checker::Unified> Checker::unify(const std::vector<Typed>& operands, Span span, std::string_view verb) {
  for (const Typed& t : operands)
    if (t.error()) return std::nullopt;
  bool numeric = true, allInt = true;
  for (const Typed& t : operands) {
    numeric = numeric && t.type.isNumeric();
    allInt = allInt && t.type.kind == K::Int;
  }
  Unified out;
  if (!numeric) {
    for (const Typed& t : operands) {
      if (!sameType(t.type.required(), operands[0].type.required())) {
        diags_.report(DiagKind::TypeMismatch, span,
                      fmt::format("cannot {} {} and {}", verb, typeName(operands[0].type), typeName(t.type)));
        return std::nullopt;
      }
      out.values.push_back(t.value);
    }
    out.type = operands[0].type.required();
    return out;
  }
  if (allInt) {
    out.type = Type::of(K::Int);
    for (const Typed& t : operands) out.values.push_back(t.value);
    return out;
  }
  const Typed* reference = nullptr;
  Unit common;
  for (const Typed& t : operands) {
    if (t.zero) continue;
    Unit unit = t.type.kind == K::Quantity ? t.type.unit : Unit{};
    if (reference == nullptr) {
      reference = &t;
      common = unit;
    } else if (!unit.sameDimension(common)) {
      reportDimensionMismatch(*reference, t, span, verb);
      return std::nullopt;
    } else if (compare(unit.scale, common.scale).value_or(0) < 0) {
      common = unit;  // the finer unit, so conversions multiply, never divide
    }
  }
  out.type = Type::quantity(common);
  for (const Typed& t : operands) out.values.push_back(convert(t, out.type, span));
  return out;
}

ir::ValueId Checker::convert(const Typed& value, const Type& target, Span span) {
  if (target.kind != K::Quantity) return value.value;
  if (value.zero) return ir_.constDec(0, value.span);
  ir::ValueId v = value.value;
  Unit from;
  if (value.type.kind == K::Int) v = ir_.unary(ir::Op::IntToDec, ir::Type::Dec, v, value.span);
  else from = value.type.unit;
  Rational factor = *divide(from.scale, target.unit.scale);
  if (factor == Rational::integer(1)) return v;
  return ir_.scale(v, factor.num, factor.den, value.span);
}

Typed Checker::checkArith(const ast::Expr& expr, Scope& scope) {
  Typed a = check(*expr.operands[0], scope);
  Typed b = check(*expr.operands[1], scope);
  if (a.error() || b.error()) return fail();
  std::string_view verb = verbFor(expr.arithOp);
  if (!a.type.isNumeric() || !b.type.isNumeric()) {
    diags_.report(DiagKind::InvalidOperand, expr.span,
                  fmt::format("cannot {} {} and {}: arithmetic takes numbers and quantities", verb, typeName(a.type),
                              typeName(b.type)));
    return fail();
  }
  if (expr.arithOp == ast::ArithOp::Add || expr.arithOp == ast::ArithOp::Sub) {
    auto u = unify({a, b}, expr.span, verb);
    if (!u) return fail();
    bool isInt = u->type.kind == K::Int;
    ir::Op op = expr.arithOp == ast::ArithOp::Add ? (isInt ? ir::Op::IntAdd : ir::Op::DecAdd)
                                                  : (isInt ? ir::Op::IntSub : ir::Op::DecSub);
    Typed out{u->type, ir_.binary(op, machineType(u->type), u->values[0], u->values[1], expr.span)};
    out.zero = a.zero && b.zero;
    return out;
  }
  if (expr.arithOp == ast::ArithOp::Mul && a.type.kind == K::Int && b.type.kind == K::Int) {
    Typed out{a.type, ir_.binary(ir::Op::IntMul, ir::Type::Int, a.value, b.value, expr.span)};
    out.zero = a.zero || b.zero;
    return out;
  }
  if (expr.arithOp == ast::ArithOp::Div && b.zero) {
    diags_.report(DiagKind::DivisionByZero, expr.operands[1]->span, "division by zero");
    return fail();
  }
  Unit ua = a.type.kind == K::Quantity ? a.type.unit : Unit{};
  Unit ub = b.type.kind == K::Quantity ? b.type.unit : Unit{};
  auto unit = expr.arithOp == ast::ArithOp::Mul ? multiplyUnits(ua, ub) : divideUnits(ua, ub);
  if (!unit) {
    diags_.report(DiagKind::InvalidOperand, expr.span, "the units of this product are too far apart to represent");
    return fail();
  }
  auto toDec = [&](const Typed& t) {
    return t.type.kind == K::Int ? ir_.unary(ir::Op::IntToDec, ir::Type::Dec, t.value, t.span) : t.value;
  };
  ir::Op op = expr.arithOp == ast::ArithOp::Mul ? ir::Op::DecMul : ir::Op::DecDiv;
  Typed out{Type::quantity(*unit), ir_.binary(op, ir::Type::Dec, toDec(a), toDec(b), expr.span)};
  out.zero = a.zero || (expr.arithOp == ast::ArithOp::Mul && b.zero);
  return out;
}

Typed Checker::checkAgainst(const ast::Expr& expr, const Type& expected, Scope& scope) {
  if (expected.kind == K::Enum && (expr.kind == ast::ExprKind::String || expr.kind == ast::ExprKind::Name)) {
    const sema::EnumInfo& info = out_.symbols.enums[expected.id];
    bool shadowed = false;
    if (expr.kind == ast::ExprKind::Name) {
      for (const auto& loop : scope.loops) shadowed = shadowed || loop.name == expr.text;
      for (const auto& let : scope.lets) shadowed = shadowed || let.name == expr.text;
      if (scope.record >= 0) shadowed = shadowed || out_.symbols.records[scope.record].find(expr.text) >= 0;
    }
    if (!shadowed) {
      int index = info.find(expr.text);
      if (index < 0) {
        auto& d = diags_.report(DiagKind::UnknownEnumValue, expr.span, fmt::format("{} has no value '{}'", info.name, expr.text));
        std::string near = closestName(expr.text, info.values);
        if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
        return fail();
      }
      Typed out{expected.required(), ir_.constEnum(index, expr.span)};
      out.span = expr.span;
      return out;
    }
  }
  return check(expr, scope);
}

Typed Checker::checkCompare(const ast::Expr& expr, Scope& scope) {
  Typed a = check(*expr.operands[0], scope);
  if (a.error()) return fail();
  Typed b = checkAgainst(*expr.operands[1], a.type, scope);
  if (b.error()) return fail();
  auto u = unify({a, b}, expr.span, "compare");
  if (!u) return fail();
  bool ordered = expr.compareOp != ast::CompareOp::Eq && expr.compareOp != ast::CompareOp::Ne;
  K kind = u->type.kind;
  if (ordered && !(kind == K::Int || kind == K::Quantity || kind == K::Date)) {
    diags_.report(DiagKind::InvalidOperand, expr.span,
                  fmt::format("{} values are compared only with = and ≠", typeName(u->type)));
    return fail();
  }
  if (kind == K::List || kind == K::Record) {
    diags_.report(DiagKind::InvalidOperand, expr.span, fmt::format("cannot compare {} values", typeName(u->type)));
    return fail();
  }
  return {Type::of(K::Flag),
          ir_.compare(predFor(expr.compareOp), machineType(u->type), u->values[0], u->values[1], expr.span)};
}

Typed Checker::checkInSet(const ast::Expr& expr, Scope& scope) {
  Typed x = check(*expr.operands[0], scope);
  if (x.error()) return fail();
  if (x.listField >= 0 || x.type.kind == K::Record) {
    diags_.report(DiagKind::InvalidOperand, expr.operands[0]->span, "属于 { … } tests a single value");
    return fail();
  }
  ir::ValueId result = ir::kNoValue;
  for (const auto& member : expr.set) {
    Typed m = checkAgainst(*member, x.type, scope);
    auto u = unify({x, m}, member->span, "compare");
    if (!u) return fail();
    ir::ValueId eq = ir_.compare(ir::Pred::Eq, machineType(u->type), u->values[0], u->values[1], member->span);
    result = result == ir::kNoValue ? eq : ir_.binary(ir::Op::Or, ir::Type::Flag, result, eq, expr.span);
  }
  return {Type::of(K::Flag), result};
}

Typed Checker::checkInInterval(const ast::Expr& expr, Scope& scope) {
  Typed x = check(*expr.operands[0], scope);
  if (x.error()) return fail();
  if (!x.type.isNumeric() && x.type.kind != K::Date) {
    diags_.report(DiagKind::InvalidOperand, expr.span,
                  fmt::format("an interval holds numbers, quantities or dates, not {}", typeName(x.type)));
    return fail();
  }
  const ast::Interval& interval = *expr.interval;
  ir::ValueId result = ir::kNoValue;
  auto side = [&](const ast::ExprPtr& bound, bool lower, bool closed) {
    if (!bound) return true;
    Typed b = check(*bound, scope);
    auto u = unify({b, x}, bound->span, "compare");
    if (!u) return false;
    ir::Pred pred = closed ? ir::Pred::Le : ir::Pred::Lt;
    ir::ValueId lhs = lower ? u->values[0] : u->values[1];
    ir::ValueId rhs = lower ? u->values[1] : u->values[0];
    ir::ValueId test = ir_.compare(pred, machineType(u->type), lhs, rhs, bound->span);
    result = result == ir::kNoValue ? test : ir_.binary(ir::Op::And, ir::Type::Flag, result, test, expr.span);
    return true;
  };
  if (!side(interval.lo, true, interval.loClosed) || !side(interval.hi, false, interval.hiClosed)) return fail();
  if (result == ir::kNoValue) result = ir_.constFlag(true, expr.span);
  return {Type::of(K::Flag), result};
}

std::set<int> Checker::presentFacts(const ast::Expr& condition, const Scope& scope) const {
  std::set<int> facts;
  if (condition.kind == ast::ExprKind::And) {
    for (const auto& side : condition.operands) {
      std::set<int> more = presentFacts(*side, scope);
      facts.insert(more.begin(), more.end());
    }
  } else if (condition.kind == ast::ExprKind::Call && scope.record >= 0 && condition.operands.size() == 1 &&
             condition.operands[0]->kind == ast::ExprKind::Name) {
    const Builtin* builtin = findBuiltin(condition.name.text);
    int field = out_.symbols.records[scope.record].find(condition.operands[0]->text);
    if (builtin != nullptr && builtin->signature == BuiltinSignature::Present && field >= 0) facts.insert(field);
  }
  return facts;
}

Typed Checker::checkLogic(const ast::Expr& expr, Scope& scope) {
  bool isAnd = expr.kind == ast::ExprKind::And;
  std::string_view what = isAnd ? "each side of 且" : "each side of 或";
  Typed a = checkCondition(*expr.operands[0], scope, what);
  std::set<int> saved = scope.present;
  if (isAnd) {
    std::set<int> facts = presentFacts(*expr.operands[0], scope);
    scope.present.insert(facts.begin(), facts.end());
  }
  Typed b = checkCondition(*expr.operands[1], scope, what);
  scope.present = saved;
  if (a.error() || b.error()) return fail();
  return {Type::of(K::Flag), ir_.binary(isAnd ? ir::Op::And : ir::Op::Or, ir::Type::Flag, a.value, b.value, expr.span)};
}

Typed Checker::checkIf(const ast::Expr& expr, Scope& scope) {
  Typed condition = checkCondition(*expr.operands[0], scope, "the condition of 如果");
  std::set<int> saved = scope.present;
  std::set<int> facts = presentFacts(*expr.operands[0], scope);
  scope.present.insert(facts.begin(), facts.end());
  Typed then = check(*expr.operands[1], scope);
  scope.present = saved;
  Typed otherwise = check(*expr.operands[2], scope);
  if (condition.error() || then.error() || otherwise.error()) return fail();
  auto u = unify({then, otherwise}, expr.span, "choose between");
  if (!u) return fail();
  Typed out{u->type, ir_.select(machineType(u->type), condition.value, u->values[0], u->values[1], expr.span)};
  out.zero = then.zero && otherwise.zero;
  return out;
}

Typed Checker::checkCall(const ast::Expr& expr, Scope& scope) {
  const Builtin* builtin = findBuiltin(expr.name.text);
  if (builtin == nullptr) {
    auto& d = diags_.report(DiagKind::UnknownFunction, expr.name.span, fmt::format("unknown function '{}'", expr.name.text));
    std::vector<std::string> names;
    for (const Builtin& b : builtins()) {
      names.emplace_back(b.chinese);
      names.emplace_back(b.english);
    }
    std::string near = closestName(expr.name.text, names);
    if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
    return fail();
  }
  size_t arity = expr.operands.size();
  auto wrongCount = [&](std::string_view expected) {
    diags_.report(DiagKind::WrongArgumentCount, expr.span,
                  fmt::format("{} takes {}, but is given {}", expr.name.text, expected, arity));
    return fail();
  };
  auto expectKind = [&](const Typed& t, K kind, std::string_view what) {
    if (t.error()) return false;
    if (t.type.kind == kind) return true;
    diags_.report(DiagKind::TypeMismatch, t.span,
                  fmt::format("{} takes {}, but this is {}", expr.name.text, what, typeName(t.type)));
    return false;
  };
  switch (builtin->signature) {
    case BuiltinSignature::MinMax: {
      if (arity < 2) return wrongCount("two or more arguments");
      std::vector<Typed> args;
      for (const auto& a : expr.operands) args.push_back(check(*a, scope));
      for (const Typed& t : args) {
        if (t.error()) return fail();
        if (!t.type.isNumeric()) {
          diags_.report(DiagKind::TypeMismatch, t.span, fmt::format("{} takes numbers or quantities, but this is {}",
                                                                   expr.name.text, typeName(t.type)));
          return fail();
        }
      }
      auto u = unify(args, expr.span, "compare");
      if (!u) return fail();
      bool isInt = u->type.kind == K::Int;
      ir::ValueId acc = u->values[0];
      for (size_t i = 1; i < u->values.size(); ++i)
        acc = ir_.call(isInt ? builtin->intFunction : builtin->decFunction, machineType(u->type), {acc, u->values[i]}, expr.span);
      return {u->type, acc};
    }
    case BuiltinSignature::Round: {
      if (arity != 2) return wrongCount("two arguments: a quantity and a number of places");
      Typed value = check(*expr.operands[0], scope);
      if (value.error()) return fail();
      const ast::Expr& places = *expr.operands[1];
      int count = -1;
      if (places.kind == ast::ExprKind::Number && places.unit.empty() && places.text.size() <= 2 &&
          places.text.find('.') == std::string::npos)
        count = std::stoi(places.text);
      if (count < 0 || count > 18) {
        diags_.report(DiagKind::TypeMismatch, places.span,
                      "the places of 四舍五入 are written as a whole number from 0 to 18");
        return fail();
      }
      if (!value.type.isNumeric()) {
        diags_.report(DiagKind::TypeMismatch, value.span, fmt::format("{} takes a number or quantity, but this is {}",
                                                                    expr.name.text, typeName(value.type)));
        return fail();
      }
      Type type = value.type.kind == K::Int ? Type::number() : value.type;
      ir::ValueId v = convert(value, type, expr.span);
      return {type, ir_.call(builtin->decFunction, ir::Type::Dec, {v, ir_.constInt(count, places.span)}, expr.span)};
    }
    case BuiltinSignature::Abs: {
      if (arity != 1) return wrongCount("one argument");
      Typed value = check(*expr.operands[0], scope);
      if (value.error()) return fail();
      if (!value.type.isNumeric()) {
        diags_.report(DiagKind::TypeMismatch, value.span, fmt::format("{} takes a number or quantity, but this is {}",
                                                                    expr.name.text, typeName(value.type)));
        return fail();
      }
      Type type = value.type.kind == K::Int ? Type::number() : value.type;
      return {type, ir_.call(builtin->decFunction, ir::Type::Dec, {convert(value, type, expr.span)}, expr.span)};
    }
    case BuiltinSignature::Present: {
      if (arity != 1) return wrongCount("one argument");
      const ast::Expr& arg = *expr.operands[0];
      int field = -1;
      if (arg.kind == ast::ExprKind::Name && scope.record >= 0) {
        const sema::RecordInfo& record = out_.symbols.records[scope.record];
        field = record.find(arg.text);
        if (field >= 0 && !record.fields[field].type.optional) field = -2;
      }
      if (field < 0) {
        diags_.report(DiagKind::TypeMismatch, arg.span,
                      field == -2 ? fmt::format("'{}' is never absent: only fields declared with ? can be", arg.text)
                                  : fmt::format("{} takes an optional field of the record", expr.name.text));
        return fail();
      }
      return {Type::of(K::Flag), ir_.fieldPresent(field, expr.span)};
    }
    case BuiltinSignature::DateToInt: {
      if (arity != 1) return wrongCount("one date");
      Typed date = check(*expr.operands[0], scope);
      if (!expectKind(date, K::Date, "a date")) return fail();
      return {Type::of(K::Int), ir_.call(builtin->intFunction, ir::Type::Int, {date.value}, expr.span)};
    }
    case BuiltinSignature::DaysBetween: {
      if (arity != 2) return wrongCount("two dates");
      Typed from = check(*expr.operands[0], scope);
      Typed to = check(*expr.operands[1], scope);
      if (!expectKind(from, K::Date, "dates") || !expectKind(to, K::Date, "dates")) return fail();
      return {Type::of(K::Int), ir_.call(builtin->intFunction, ir::Type::Int, {from.value, to.value}, expr.span)};
    }
    case BuiltinSignature::MakeDate: {
      if (arity != 3) return wrongCount("three whole numbers: year, month, day");
      std::vector<ir::ValueId> args;
      for (const auto& a : expr.operands) {
        Typed t = check(*a, scope);
        if (!expectKind(t, K::Int, "whole numbers")) return fail();
        args.push_back(t.value);
      }
      return {Type::of(K::Date), ir_.call(builtin->intFunction, ir::Type::Date, args, expr.span)};
    }
  }
  return fail();
}

Typed Checker::checkAggregate(const ast::Expr& expr, Scope& scope) {
  bool isSum = expr.kind == ast::ExprKind::Sum;
  Typed list = check(*expr.operands[0], scope);
  if (list.error()) return fail();
  if (list.listField < 0) {
    diags_.report(DiagKind::NotAList, expr.operands[0]->span,
                  fmt::format("{} goes over a list field, but this is {}", isSum ? "求和" : "个数", typeName(list.type)));
    return fail();
  }
  int loop = ir_.newLoop();
  scope.loops.push_back({expr.name.text, *list.type.element, loop, list.listField});
  Typed body;
  if (isSum) body = check(*expr.operands[1], scope);
  Typed filter;
  const ast::Expr* filterExpr = expr.hasFilter ? expr.operands.back().get() : nullptr;
  if (filterExpr != nullptr) filter = checkCondition(*filterExpr, scope, "the 满足 filter");
  scope.loops.pop_back();
  if ((isSum && body.error()) || (filterExpr != nullptr && filter.error())) return fail();
  ir::ValueId filterValue = filterExpr != nullptr ? filter.value : ir::kNoValue;
  if (!isSum) return {Type::of(K::Int), ir_.count(loop, list.listField, filterValue, expr.span)};
  if (!body.type.isNumeric()) {
    diags_.report(DiagKind::TypeMismatch, expr.operands[1]->span,
                  fmt::format("求和 adds numbers or quantities, but this is {}", typeName(body.type)));
    return fail();
  }
  Type type = body.zero && body.type.kind == K::Int ? Type::of(K::Int) : body.type;
  return {type, ir_.sum(machineType(type), loop, list.listField, body.value, filterValue, expr.span)};
}

}  // namespace zc
