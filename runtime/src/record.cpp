#include "zc/record.h"

#include <algorithm>
#include <charconv>

namespace zc::rt {

int RecordSchema::fieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace {
constexpr const char* kKindNames[] = {"flag", "int", "count", "dec", "date", "text", "enum", "record"};
}

const char* kindName(Kind kind) { return kKindNames[static_cast<int>(kind)]; }

bool kindFromName(std::string_view name, Kind& out) {
  for (int i = 0; i <= static_cast<int>(Kind::Record); ++i)
    if (name == kKindNames[i]) {
      out = static_cast<Kind>(i);
      return true;
    }
  return false;
}

std::string formatScalar(const FieldSchema& field, const Scalar& value) {
  switch (field.kind) {
    case Kind::Flag:
      return value.i ? "true" : "false";
    case Kind::Int:
    case Kind::Count:
      return std::to_string(value.i);
    case Kind::Dec: {
      char buf[ZC_DEC_FORMAT_SIZE];
      zc_dec_format(&value.d, -1, buf);
      return buf;
    }
    case Kind::Date: {
      char buf[16];
      zc_date_format(static_cast<zc_date>(value.i), buf);
      return buf;
    }
    case Kind::Enum:
      return value.i >= 0 && static_cast<size_t>(value.i) < field.enumValues.size() ? field.enumValues[value.i] : "?";
    case Kind::Text:
      return value.text;
    case Kind::Record:
      return "{…}";
  }
  return "";
}

Problem repeatedKey(const FieldSchema& field, const FieldValue& value) {
  if (field.kind != Kind::Record || value.rows.size() < 2) return {};
  size_t key = 0;
  while (key < field.subFields.size() && !field.subFields[key].key) ++key;
  if (key == field.subFields.size()) return {};
  const FieldSchema& keyField = field.subFields[key];
  // Positions sorted by key, so a repeat is a neighbour: n log n for a long list.
  std::vector<size_t> order(value.rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto keyOf = [&](size_t row) -> const Scalar& { return value.rows[row].values[key]; };
  auto less = [&](size_t a, size_t b) {
    const Scalar &x = keyOf(a), &y = keyOf(b);
    if (x.text != y.text) return x.text < y.text;
    if (x.i != y.i) return x.i < y.i;
    return a < b;
  };
  std::sort(order.begin(), order.end(), less);
  auto same = [&](size_t a, size_t b) { return keyOf(a).text == keyOf(b).text && keyOf(a).i == keyOf(b).i; };
  // In a run of equal keys the first entry comes first, and the next is its earliest repeat.
  size_t first = SIZE_MAX, second = SIZE_MAX;
  for (size_t i = 1; i < order.size(); ++i) {
    bool runStart = i == 1 || !same(order[i - 2], order[i - 1]);
    if (runStart && same(order[i - 1], order[i]) && order[i] < second) {
      first = order[i - 1];
      second = order[i];
    }
  }
  if (first == SIZE_MAX) return {};
  return {.code = ProblemCode::RepeatedKey,
          .value = keyField.kind == Kind::Text ? "\"" + keyOf(first).text + "\"" : std::to_string(keyOf(first).i),
          .name = keyField.name,
          .count = first + 1,
          .second = second + 1};
}

namespace {

// What a field takes, for a message to name.
ExpectedKind expectedKind(const FieldSchema& field, ScalarSyntax syntax) {
  return {field.kind, syntax == ScalarSyntax::Plain, field.unit, field.enumValues};
}

// A whole number as JSON writes one: digits, no fraction or exponent (so 1.0
// is not a count), no leading zero.
bool parseJsonInteger(std::string_view text, int64_t& out) {
  std::string_view digits = text.substr(text.starts_with('-') ? 1 : 0);
  if (digits.size() > 1 && digits[0] == '0') return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// The one way a number is written, in JSON, in a string, a CSV cell or a
// --param alike (docs/results.md): JSON's number without an exponent,
// -?(0|[1-9][0-9]*)(\.[0-9]+)?. zc_dec_parse reads more (+7.2, .5, 5., 0100);
// none of those is a number here, so no two spellings of a value differ in
// what they are read as, and a typo is not guessed at.
bool isNumberText(std::string_view text) {
  size_t i = text.starts_with('-') ? 1 : 0;
  auto digitsFrom = [&](size_t from) {
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - from;
  };
  size_t whole = i;
  size_t wholeDigits = digitsFrom(whole);
  if (wholeDigits == 0 || (wholeDigits > 1 && text[whole] == '0')) return false;
  if (i == text.size()) return true;
  if (text[i] != '.') return false;
  size_t fraction = ++i;
  return digitsFrom(fraction) > 0 && i == text.size();
}

Problem notANumber(std::string_view text) { return {.code = ProblemCode::NotANumber, .value = std::string(text)}; }

// A person may type the number and the field's unit: "7.2 元/美元".
std::string_view withoutUnit(std::string_view text, const std::string& unit) {
  if (unit.empty() || text.size() <= unit.size() || !text.ends_with(unit)) return text;
  text.remove_suffix(unit.size());
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// -1, 0 or 1 as a is below, equal to or above b.
int compareScalars(Kind kind, const Scalar& a, const Scalar& b) {
  if (kind == Kind::Dec) return zc_dec_compare(&a.d, &b.d);
  return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
}

}  // namespace

bool inRange(const ValueRange& range, Kind kind, const Scalar& value) {
  if (range.lo && compareScalars(kind, value, *range.lo) < (range.loClosed ? 0 : 1)) return false;
  if (range.hi && compareScalars(kind, value, *range.hi) > (range.hiClosed ? 0 : -1)) return false;
  return true;
}

bool isEmpty(const ValueRange& range, Kind kind) {
  if (!range.lo || !range.hi) return false;
  int order = compareScalars(kind, *range.lo, *range.hi);
  return order > 0 || (order == 0 && !(range.loClosed && range.hiClosed));
}

Problem refusedValue(const FieldSchema& field, const Scalar& value) {
  if (field.kind == Kind::Dec && field.nonNegative && value.d.num < 0) {
    char buf[ZC_DEC_FORMAT_SIZE];
    zc_dec_format(&value.d, -1, buf);
    return {.code = ProblemCode::Negative, .value = buf};
  }
  // A range the record declares (营业收入: 万元 属于 [0, ∞)): a value outside
  // it is a bad record, as a text outside a 集合 is.
  bool numeric = field.kind == Kind::Dec || field.kind == Kind::Int || field.kind == Kind::Count;
  if (numeric && field.range && !inRange(*field.range, field.kind, value))
    return {.code = ProblemCode::OutOfRange,
            .value = formatScalar(field, value),
            .expected = {.kind = field.kind, .unit = field.unit},
            .range = field.range->text};
  // A text closed to a 集合 (or a history entry's 依据, closed to the
  // ruleset's ids) takes only its values: "昌江" for "昌江区" is a bad record,
  // not a silent no-award.
  if (field.kind == Kind::Text && !field.enumValues.empty() &&
      std::find(field.enumValues.begin(), field.enumValues.end(), value.text) == field.enumValues.end())
    return {.code = ProblemCode::NotInSet, .value = value.text, .expected = expectedKind(field, ScalarSyntax::Plain)};
  return {};
}

Problem parseScalarText(const FieldSchema& field, std::string_view text, ScalarSyntax syntax, Scalar& out,
                        bool* absent) {
  *absent = false;
  bool plain = syntax == ScalarSyntax::Plain;
  bool textual = plain || syntax == ScalarSyntax::JsonString;
  // Built only on failure: this runs for every value of every record.
  auto mismatch = [&] {
    return Problem{.code = ProblemCode::WrongType,
                   .value = std::string(text),
                   .syntax = syntax,
                   .expected = expectedKind(field, syntax)};
  };
  // Empty is absent for any optional value a person types, and for a JSON
  // string only where a string is what the field takes.
  bool stringKind = field.kind == Kind::Text || field.kind == Kind::Enum || field.kind == Kind::Date;
  bool openText = field.kind == Kind::Text && field.enumValues.empty();
  if (text.empty() && textual && (plain || stringKind) && (field.optional || openText)) {
    *absent = field.optional;
    out.text.clear();
    return *absent ? Problem{} : refusedValue(field, out);
  }
  switch (field.kind) {
    case Kind::Flag:
      if (!plain && syntax != ScalarSyntax::JsonFlag) return mismatch();
      if (text == "true" || (plain && text == "真"))
        out.i = 1;
      else if (text == "false" || (plain && text == "假"))
        out.i = 0;
      else
        return mismatch();
      return {};
    case Kind::Int:
    case Kind::Count: {
      int64_t whole;
      // A JSON string may hold a whole number, as it may a quantity (docs/results.md).
      if (syntax == ScalarSyntax::JsonNumber || syntax == ScalarSyntax::JsonString) {
        if (!parseJsonInteger(text, whole)) return mismatch();
      } else if (plain) {
        zc_dec d;
        if (!isNumberText(text))
          return zc_dec_parse(text.data(), text.size(), &d) == ZC_OK ? notANumber(text) : mismatch();
        if (zc_dec_parse(text.data(), text.size(), &d) != ZC_OK || d.den != 1) return mismatch();
        if (d.num > INT64_MAX || d.num < INT64_MIN) return {.code = ProblemCode::TooLarge, .value = std::string(text)};
        whole = static_cast<int64_t>(d.num);
      } else {
        return mismatch();
      }
      if (field.kind == Kind::Count && whole < 0)
        return {.code = ProblemCode::NegativeCount, .value = std::string(text)};
      out.i = whole;
      return refusedValue(field, out);
    }
    case Kind::Dec: {
      if (!textual && syntax != ScalarSyntax::JsonNumber) return mismatch();
      std::string_view number = plain ? withoutUnit(text, field.unit) : text;
      zc_status status = zc_dec_parse(number.data(), number.size(), &out.d);
      if (status == ZC_ERR_SYNTAX && syntax == ScalarSyntax::JsonNumber &&
          text.find_first_of("eE") != std::string_view::npos)
        return {.code = ProblemCode::Exponent, .value = std::string(text)};
      if (status == ZC_ERR_SYNTAX) return mismatch();
      if (!isNumberText(number)) return notANumber(number);
      if (status != ZC_OK) return {.code = ProblemCode::BadNumber, .value = std::string(text), .status = status};
      return refusedValue(field, out);
    }
    case Kind::Date: {
      if (!textual) return mismatch();
      zc_date date;
      zc_status status = zc_date_parse(text.data(), text.size(), &date);
      if (status == ZC_ERR_BAD_DATE) return {.code = ProblemCode::NoSuchDate, .value = std::string(text)};
      if (status != ZC_OK) return mismatch();
      out.i = date;
      return {};
    }
    case Kind::Text:
      if (!textual) return mismatch();
      out.text.assign(text);
      return refusedValue(field, out);
    case Kind::Enum:
      if (!textual) return mismatch();
      for (size_t i = 0; i < field.enumValues.size(); ++i) {
        if (field.enumValues[i] == text) {
          out.i = static_cast<int64_t>(i);
          return {};
        }
      }
      return {.code = ProblemCode::UnknownValue, .value = std::string(text), .expected = expectedKind(field, syntax)};
    case Kind::Record:
      return plain ? Problem{.code = ProblemCode::RecordAsText} : mismatch();
  }
  return mismatch();
}

}  // namespace zc::rt
