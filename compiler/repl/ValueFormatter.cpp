#include "repl/ValueFormatter.h"

#include <fmt/format.h>

#include "interp/ValueText.h"

namespace zc::repl {

using sema::Type;
using K = Type::Kind;

namespace {

// 10^(4n) for n ≥ 1: the steps 万, 亿, 万亿 of Chinese numbers.
bool isMyriadPower(const Rational& ratio) {
  if (!ratio.isInteger() || ratio.num <= 1) return false;
  __int128 r = ratio.num;
  int zeros = 0;
  while (r % 10 == 0) {
    r /= 10;
    ++zeros;
  }
  return r == 1 && zeros % 4 == 0;
}

}  // namespace

std::string ValueFormatter::formatValue(const Type& type, const rt::Scalar& value, bool annotate) const {
  switch (type.kind) {
    case K::Flag:
      return value.i ? "真" : "假";
    case K::Int:
      return std::to_string(value.i);
    case K::Date:
      return showDate(static_cast<zc_date>(value.i));
    case K::Text:
      return showText(value.text);
    case K::Enum: {
      const auto& values = symbols_.enums[type.id].values;
      if (value.i < 0 || static_cast<size_t>(value.i) >= values.size()) return "?";
      return showEnumValue(values[value.i]);
    }
    case K::Quantity:
      return formatQuantity(value.d, type.unit, annotate);
    default:
      return "(no value)";
  }
}

// The value in its unit. A unit without a name (元 × 2000/3, after 元/平方米 ×
// 亩) is converted to the base units of its dimension. When annotating, the
// value is also shown in the largest declared unit that is 10^4, 10^8, … times
// the unit shown (万元, 亿元 for 元) where it is at least 1.
std::string ValueFormatter::formatQuantity(zc_dec value, const Unit& unit, bool annotate) const {
  const UnitTable& units = symbols_.units;
  Unit shown = units.shownUnit(unit);
  if (!(shown == unit)) {
    zc_dec converted, factor = unit.scale.toDec();
    if (zc_dec_mul(&value, &factor, &converted) == ZC_OK)
      value = converted;
    else
      shown = unit;
  }
  std::string name = units.display(shown);
  std::string text = name.empty() ? showDecimal(value) : showDecimal(value) + " " + name;
  if (!annotate || shown.dimensionless()) return text;
  zc_dec magnitude;
  zc_dec_abs(&value, &magnitude);
  const NamedUnit* best = nullptr;
  Rational bestRatio;
  zc_dec bestValue{};
  for (const std::string& candidate : units.unitNames()) {
    const NamedUnit* u = units.find(candidate);
    if (u == nullptr || !u->unit.sameDimension(shown)) continue;
    auto ratio = divide(u->unit.scale, shown.scale);
    if (!ratio || !isMyriadPower(*ratio)) continue;
    zc_dec in, divisor = ratio->toDec();
    if (zc_dec_div(&value, &divisor, &in) != ZC_OK || zc_dec_compare(&magnitude, &divisor) < 0) continue;
    if (best == nullptr || ratio->num > bestRatio.num) {
      best = u;
      bestRatio = *ratio;
      bestValue = in;
    }
  }
  if (best != nullptr) text += fmt::format(" ({} {})", showDecimal(bestValue), best->name);
  return text;
}

std::string ValueFormatter::formatField(const sema::FieldInfo& field, const rt::FieldValue& value) const {
  const Type& type = field.type;
  if (type.kind == K::List) {
    const Type& element = *type.element;
    std::string out = "[";
    if (element.kind == K::Record) {
      const sema::RecordInfo& sub = symbols_.records[element.id];
      for (size_t r = 0; r < value.rows.size(); ++r) {
        out += r ? ", {" : "{";
        const rt::SubRecord& row = value.rows[r];
        for (size_t i = 0; i < sub.fields.size() && i < row.values.size(); ++i)
          out += fmt::format(
              "{}{}: {}", i ? ", " : "", sub.fields[i].name,
              row.present[i] ? formatValue(sub.fields[i].type.required(), row.values[i], false) : kAbsentText);
        out += "}";
      }
    } else {
      for (size_t i = 0; i < value.list.size(); ++i)
        out += (i ? ", " : "") + formatValue(element, value.list[i], false);
    }
    return out + "]";
  }
  if (type.optional && !value.present) return kAbsentText;
  return formatValue(type.required(), value.scalar, true);
}

}  // namespace zc::repl
