// Units of measure: a dimension vector and an exact scale to the base units.
// 万元 is {货币: 1} × 10000, 元/平方米 is {货币: 1, 面积: -1} × 1.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sema/Rational.h"
#include "source/SourceManager.h"

namespace zc {

using DimensionId = int;

struct Unit {
  std::map<DimensionId, int> exponents;  // no zero entries
  Rational scale = Rational::integer(1);

  bool dimensionless() const { return exponents.empty(); }
  bool sameDimension(const Unit& other) const { return exponents == other.exponents; }
  friend bool operator==(const Unit& a, const Unit& b) { return a.exponents == b.exponents && a.scale == b.scale; }
};

std::optional<Unit> multiplyUnits(const Unit& a, const Unit& b);
std::optional<Unit> divideUnits(const Unit& a, const Unit& b);

struct DimensionInfo {
  std::string name;
  std::string baseUnit;
  Span span;
};

struct NamedUnit {
  std::string name;
  Unit unit;
  Span span;
};

class UnitTable {
 public:
  DimensionId addDimension(std::string name, std::string baseUnit, Span span);
  void addUnit(std::string name, Unit unit, Span span);
  const NamedUnit* find(std::string_view name) const;
  std::vector<std::string> unitNames() const;
  const DimensionInfo& dimension(DimensionId id) const { return dimensions_[id]; }

  // How a unit reads: a declared name where one matches (万元), else composed
  // from base units (元/平方米), with a factor where the scale needs one.
  std::string display(const Unit& unit) const;
  // The unit a value of `unit` is shown in: itself where display() names it
  // without a factor, else its base units (元 for 元 × 月/年, 1/12 元), the
  // value multiplied by unit.scale to match.
  Unit shownUnit(const Unit& unit) const;
  // The dimension alone, for messages: 货币/面积.
  std::string dimensionName(const Unit& unit) const;

 private:
  std::string composed(const std::map<DimensionId, int>& exponents, bool withBaseNames) const;
  std::vector<DimensionInfo> dimensions_;
  std::vector<NamedUnit> units_;
};

}  // namespace zc
