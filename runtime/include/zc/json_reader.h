// Reads records from JSON objects (one a line in JSON Lines) against a schema,
// exactly: numbers are taken from their decimal text, never through a double.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zc/record.h"

namespace zc::rt {

struct DecodeProblem {
  std::string field;  // empty for problems of the whole line
  std::string message;
};

struct DecodeOutcome {
  bool ok = false;
  std::string id;  // the 键 field, when it could be read
  std::vector<DecodeProblem> errors;
  std::vector<std::string> unknownFields;
  // "field 营业收入: expected a number in 万元, found …; field …"
  std::string describe() const;
};

// Before a reader reads a record's members: every field its default (an
// optional one absent, and zero), in place, so strings and lists keep their
// capacity for the next record.
void clearRecord(const RecordSchema& schema, Record& out);

// Once a reader has read a record's members (each field holding its default
// until given): a required field not given is "required and missing" (unless
// it failed already); the id is read from the 键 field, and an empty one is
// an error; ok is set.
void finishRecord(const RecordSchema& schema, Record& out, DecodeOutcome& outcome);

// How many readable bytes decodeInPlace needs after a record's text.
inline constexpr size_t kJsonPadding = 64;

class JsonRecordReader {
 public:
  explicit JsonRecordReader(const RecordSchema& schema);
  ~JsonRecordReader();
  // Decodes one JSON object into out (every field filled, defaults included).
  DecodeOutcome decode(std::string_view json, Record& out);
  // The same without copying the text: the kJsonPadding bytes after it must
  // be readable, and a NUL must follow it (so a value cut off at its end
  // reads as it does in a std::string).
  DecodeOutcome decodeInPlace(std::string_view json, Record& out);
  // A list field's value alone, from JSON that is exactly one array (a CSV
  // cell holding a list): into out, as decode reads the field's member; an
  // error message, or empty.
  std::string decodeList(const FieldSchema& field, std::string_view json, FieldValue& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zc::rt
