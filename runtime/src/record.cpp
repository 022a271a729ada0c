#include "zc/record.h"

namespace zc::rt {

int RecordSchema::fieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string formatScalar(const FieldSchema& field, const Scalar& value) {
  switch (field.kind) {
    case Kind::Flag: return value.i ? "true" : "false";
    case Kind::Int:
    case Kind::Count: return std::to_string(value.i);
    case Kind::Dec: {
      char buf[64];
      zc_dec_format(value.d, -1, buf);
      return buf;
    }
    case Kind::Date: {
      char buf[16];
      zc_date_format(static_cast<zc_date>(value.i), buf);
      return buf;
    }
    case Kind::Enum:
      return value.i >= 0 && static_cast<size_t>(value.i) < field.enumValues.size() ? field.enumValues[value.i] : "?";
    case Kind::Text: return value.text;
    case Kind::Record: return "{…}";
  }
  return "";
}

}  // namespace zc::rt

namespace zc::rt {

std::string parseScalarText(const FieldSchema& field, std::string_view text, Scalar& out, bool* absent) {
  *absent = false;
  if (text.empty() && (field.optional || field.kind == Kind::Text)) {
    *absent = field.optional;
    out.text.clear();
    return "";
  }
  switch (field.kind) {
    case Kind::Flag:
      if (text == "true" || text == "真") out.i = 1;
      else if (text == "false" || text == "假") out.i = 0;
      else return "expected true or false, found \"" + std::string(text) + "\"";
      return "";
    case Kind::Int:
    case Kind::Count: {
      zc_dec d;
      if (zc_dec_parse(text.data(), text.size(), &d) != ZC_OK || d % 1000000000000000000LL != 0)
        return "expected a whole number, found \"" + std::string(text) + "\"";
      __int128 whole = d / 1000000000000000000LL;
      if (whole > INT64_MAX || whole < INT64_MIN) return "the number " + std::string(text) + " is too large";
      if (field.kind == Kind::Count && whole < 0) return "a count cannot be negative, found " + std::string(text);
      out.i = static_cast<int64_t>(whole);
      return "";
    }
    case Kind::Dec: {
      std::string_view number = text;
      if (!field.unit.empty() && number.size() > field.unit.size() &&
          number.substr(number.size() - field.unit.size()) == field.unit) {
        number.remove_suffix(field.unit.size());
        while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
      }
      zc_status status = zc_dec_parse(number.data(), number.size(), &out.d);
      if (status == ZC_ERR_SYNTAX)
        return "expected a number" + (field.unit.empty() ? "" : " in " + field.unit) + ", found \"" + std::string(text) + "\"";
      if (status != ZC_OK) return std::string(zc_status_message(status)) + ": " + std::string(text);
      return "";
    }
    case Kind::Date: {
      zc_date date;
      zc_status status = zc_date_parse(text.data(), text.size(), &date);
      if (status == ZC_ERR_BAD_DATE) return "the date " + std::string(text) + " does not exist";
      if (status != ZC_OK) return "expected a date YYYY-MM-DD, found \"" + std::string(text) + "\"";
      out.i = date;
      return "";
    }
    case Kind::Text: out.text = std::string(text); return "";
    case Kind::Enum:
      for (size_t i = 0; i < field.enumValues.size(); ++i) {
        if (field.enumValues[i] == text) {
          out.i = static_cast<int64_t>(i);
          return "";
        }
      }
      return "unknown value \"" + std::string(text) + "\"";
    case Kind::Record: return "a record cannot be written as text";
  }
  return "";
}

}  // namespace zc::rt
