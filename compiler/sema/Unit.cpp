#include "sema/Unit.h"

#include <fmt/format.h>

namespace zc {

namespace {

std::optional<Unit> combine(const Unit& a, const Unit& b, int sign, std::optional<Rational> scale) {
  if (!scale) return std::nullopt;
  Unit out{a.exponents, *scale};
  for (auto [dim, exp] : b.exponents) {
    int& e = out.exponents[dim];
    e += sign * exp;
    if (e == 0) out.exponents.erase(dim);
  }
  return out;
}

// ² for 2: how a power is written after a unit's name.
std::string superscript(int power) {
  static const char* const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out;
  for (char c : std::to_string(power)) out += digits[c - '0'];
  return out;
}

}  // namespace

std::optional<Unit> multiplyUnits(const Unit& a, const Unit& b) { return combine(a, b, 1, multiply(a.scale, b.scale)); }
std::optional<Unit> divideUnits(const Unit& a, const Unit& b) { return combine(a, b, -1, divide(a.scale, b.scale)); }

DimensionId UnitTable::addDimension(std::string name, std::string baseUnit, Span span) {
  dimensions_.push_back({std::move(name), baseUnit, span});
  DimensionId id = static_cast<DimensionId>(dimensions_.size() - 1);
  units_.push_back({std::move(baseUnit), Unit{{{id, 1}}, Rational::integer(1)}, span});
  return id;
}

void UnitTable::addUnit(std::string name, Unit unit, Span span) { units_.push_back({std::move(name), unit, span}); }

const NamedUnit* UnitTable::find(std::string_view name) const {
  for (const NamedUnit& u : units_)
    if (u.name == name) return &u;
  return nullptr;
}

std::vector<std::string> UnitTable::unitNames() const {
  std::vector<std::string> names;
  for (const NamedUnit& u : units_) names.push_back(u.name);
  return names;
}

std::string UnitTable::composed(const std::map<DimensionId, int>& exponents, bool withBaseNames) const {
  std::string numerator, denominator;
  for (auto [dim, exp] : exponents) {
    std::string name = withBaseNames ? dimensions_[dim].baseUnit : dimensions_[dim].name;
    int power = exp < 0 ? -exp : exp;
    std::string part = power == 1 ? name : name + superscript(power);
    std::string& side = exp > 0 ? numerator : denominator;
    side += (side.empty() ? "" : "·") + part;
  }
  if (numerator.empty()) numerator = "1";
  return denominator.empty() ? numerator : numerator + "/" + denominator;
}

std::string UnitTable::display(const Unit& unit) const {
  // A rate read in percent or per mille shows as the sign its texts write.
  if (unit.dimensionless() && unit.scale == Rational{1, 100}) return "%";
  if (unit.dimensionless() && unit.scale == Rational{1, 1000}) return "‰";
  for (const NamedUnit& u : units_)
    if (u.unit == unit) return u.name;
  // 万元²: a power of one declared unit.
  if (unit.exponents.size() == 1 && unit.exponents.begin()->second > 1) {
    auto [dim, power] = *unit.exponents.begin();
    for (const NamedUnit& u : units_) {
      if (u.unit.exponents != std::map<DimensionId, int>{{dim, 1}}) continue;
      std::optional<Rational> scale = Rational::integer(1);
      for (int i = 0; i < power && scale; ++i) scale = multiply(*scale, u.unit.scale);
      if (scale && *scale == unit.scale) return u.name + superscript(power);
    }
  }
  if (unit.dimensionless()) return unit.scale == Rational::integer(1) ? "" : fmt::format("×{}", unit.scale.str());
  // 万元/年: a declared unit for the numerator that carries the whole scale.
  std::map<DimensionId, int> positive, negative;
  for (auto [dim, exp] : unit.exponents) (exp > 0 ? positive : negative)[dim] = exp;
  if (!negative.empty() && !positive.empty()) {
    for (const NamedUnit& u : units_) {
      if (u.unit.exponents == positive && u.unit.scale == unit.scale) {
        std::map<DimensionId, int> inverse;
        for (auto [dim, exp] : negative) inverse[dim] = -exp;
        return u.name + "/" + composed(inverse, true);
      }
    }
  }
  std::string base = composed(unit.exponents, true);
  return unit.scale == Rational::integer(1) ? base : fmt::format("{} {}", unit.scale.str(), base);
}

std::string UnitTable::dimensionName(const Unit& unit) const {
  return unit.dimensionless() ? "无量纲" : composed(unit.exponents, false);
}

}  // namespace zc
