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
    case ast::ArithOp::Add:
      return "add";
    case ast::ArithOp::Sub:
      return "subtract";
    case ast::ArithOp::Mul:
      return "multiply";
    case ast::ArithOp::Div:
      return "divide";
  }
  return "";
}

ir::Pred predFor(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::Eq:
      return ir::Pred::Eq;
    case ast::CompareOp::Ne:
      return ir::Pred::Ne;
    case ast::CompareOp::Lt:
      return ir::Pred::Lt;
    case ast::CompareOp::Le:
      return ir::Pred::Le;
    case ast::CompareOp::Gt:
      return ir::Pred::Gt;
    case ast::CompareOp::Ge:
      return ir::Pred::Ge;
  }
  return ir::Pred::Eq;
}

}  // namespace

ir::Type Checker::machineType(const Type& type) const {
  switch (type.kind) {
    case K::Int:
      return ir::Type::Int;
    case K::Quantity:
      return ir::Type::Dec;
    case K::Text:
      return ir::Type::Text;
    case K::Date:
      return ir::Type::Date;
    case K::Enum:
      return ir::Type::Enum;
    default:
      return ir::Type::Flag;
  }
}

Typed Checker::check(const ast::Expr& expr, Scope& scope) { return checked(expr, checkExpr(expr, scope)); }

Typed Checker::checked(const ast::Expr& expr, Typed result) {
  result.span = expr.span;
  if (!result.error()) out_.names.types.push_back({expr.span, typeName(result.type)});
  return result;
}

Typed Checker::checkExpr(const ast::Expr& expr, Scope& scope) {
  switch (expr.kind) {
    case ast::ExprKind::Number:
    case ast::ExprKind::Percent:
      return checkNumber(expr);
    case ast::ExprKind::Date: {
      zc_date date;
      if (zc_date_parse(expr.text.data(), expr.text.size(), &date) != ZC_OK) {
        diags_.report(DiagKind::InvalidDate, expr.span, fmt::format("{} is not a date that exists", expr.text));
        return fail();
      }
      return {Type::of(K::Date), ir_.constDate(date, expr.span)};
    }
    case ast::ExprKind::String:
      return {Type::of(K::Text), ir_.constText(expr.text, expr.span)};
    case ast::ExprKind::Bool:
      return {Type::of(K::Flag), ir_.constFlag(expr.boolValue, expr.span)};
    case ast::ExprKind::Name:
      return checkName(expr, scope, false);
    case ast::ExprKind::Call:
      return checkCall(expr, scope);
    case ast::ExprKind::Member:
      return checkMember(expr, scope, false);
    case ast::ExprKind::Neg: {
      Typed operand = check(*expr.operands[0], scope);
      if (operand.error()) return fail();
      if (!operand.type.isNumeric()) {
        diags_.report(DiagKind::InvalidOperand, expr.span, fmt::format("cannot negate {}", typeName(operand.type)));
        return fail();
      }
      bool isInt = operand.type.kind == K::Int;
      Typed out{operand.type, ir_.unary(isInt ? ir::Op::IntNeg : ir::Op::DecNeg, machineType(operand.type),
                                        operand.value, expr.span)};
      out.zero = operand.zero;
      if (operand.constant) out.constant = Rational{-operand.constant->num, operand.constant->den};
      return out;
    }
    case ast::ExprKind::Not: {
      Typed operand = checkCondition(*expr.operands[0], scope, "the operand of 非");
      if (operand.error()) return fail();
      return {Type::of(K::Flag), ir_.unary(ir::Op::Not, ir::Type::Flag, operand.value, expr.span)};
    }
    case ast::ExprKind::Arith:
      return checkArith(expr, scope);
    case ast::ExprKind::Compare:
      return checkCompare(expr, scope);
    case ast::ExprKind::InSet:
      return checkInSet(expr, scope);
    case ast::ExprKind::InInterval:
      return checkInInterval(expr, scope);
    case ast::ExprKind::And:
    case ast::ExprKind::Or:
      return checkLogic(expr, scope);
    case ast::ExprKind::If:
      return checkIf(expr, scope);
    case ast::ExprKind::Match:
      return checkMatch(expr, scope);
    case ast::ExprKind::Tier:
      return checkTier(expr, scope);
    case ast::ExprKind::Crossed:
      return checkCrossed(expr, scope);
    case ast::ExprKind::Progressive:
      return checkProgressive(expr, scope);
    case ast::ExprKind::Sum:
    case ast::ExprKind::Count:
      return checkAggregate(expr, scope);
    case ast::ExprKind::ClauseRef: {
      const NamedUnit* yuan = out_.symbols.yuan();
      if (!scope.inClause || yuan == nullptr) {
        diags_.report(DiagKind::InvalidOperand, expr.span,
                      yuan == nullptr ? "条款 \"…\" is an amount in 元, and 元 is not declared: import \"std/units.zc\""
                      : scope.defining != nullptr
                          ? "条款 \"…\" reads another clause's award, so it is written inside a clause, not in a 设 "
                            "its policy's clauses share"
                          : "条款 \"…\" reads another clause's award, so it is written inside a clause");
        return fail();
      }
      ir::ValueId v = ir_.clauseAmount(expr.span);
      clauseReferences_.push_back({v, expr.text, expr.span});
      return {Type::quantity(yuan->unit), v};
    }
    case ast::ExprKind::Received:
      return checkReceived(expr, scope);
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
  if (value && expr.kind == ast::ExprKind::Percent) value = divide(*value, Rational::integer(expr.per));
  if (!value) {
    diags_.report(DiagKind::InvalidNumber, expr.span, "this number is too large or has more than 38 decimal places");
    return fail();
  }
  Typed out;
  out.zero = value->isZero() && expr.unit.empty();  // 0 元 is in 元; a bare 0 fits any unit
  bool whole = expr.kind == ast::ExprKind::Number && expr.text.find('.') == std::string::npos;
  if (expr.unit.empty() && whole && value->num <= INT64_MAX) {
    out.type = Type::of(K::Int);
    out.value = ir_.constInt(static_cast<int64_t>(value->num), expr.span);
    out.constant = value;
    return out;
  }
  Unit unit;
  if (!expr.unit.empty()) {
    auto resolved = resolveUnit(expr.unit);
    if (!resolved) return fail();
    unit = *resolved;
  }
  out.type = Type::quantity(unit);
  out.value = ir_.constDec(value->toDec(), expr.span);
  out.constant = value;
  return out;
}

Typed Checker::checkArith(const ast::Expr& expr, Scope& scope) {
  Typed a = check(*expr.operands[0], scope);
  Typed b = check(*expr.operands[1], scope);
  return arith(expr, a, b);
}

Typed Checker::arith(const ast::Expr& expr, const Typed& a, const Typed& b) {
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
    if (u->constants[0] && u->constants[1]) {
      const Rational& y = *u->constants[1];
      out.constant = add(*u->constants[0], expr.arithOp == ast::ArithOp::Add ? y : Rational{-y.num, y.den});
      if (!holdsConstant(out.constant, out.type, expr.span)) return fail();
    }
    return out;
  }
  return product(a, b, expr.arithOp, expr.operands[1]->span, expr.span);
}

Typed Checker::product(const Typed& a, const Typed& b, ast::ArithOp op, Span divisor, Span span) {
  if (op == ast::ArithOp::Mul && a.type.kind == K::Int && b.type.kind == K::Int) {
    Typed out{a.type, ir_.binary(ir::Op::IntMul, ir::Type::Int, a.value, b.value, span)};
    out.zero = a.zero || b.zero;
    if (a.constant && b.constant) {
      out.constant = multiply(*a.constant, *b.constant);
      if (!holdsConstant(out.constant, out.type, span)) return fail();
    }
    return out;
  }
  if (op == ast::ArithOp::Div && b.zero) {
    diags_.report(DiagKind::DivisionByZero, divisor, "division by zero");
    return fail();
  }
  Unit ua = a.type.kind == K::Quantity ? a.type.unit : Unit{};
  Unit ub = b.type.kind == K::Quantity ? b.type.unit : Unit{};
  auto unit = op == ast::ArithOp::Mul ? multiplyUnits(ua, ub) : divideUnits(ua, ub);
  if (!unit) {
    diags_.report(DiagKind::InvalidOperand, span, "the units of this product are too far apart to represent");
    return fail();
  }
  auto toDec = [&](const Typed& t) {
    return t.type.kind == K::Int ? ir_.unary(ir::Op::IntToDec, ir::Type::Dec, t.value, t.span) : t.value;
  };
  bool mul = op == ast::ArithOp::Mul;
  Typed out{Type::quantity(*unit),
            ir_.binary(mul ? ir::Op::DecMul : ir::Op::DecDiv, ir::Type::Dec, toDec(a), toDec(b), span)};
  out.zero = a.zero || (mul && b.zero);
  if (a.constant && b.constant) {
    out.constant = mul ? multiply(*a.constant, *b.constant) : divide(*a.constant, *b.constant);
    if (!holdsConstant(out.constant, out.type, span)) return fail();
  }
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
        auto& d = diags_.report(DiagKind::UnknownEnumValue, expr.span,
                                fmt::format("{} has no value '{}'", info.name, expr.text));
        std::string near = closestName(expr.text, info.values);
        if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
        return fail();
      }
      Typed out{expected.required(), ir_.constEnum(index, expr.span)};
      out.span = expr.span;
      return out;
    }
  }
  // A text closed to a 集合 is never one outside it: a typo ("昌江" for
  // "昌江区") would silently never hold.
  if (expected.kind == K::Text && expected.id >= 0 && expr.kind == ast::ExprKind::String) {
    const sema::EnumInfo& set = out_.symbols.sets[expected.id];
    if (set.find(expr.text) < 0) {
      reportNotInSet(set, expr.text, expr.span, "so this never holds");
      return fail();
    }
  }
  return check(expr, scope);
}

void Checker::reportNotInSet(const sema::EnumInfo& set, const std::string& text, Span span,
                             std::string_view consequence) {
  auto& d =
      diags_.report(DiagKind::NotInSet, span, fmt::format("\"{}\" is not one of {}, {}", text, set.name, consequence));
  d.notes.push_back({set.span, fmt::format("{} is declared here", set.name)});
  std::string near = closestName(text, set.values);
  if (!near.empty()) d.hint = fmt::format("did you mean \"{}\"?", near);
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
  if (expr.set.empty()) return checkInNamedSet(x, expr);
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

Typed Checker::checkInNamedSet(const Typed& x, const ast::Expr& expr) {
  int index = out_.symbols.findSet(expr.name.text);
  if (index < 0) {
    auto& d = diags_.report(DiagKind::UnknownName, expr.name.span, fmt::format("no 集合 named '{}'", expr.name.text));
    std::vector<std::string> names;
    for (const auto& set : out_.symbols.sets) names.push_back(set.name);
    std::string near = closestName(expr.name.text, names);
    d.hint = !near.empty()
                 ? fmt::format("did you mean {}?", near)
                 : fmt::format("declare it: 集合 {} {{ \"…\", \"…\" }}, or list the values: 属于 {{ \"…\", \"…\" }}",
                               expr.name.text);
    return fail();
  }
  const sema::EnumInfo& set = out_.symbols.sets[index];
  out_.names.uses.push_back({expr.name.span, set.span, sema::NameKind::Set});
  if (x.type.kind != K::Text) {
    diags_.report(DiagKind::TypeMismatch, expr.span,
                  fmt::format("{} is a 集合 of texts, but this is {}", set.name, typeName(x.type)));
    return fail();
  }
  // Members of the value's own 集合 only: a text it is closed to never equals another.
  ir::ValueId result = ir::kNoValue;
  for (const std::string& member : set.values) {
    if (x.type.id >= 0 && out_.symbols.sets[x.type.id].find(member) < 0) continue;
    ir::ValueId eq =
        ir_.compare(ir::Pred::Eq, ir::Type::Text, x.value, ir_.constText(member, expr.name.span), expr.name.span);
    result = result == ir::kNoValue ? eq : ir_.binary(ir::Op::Or, ir::Type::Flag, result, eq, expr.span);
  }
  if (result == ir::kNoValue) {
    diags_.report(DiagKind::NotInSet, expr.span,
                  fmt::format("{} holds none of the values of {}, so this never holds", set.name, typeName(x.type)));
    return fail();
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
  return checkWithin(x, *expr.interval, expr.span, scope);
}

Typed Checker::checkWithin(const Typed& x, const ast::Interval& interval, Span whole, Scope& scope) {
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
    result = result == ir::kNoValue ? test : ir_.binary(ir::Op::And, ir::Type::Flag, result, test, whole);
    return true;
  };
  if (!side(interval.lo, true, interval.loClosed) || !side(interval.hi, false, interval.hiClosed)) return fail();
  if (result == ir::kNoValue) result = ir_.constFlag(true, whole);
  // Constant bounds that hold no value of x make a test that never holds.
  auto constant = [&](const ast::ExprPtr& bound) -> std::optional<Rational> {
    if (bound->kind == ast::ExprKind::Date) {
      zc_date date;
      if (zc_date_parse(bound->text.data(), bound->text.size(), &date) != ZC_OK) return std::nullopt;
      return Rational::integer(date);
    }
    bool literal = bound->kind == ast::ExprKind::Number || bound->kind == ast::ExprKind::Percent ||
                   (bound->kind == ast::ExprKind::Neg && bound->operands[0]->kind == ast::ExprKind::Number);
    if (!literal) return std::nullopt;
    return foldNumber(*bound, x.type.kind == K::Int ? Type::number() : x.type.required());
  };
  if (interval.lo && interval.hi) {
    auto lo = constant(interval.lo), hi = constant(interval.hi);
    sema::Range written{lo, hi, interval.loClosed, interval.hiClosed, interval.span};
    if (lo && hi && sema::isEmpty(sema::within(written, domainOf(x)))) {
      auto& d = diags_.report(
          DiagKind::EmptyInterval, interval.span,
          fmt::format("the interval {} holds no value, so this never holds", sources_.text(interval.span)));
      d.hint = sema::isEmpty(written) ? "write the smaller bound first: [lo, hi]" : domainHint(x);
      return fail();
    }
  }
  return {Type::of(K::Flag), result};
}

Typed Checker::checkLogic(const ast::Expr& expr, Scope& scope) {
  bool isAnd = expr.kind == ast::ExprKind::And;
  std::string_view what = isAnd ? "each side of 且" : "each side of 或";
  Typed a = checkCondition(*expr.operands[0], scope, what);
  // b is evaluated only where a holds (且) or fails (或).
  Narrowing first = narrowing(*expr.operands[0], scope);
  auto saved = assume(scope, isAnd ? first.whenTrue : first.whenFalse);
  Typed b = checkCondition(*expr.operands[1], scope, what);
  restore(scope, std::move(saved));
  if (a.error() || b.error()) return fail();
  return {Type::of(K::Flag), ir_.binary(isAnd ? ir::Op::And : ir::Op::Or, ir::Type::Flag, a.value, b.value, expr.span)};
}

Typed Checker::checkIf(const ast::Expr& expr, Scope& scope) {
  Typed condition = checkCondition(*expr.operands[0], scope, "the condition of 如果");
  Narrowing facts = narrowing(*expr.operands[0], scope);
  auto saved = assume(scope, facts.whenTrue);
  Typed then = check(*expr.operands[1], scope);
  restore(scope, std::move(saved));
  saved = assume(scope, facts.whenFalse);
  Typed otherwise = check(*expr.operands[2], scope);
  restore(scope, std::move(saved));
  if (condition.error() || then.error() || otherwise.error()) return fail();
  auto u = unify({then, otherwise}, expr.span, "choose between");
  if (!u) return fail();
  Typed out{u->type, ir_.select(machineType(u->type), condition.value, u->values[0], u->values[1], expr.span)};
  out.zero = then.zero && otherwise.zero;
  std::vector<ir::Choice::Arm> arms{{condition.value, true, expr.operands[0]->span, false}};
  // 否则 如果 …: the 如果 after 否则 says which of its arms was taken.
  if (expr.operands[2]->kind != ast::ExprKind::If) arms.push_back({ir::kNoValue, true, expr.operands[2]->span, true});
  ir_.choice({ir::Choice::Kind::If, out.value, expr.span, ir::kNoValue, {}, {}, {}, std::move(arms)});
  return out;
}

Typed Checker::checkAggregate(const ast::Expr& expr, Scope& scope) {
  bool isSum = expr.kind == ast::ExprKind::Sum;
  Typed list = check(*expr.operands[0], scope);
  if (list.error()) return fail();
  if (list.listField < 0) {
    diags_.report(
        DiagKind::NotAList, expr.operands[0]->span,
        fmt::format("{} goes over a list field, but this is {}", isSum ? "求和" : "个数", typeName(list.type)));
    return fail();
  }
  int loop = ir_.newLoop();
  scope.loops.push_back({expr.name.text, *list.type.element, loop, list.listField});
  Typed filter;
  const ast::Expr* filterExpr = expr.hasFilter ? expr.operands.back().get() : nullptr;
  if (filterExpr != nullptr) filter = checkCondition(*filterExpr, scope, "the 满足 filter");
  // The body is evaluated only for the elements the filter keeps.
  auto saved = assume(scope, filterExpr != nullptr ? narrowing(*filterExpr, scope).whenTrue : Facts{});
  Typed body;
  if (isSum) body = check(*expr.operands[1], scope);
  restore(scope, std::move(saved));
  scope.loops.pop_back();
  if ((isSum && body.error()) || (filterExpr != nullptr && filter.error())) return fail();
  ir::ValueId filterValue = filterExpr != nullptr ? filter.value : ir::kNoValue;
  if (!isSum) {
    Typed out{Type::of(K::Int), ir_.count(loop, list.listField, filterValue, expr.span)};
    out.count = true;
    return out;
  }
  if (!body.type.isNumeric()) {
    diags_.report(DiagKind::TypeMismatch, expr.operands[1]->span,
                  fmt::format("求和 adds numbers or quantities, but this is {}", typeName(body.type)));
    return fail();
  }
  Type type = body.zero && body.type.kind == K::Int ? Type::of(K::Int) : body.type;
  out_.program.loopUnits[loop] = shownUnitOf(type);
  return {type, ir_.sum(machineType(type), loop, list.listField, body.value, filterValue, expr.span)};
}

}  // namespace zc
