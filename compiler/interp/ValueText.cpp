#include "interp/ValueText.h"

#include <fmt/format.h>

#include "source/Utf8.h"

namespace zc {

std::string showDate(zc_date date) {
  char buf[16];
  zc_date_format(date, buf);
  return buf;
}

std::string showText(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string showEnumValue(std::string_view value) {
  bool name = !value.empty() && !(value[0] >= '0' && value[0] <= '9');
  for (size_t i = 0; name && i < value.size();) name = isNameCharacter(decodeUtf8(value, i));
  return name ? std::string(value) : showText(value);
}

std::string showDecimal(const zc_dec& d) {
  char buf[ZC_DEC_FORMAT_SIZE];
  zc_dec_format(&d, -1, buf);
  return buf;
}

std::string showValue(ir::Type type, const rt::Scalar& value, const ir::ShownUnit& unit) {
  switch (type) {
    case ir::Type::Dec: {
      if (!unit.name.empty()) {
        zc_dec shown = value.d;
        const zc_dec one{1, 1};
        // A value too large to convert is shown in the unit it was computed in.
        if (unit.scale != one && zc_dec_mul(&value.d, &unit.scale, &shown) != ZC_OK)
          return fmt::format("{} × {} {}", showDecimal(value.d), showDecimal(unit.scale), unit.name);
        return fmt::format("{} {}", showDecimal(shown), unit.name);
      }
      // A ratio reads best as a percentage too: 0.015 (1.5%).
      const zc_dec hundred{100, 1};
      zc_dec percent;
      if (zc_dec_mul(&value.d, &hundred, &percent) != ZC_OK) return showDecimal(value.d);
      return fmt::format("{} ({}%)", showDecimal(value.d), showDecimal(percent));
    }
    case ir::Type::Flag:
      return value.i ? "真" : "假";
    case ir::Type::Date:
      return showDate(static_cast<zc_date>(value.i));
    case ir::Type::Text:
      return showText(value.text);
    default:
      return std::to_string(value.i);
  }
}

std::string showScalar(const rt::FieldSchema& field, const rt::Scalar& s) {
  if (field.kind == rt::Kind::Flag) return s.i ? "真" : "假";
  std::string text = rt::formatScalar(field, s);
  if (field.kind == rt::Kind::Text) text = showText(text);
  if (field.kind == rt::Kind::Enum) text = showEnumValue(text);
  return field.unit.empty() ? text : text + " " + field.unit;
}

std::string showListItem(const rt::FieldSchema& field, const rt::FieldValue& list, size_t position) {
  if (field.kind != rt::Kind::Record) return showScalar(field, list.list[position]);
  std::string text;
  const rt::SubRecord& row = list.rows[position];
  for (size_t i = 0; i < field.subFields.size(); ++i)
    text += fmt::format("{}{}: {}", i ? ", " : "", field.subFields[i].name,
                        row.present[i] ? showScalar(field.subFields[i], row.values[i]) : kAbsentText);
  return text;
}

std::string showField(const rt::FieldSchema& field, const rt::FieldValue& value) {
  if (field.optional && !value.present) return kAbsentText;
  if (!field.list) return showScalar(field, value.scalar);
  std::string out = "[";
  if (field.kind == rt::Kind::Record) {
    for (size_t r = 0; r < value.rows.size(); ++r) out += (r ? ", {" : "{") + showListItem(field, value, r) + "}";
  } else {
    for (size_t i = 0; i < value.list.size(); ++i) out += (i ? ", " : "") + showScalar(field, value.list[i]);
  }
  return out + "]";
}

}  // namespace zc
