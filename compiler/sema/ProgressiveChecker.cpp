// 累进 (超额累进): each rate pays on the part of the value inside its bracket.
// The brackets must tile one stretch of values, [0, 100) then [100, 500), so
// that every part of the value is paid by exactly one rate; below the first
// and above a bounded last bracket nothing is paid.

#include <fmt/format.h>

#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

namespace {

// A number without a unit: a rate, a ratio, a percentage.
bool isRatio(const Typed& t) { return t.type.kind == K::Quantity && t.type.unit.dimensionless(); }

std::string boundText(const std::optional<Rational>& value, const std::string& unit) {
  if (!value) return "∞";
  return unit.empty() ? value->str() : value->str() + " " + unit;
}

}  // namespace

Typed Checker::checkProgressive(const ast::Expr& expr, Scope& scope) {
  Typed value = check(*expr.operands[0], scope);
  if (value.error()) return fail();
  if (value.type.kind != K::Int && value.type.kind != K::Quantity) {
    diags_.report(DiagKind::InvalidOperand, expr.operands[0]->span,
                  fmt::format("累进 splits a number or quantity into brackets, but this is {}", typeName(value.type)));
    return fail();
  }
  std::string unit = unitOf(value.type);
  struct Written {
    Rational lo;
    std::optional<Rational> hi;
    const ast::TierArm* arm;
  };
  std::vector<Written> brackets;
  bool ok = true;
  const ast::TierArm* previous = nullptr;
  for (const ast::TierArm& arm : expr.tiers) {
    if (!arm.interval || !arm.interval->lo) {
      auto& d =
          diags_.report(DiagKind::BracketWithoutBase, arm.interval ? arm.interval->span : arm.span,
                        arm.interval ? "a 累进 bracket needs a lower bound: its rate pays on the part above it"
                                     : "累进 has no 否则: the part of the value outside every bracket earns nothing");
      d.hint = arm.interval ? "write the brackets from where paying starts, e.g. [0 万元, 100 万元) => 5%"
                            : "end the last bracket with ∞ to pay on every part above it";
      ok = false;
      continue;
    }
    const ast::Interval& interval = *arm.interval;
    auto lo = constantBound(*interval.lo, value.type);
    std::optional<Rational> hi;
    if (interval.hi) hi = constantBound(*interval.hi, value.type);
    if (!lo || (interval.hi && !hi)) {
      ok = false;
      continue;
    }
    if (hi && compare(*lo, *hi).value_or(0) >= 0) {
      diags_.report(DiagKind::EmptyInterval, interval.span,
                    fmt::format("the bracket {} holds no part of a value", sources_.text(interval.span)));
      ok = false;
      continue;
    }
    if (previous != nullptr && !brackets.empty()) {
      const Written& before = brackets.back();
      int order = before.hi ? compare(*lo, *before.hi).value_or(0) : 1;
      bool bothClosed = previous->interval->hiClosed && interval.loClosed;
      bool bothOpen = !previous->interval->hiClosed && !interval.loClosed;
      if (order != 0 || bothClosed || bothOpen) {
        std::string message =
            order > 0 && !before.hi
                ? fmt::format("the bracket {} comes after one that has no end", sources_.text(interval.span))
            : order > 0 ? fmt::format("values from {} to {} fall in no bracket", boundText(before.hi, unit),
                                      boundText(lo, unit))
            : bothOpen  ? fmt::format("the value {} falls in no bracket", boundText(lo, unit))
                        : fmt::format("the bracket {} overlaps the one before", sources_.text(interval.span));
        auto& d = diags_.report(DiagKind::BracketsNotContiguous, interval.span, message);
        d.notes.push_back({previous->interval->span, "the bracket before"});
        d.hint = "each bracket starts where the one before ends: [0, 100 万元) then [100 万元, 500 万元)";
        ok = false;
      }
    }
    brackets.push_back({*lo, hi, &arm});
    previous = &arm;
  }
  if (!ok || brackets.empty()) return fail();

  ir::Type boundType = machineType(value.type);
  bool whole = boundType == ir::Type::Int;
  auto constant = [&](const Rational& bound, Span span) -> std::optional<ir::ValueId> {
    if (!holdsConstant(bound, value.type, span)) return std::nullopt;
    return whole ? ir_.constInt(static_cast<int64_t>(bound.num), span) : ir_.constDec(bound.toDec(), span);
  };
  struct Lowered {
    ir::ValueId reached, part;
    Typed earned;
    ir::ValueId base;
    Span baseSpan;
    ir::ShownUnit baseUnit;
  };
  std::vector<Lowered> lowered;
  std::vector<Typed> earnings;
  for (const Written& b : brackets) {
    Span span = b.arm->span;
    auto lo = constant(b.lo, b.arm->interval->span);
    if (!lo) return fail();
    ir::ValueId reached = ir_.compare(ir::Pred::Lt, boundType, *lo, value.value, span);
    ir::ValueId top = value.value;
    if (b.hi) {
      auto hi = constant(*b.hi, b.arm->interval->span);
      if (!hi) return fail();
      top = ir_.select(boundType, ir_.compare(ir::Pred::Lt, boundType, value.value, *hi, span), value.value, *hi, span);
    }
    Typed part{value.type, ir_.binary(whole ? ir::Op::IntSub : ir::Op::DecSub, boundType, top, *lo, span)};
    part.span = span;
    // Over a rate, an arm written as a rate of an amount (1% × 上年工业产值)
    // pays that rate on the part × the amount: an explanation shows it.
    const ast::Expr& armValue = *b.arm->value;
    Typed rate, base;
    Span baseSpan;
    if (isRatio(value) && armValue.kind == ast::ExprKind::Arith && armValue.arithOp == ast::ArithOp::Mul) {
      Typed x = check(*armValue.operands[0], scope), y = check(*armValue.operands[1], scope);
      rate = checked(armValue, arith(armValue, x, y));
      if (isRatio(x) != isRatio(y)) {
        base = isRatio(x) ? y : x;
        baseSpan = armValue.operands[isRatio(x) ? 1 : 0]->span;
      }
    } else {
      rate = check(armValue, scope);
    }
    if (rate.error()) return fail();
    if (!rate.type.isNumeric()) {
      diags_.report(DiagKind::InvalidOperand, b.arm->value->span,
                    fmt::format("a 累进 rate multiplies the part of the value, so it is a number or quantity, not {}",
                                typeName(rate.type)));
      return fail();
    }
    Typed earned = product(part, rate, ast::ArithOp::Mul, b.arm->value->span, span);
    if (earned.error()) return fail();
    earned.span = span;
    lowered.push_back(
        {reached, part.value, earned, base.value, baseSpan, base.error() ? ir::ShownUnit{} : shownUnitOf(base.type)});
    earnings.push_back(earned);
  }
  earnings.push_back(literalZero(expr.span));
  auto u = unify(earnings, expr.span, "add");
  if (!u) return fail();
  ir::Type type = machineType(u->type);
  ir::ValueId total = ir::kNoValue;
  for (size_t i = 0; i < lowered.size(); ++i) {
    Span span = brackets[i].arm->span;
    ir::ValueId paid = ir_.select(type, lowered[i].reached, u->values[i], u->values.back(), span);
    total = i == 0 ? paid
                   : ir_.binary(type == ir::Type::Int ? ir::Op::IntAdd : ir::Op::DecAdd, type, total, paid, expr.span);
    const Lowered& l = lowered[i];
    ir_.bracket({l.reached, l.part, l.earned.value, span, shownUnitOf(value.type), shownUnitOf(l.earned.type), l.base,
                 l.baseSpan, l.baseUnit});
  }
  return {u->type, total};
}

}  // namespace zc
