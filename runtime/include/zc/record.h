// Records as the runtime holds them: a schema that the checker derives from a
// 记录 declaration, and the values of one record, defaults filled in. Shared
// by the readers, the interpreter and the result writers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zc/problem.h"
#include "zc/runtime.h"

namespace zc::rt {

enum class Kind : uint8_t { Flag, Int, Count, Dec, Date, Text, Enum, Record };

// One value: Flag, Int, Count, Date and Enum (the value's index) in i, Dec in
// d, Text in text.
struct Scalar {
  int64_t i = 0;
  zc_dec d{};
  std::string text;
};

// The values a number may take, as a declaration writes them after 属于: a
// parameter's (参数 汇率: 元/美元 属于 (0, ∞) = …) or a record field's
// (营业收入: 万元 属于 [0, ∞) = 0 万元). Bounds in the value's kind: Dec in d,
// Int and Count in i.
struct ValueRange {
  std::optional<Scalar> lo, hi;  // nothing: unbounded
  bool loClosed = true, hiClosed = false;
  std::string text;  // "(0, ∞)", as written
};

// Whether the value lies in the range (only numbers have ranges).
bool inRange(const ValueRange& range, Kind kind, const Scalar& value);

// Whether no value lies between the bounds ("(5, 5)", "[7, 3]").
bool isEmpty(const ValueRange& range, Kind kind);

struct FieldSchema {
  std::string name;
  Kind kind = Kind::Text;
  bool list = false;
  bool optional = false;            // may be absent: the ruleset tests 有(…)
  bool required = false;            // must be present (the 键 field)
  bool key = false;                 // the 键 field: in a list's records, it names the entry
  std::string unit;                 // Dec: the unit input numbers are read in
  bool nonNegative = false;         // Dec: a value below 0 is refused (an amount a history entry received)
  std::optional<ValueRange> range;  // Dec, Int, Count: 属于 [0, ∞); a value outside is refused
  // Enum: its values. Text: when not empty, the only texts it takes (a
  // history entry's 依据: the ruleset's clause and policy ids).
  std::vector<std::string> enumValues;
  std::vector<FieldSchema> subFields;  // Kind::Record: the element's fields
  Scalar defaultValue;
};

struct RecordSchema {
  std::string name;
  std::vector<FieldSchema> fields;
  int keyField = -1;
  int fieldIndex(std::string_view name) const;
};

// One entry of a list of sub-records: a value per sub-field, and whether it
// was given, since an optional sub-field may be absent (its value is then 0).
struct SubRecord {
  std::vector<Scalar> values;
  std::vector<uint8_t> present;
};

struct FieldValue {
  bool present = false;
  Scalar scalar;
  std::vector<Scalar> list;     // a list of scalars
  std::vector<SubRecord> rows;  // a list of sub-records
};

struct Record {
  std::vector<FieldValue> fields;
  std::string id;  // the 键 field's text, for messages and output
};

// The kind's name in a compiled library's description ("dec"), and back.
const char* kindName(Kind kind);
bool kindFromName(std::string_view name, Kind& out);

// Excel's "CSV UTF-8" and Notepad begin a file with it; every reader skips
// it at the start of its input, and only there.
inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// Text of a scalar for messages and output (dates as YYYY-MM-DD, enums by name).
std::string formatScalar(const FieldSchema& field, const Scalar& value);

// A list of records whose element declares a 键 names each entry by it, so
// a key given twice is an error of the record: "entries 1 and 3 have the
// same 编号 \"A\"". None when every key is distinct (or there is no 键).
Problem repeatedKey(const FieldSchema& field, const FieldValue& value);

// Why a value of the field's kind is still refused by its declaration (a
// text outside its choices, an amount below 0 where none may be), or none.
Problem refusedValue(const FieldSchema& field, const Scalar& value);

// Reads a scalar of the field's kind from its text: the one place that turns
// text into a value, for JSON Lines, CSV and --param alike. Returns the
// problem, or none on success; *absent is set for an empty optional value.
Problem parseScalarText(const FieldSchema& field, std::string_view text, ScalarSyntax syntax, Scalar& out,
                        bool* absent);

}  // namespace zc::rt
