// What is wrong with a record or one of its values, as a value: a code naming
// the problem and the arguments its message needs, built once where the
// reader finds it. english() words it as zc run, zc eval and compiled
// libraries write it; chinese() as zc serve and its page show it, with
// code() staying the same whatever the wording (docs/serve.md lists them).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "zc/runtime.h"

namespace zc::rt {

enum class Kind : uint8_t;

// How a scalar's text was written. A person's --param value (Plain) may say
// 真, 1.0 for a count or a unit after the number; JSON says by its syntax
// whether a value is a string, a number or a flag, and a field takes only some.
// The syntax also decides how a message names the value: "abc" (Plain),
// the text "abc", the number 1.5, a flag. A list, an object, a null or an
// unreadable value (JsonOther) is never a scalar; its text is what the
// English message calls it ("a list").
enum class ScalarSyntax : uint8_t {
  Plain,
  JsonString,
  JsonNumber,
  JsonFlag,
  JsonList,
  JsonObject,
  JsonNull,
  JsonOther
};

// What a field takes, as a message names it.
struct ExpectedKind {
  Kind kind{};
  bool plain = false;                // for a person's text (--param, a CSV cell): the shorter words
  std::string unit;                  // a number's unit
  std::vector<std::string> choices;  // an enum's values, or the texts a closed text takes
};

enum class ProblemCode : uint8_t {
  None,
  // The record as a whole.
  NotAnObject,          // not one JSON object
  InvalidJson,          // value: simdjson's message, or empty
  TooDeep,              // nested more than 1024 levels
  TextAfterObject,      // something after the object's closing }
  UnknownFieldInvalid,  // a field zc does not know whose value is not JSON
  // A field.
  InvalidValue,   // the value is not JSON
  GivenTwice,     // the field twice in one record
  Missing,        // a required field left out
  EmptyId,        // the 键 field is blank
  WrongType,      // value (as `syntax` wrote it) is not what `expected` says
  NotANumber,     // value: a number spelt another way (0100, +7, .5)
  Exponent,       // value: a JSON number with an exponent
  TooLarge,       // value: a whole number past 64 bits
  BadNumber,      // value: a number the decimal reader refused with `status`
  NoSuchDate,     // value: 2023-02-30
  NegativeCount,  // value: a count below 0
  Negative,       // value: an amount below 0 where none may be
  OutOfRange,     // value (in expected.unit) outside `range`, which the record declares
  NotInSet,       // value: a text outside expected.choices (a 集合)
  UnknownValue,   // value: not one of the enum's values; expected names them unless plain
  RecordAsText,   // a sub-record written as text
  // A list field.
  NotAList,         // value (as `syntax` wrote it) where a list belongs
  EmptyEntry,       // a null or empty entry
  NotAnEntry,       // an entry that is not an object of `count` fields
  UnknownSubField,  // value: an entry's field the list's record does not declare
  LacksSubField,    // value: a required sub-field an entry leaves out
  RepeatedKey,      // entries count and second have the same key: `name` value (quoted if text)
};

struct Problem {
  ProblemCode code = ProblemCode::None;
  std::string value;  // the value as written, or the name or message the code says
  ScalarSyntax syntax = ScalarSyntax::Plain;
  ExpectedKind expected;
  std::string range;  // OutOfRange: as declared, "[0, ∞)"
  std::string name;   // RepeatedKey: the key field
  zc_status status = ZC_OK;
  size_t count = 0, second = 0;
  // Where in a list it lies: the entry (from 1, 0 for none) and, within an
  // entry that is a record, its field.
  size_t entry = 0;
  std::string subField;

  bool empty() const { return code == ProblemCode::None; }
};

// The problem as one line: "expected a number in 万元, found the text \"abc\"".
std::string english(const Problem& problem);
// The same in Chinese: "应为以 万元 计的数字，实为文本 \"abc\"".
std::string chinese(const Problem& problem);
// A stable name for what went wrong: "field_type", "out_of_range", …
const char* problemCode(const Problem& problem);

// A run-time status (runtime/src/status.c) in Chinese: "除数为零".
const char* chineseStatusMessage(zc_status status);

}  // namespace zc::rt
