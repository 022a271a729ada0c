// Units meet here: operands of one dimension are brought to a common unit, and
// operands of different dimensions are refused with a way to fix them.
#include <fmt/format.h>

#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

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
    for (const Typed& t : operands) {
      out.values.push_back(t.value);
      out.constants.push_back(t.constant);
    }
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
  for (const Typed& t : operands) {
    out.values.push_back(convert(t, out.type, span));
    auto constant = constantIn(t, out.type);
    out.constants.push_back(constant && constant->withinRuntimeRange() ? constant : std::nullopt);
  }
  return out;
}

std::optional<Rational> Checker::constantIn(const Typed& value, const Type& target) const {
  if (value.zero) return Rational::integer(0);
  if (!value.constant || target.kind != K::Quantity || value.type.kind != K::Quantity) return value.constant;
  return multiply(*value.constant, *divide(value.type.unit.scale, target.unit.scale));
}

bool Checker::holdsConstant(const std::optional<Rational>& exact, const Type& type, Span span) {
  bool whole = type.kind == K::Int;
  if (exact &&
      (whole ? exact->isInteger() && exact->num >= INT64_MIN && exact->num <= INT64_MAX : exact->withinRuntimeRange()))
    return true;
  std::string value = exact ? exact->str() + (unitOf(type).empty() ? "" : " " + unitOf(type)) : "the result";
  auto& d = diags_.report(DiagKind::ConstantOverflow, span,
                          fmt::format("this always overflows: {} is beyond what the engines hold", value));
  d.hint =
      whole ? "whole numbers (整数) stop at 9223372036854775807" : "decimals stop at about 1.7 × 10^38 in their unit";
  return false;
}

ir::ValueId Checker::convert(const Typed& value, const Type& target, Span span) {
  if (target.kind != K::Quantity) return value.value;
  if (value.constant && !value.zero) holdsConstant(constantIn(value, target), target, value.span);
  if (value.zero) return ir_.constDec({}, value.span);
  ir::ValueId v = value.value;
  Unit from;
  if (value.type.kind == K::Int)
    v = ir_.unary(ir::Op::IntToDec, ir::Type::Dec, v, value.span);
  else
    from = value.type.unit;
  Rational factor = *divide(from.scale, target.unit.scale);
  if (factor == Rational::integer(1)) return v;
  return ir_.scale(v, {factor.num, factor.den}, value.span);
}

void Checker::reportDimensionMismatch(const Typed& a, const Typed& b, Span span, std::string_view verb) {
  const UnitTable& units = out_.symbols.units;
  auto unitName = [&](const Typed& t) { return t.type.kind == K::Int ? std::string("整数") : typeName(t.type); };
  Unit ua = a.type.kind == K::Quantity ? a.type.unit : Unit{};
  Unit ub = b.type.kind == K::Quantity ? b.type.unit : Unit{};
  auto& d = diags_.report(DiagKind::DimensionMismatch, span,
                          fmt::format("cannot {} {} and {}: they measure different things ({} and {})", verb,
                                      unitName(a), unitName(b), units.dimensionName(ua), units.dimensionName(ub)));
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
    d.hint = rate.empty()
                 ? "convert 美元 to 元 with a rate: declare 参数 美元汇率: 元/美元 = 7.10 元/美元; and multiply by it"
                 : fmt::format("convert 美元 to 元 with a 元/美元 rate: multiply by {}", rate);
  } else if (ua.dimensionless() || ub.dimensionless()) {
    d.hint = "give the number its unit, such as 5 万元";
  }
}

std::string Checker::unitOf(const Type& type) const {
  return type.kind == K::Quantity ? out_.symbols.units.display(type.unit) : "";
}

ir::ShownUnit Checker::shownUnitOf(const Type& type) const {
  if (type.kind != K::Quantity) return {};
  const UnitTable& units = out_.symbols.units;
  Unit shown = units.shownUnit(type.unit);
  return {units.display(shown), shown == type.unit ? zc_dec{1, 1} : type.unit.scale.toDec()};
}

Typed Checker::literalZero(Span span) {
  Typed zero{Type::of(K::Int), ir_.constInt(0, span)};
  zero.zero = true;
  zero.span = span;
  return zero;
}

}  // namespace zc
