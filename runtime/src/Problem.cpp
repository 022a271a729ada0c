// A record's problems in English, as zc run, zc eval and compiled libraries
// write them, and the code each has in every language.
#include "zc/problem.h"

#include "zc/record.h"

namespace zc::rt {

namespace {

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// What a field takes, as a message says it. A person reads the shorter words.
std::string kindWords(const ExpectedKind& expected) {
  switch (expected.kind) {
    case Kind::Flag:
      return "true or false";
    case Kind::Int:
      return "a whole number";
    case Kind::Count:
      return expected.plain ? "a whole number" : "a count (a whole number, 0 or more)";
    case Kind::Dec:
      return expected.unit.empty() ? "a number" : "a number in " + expected.unit;
    case Kind::Date:
      return expected.plain ? "a date YYYY-MM-DD" : "a date \"YYYY-MM-DD\"";
    case Kind::Text:
      return expected.choices.empty() ? "a text" : "one of " + joined(expected.choices);
    case Kind::Enum:
      return "one of " + joined(expected.choices);
    case Kind::Record:
      return "an object";
  }
  return "";
}

// The value as a message names it: "the text \"abc\"", "the number 1.5", …
std::string valueWords(const std::string& text, ScalarSyntax syntax) {
  switch (syntax) {
    case ScalarSyntax::Plain:
      return "\"" + text + "\"";
    case ScalarSyntax::JsonString:
      return "the text \"" + text + "\"";
    case ScalarSyntax::JsonNumber:
      return "the number " + text;
    case ScalarSyntax::JsonFlag:
      return "a flag";
    default:
      return text;
  }
}

std::string unwrapped(const Problem& p) {
  switch (p.code) {
    case ProblemCode::None:
      return "";
    case ProblemCode::NotAnObject:
      return "not a JSON object: a record is one {…} a line";
    case ProblemCode::InvalidJson:
      return p.value.empty() ? "invalid JSON" : "invalid JSON: " + p.value;
    case ProblemCode::TooDeep:
      return "invalid JSON: nested more than 1024 levels deep";
    case ProblemCode::TextAfterObject:
      return "invalid JSON: text after the object";
    case ProblemCode::UnknownFieldInvalid:
      return "invalid JSON (the field is unknown, but its value must still be JSON)";
    case ProblemCode::InvalidValue:
      return "is not valid JSON";
    case ProblemCode::GivenTwice:
      return "is given twice";
    case ProblemCode::Missing:
      return "is required and missing";
    case ProblemCode::EmptyId:
      return "is empty; every record needs an id";
    case ProblemCode::WrongType:
      return "expected " + kindWords(p.expected) + ", found " + valueWords(p.value, p.syntax);
    case ProblemCode::NotANumber:
      return "\"" + p.value +
             "\" is not a number as zc reads them: digits with at most a leading - and a . between digits, no leading "
             "zero";
    case ProblemCode::Exponent:
      return "the number " + p.value + " has an exponent; write its digits (exponents are not read exactly)";
    case ProblemCode::TooLarge:
      return "the number " + p.value + " is too large";
    case ProblemCode::BadNumber:
      return std::string(zc_status_message(p.status)) + ": " + p.value;
    case ProblemCode::NoSuchDate:
      return "the date " + p.value + " does not exist";
    case ProblemCode::NegativeCount:
      return "a count cannot be negative, found " + p.value;
    case ProblemCode::Negative:
      return "cannot be negative, found " + p.value;
    case ProblemCode::OutOfRange:
      return p.value + (p.expected.unit.empty() ? "" : " " + p.expected.unit) + " is outside the range " + p.range +
             " that the record declares for this field";
    case ProblemCode::NotInSet:
      return "\"" + p.value + "\" is not one of the texts this field takes: " + joined(p.expected.choices);
    case ProblemCode::UnknownValue:
      return "unknown value \"" + p.value + "\"" + (p.expected.plain ? "" : "; expected " + kindWords(p.expected));
    case ProblemCode::RecordAsText:
      return "a record cannot be written as text";
    case ProblemCode::NotAList:
      return "expected a list [ … ], found " + valueWords(p.value, p.syntax);
    case ProblemCode::EmptyEntry:
      return "a list holds no null or empty entries";
    case ProblemCode::NotAnEntry:
      return "expected an object with " + std::to_string(p.count) + " fields";
    case ProblemCode::UnknownSubField:
      return "has an unknown field \"" + p.value + "\"";
    case ProblemCode::LacksSubField:
      return "lacks the field " + p.value;
    case ProblemCode::RepeatedKey:
      return "entries " + std::to_string(p.count) + " and " + std::to_string(p.second) + " have the same " + p.name +
             " " + p.value;
  }
  return "";
}

}  // namespace

std::string english(const Problem& p) {
  std::string out;
  if (p.entry > 0) out = "entry " + std::to_string(p.entry) + ": ";
  if (!p.subField.empty()) out += p.subField + ": ";
  return out + unwrapped(p);
}

const char* problemCode(const Problem& p) {
  switch (p.code) {
    case ProblemCode::None:
      return "";
    case ProblemCode::NotAnObject:
      return "not_an_object";
    case ProblemCode::InvalidJson:
    case ProblemCode::TooDeep:
    case ProblemCode::TextAfterObject:
    case ProblemCode::UnknownFieldInvalid:
    case ProblemCode::InvalidValue:
      return "invalid_json";
    case ProblemCode::GivenTwice:
      return "field_twice";
    case ProblemCode::Missing:
    case ProblemCode::LacksSubField:
      return "missing_field";
    case ProblemCode::EmptyId:
      return "empty_id";
    case ProblemCode::WrongType:
    case ProblemCode::RecordAsText:
    case ProblemCode::NotAList:
    case ProblemCode::EmptyEntry:
    case ProblemCode::NotAnEntry:
      return "field_type";
    case ProblemCode::NotANumber:
    case ProblemCode::Exponent:
      return "not_a_number";
    case ProblemCode::TooLarge:
      return "too_large";
    case ProblemCode::BadNumber:
      return "bad_number";
    case ProblemCode::NoSuchDate:
      return "bad_date";
    case ProblemCode::NegativeCount:
    case ProblemCode::Negative:
    case ProblemCode::OutOfRange:
      return "out_of_range";
    case ProblemCode::NotInSet:
      return "not_in_set";
    case ProblemCode::UnknownValue:
      return "unknown_value";
    case ProblemCode::UnknownSubField:
      return "unknown_field";
    case ProblemCode::RepeatedKey:
      return "repeated_key";
  }
  return "";
}

}  // namespace zc::rt
