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
  Problem problem;
  std::string message() const { return english(problem); }
};

struct DecodeOutcome {
  bool ok = false;
  std::string id;  // the 键 field, when it could be read
  std::vector<DecodeProblem> errors;
  std::vector<std::string> unknownFields;
  // "field 营业收入: expected a number in 万元, found …; field …"
  std::string describe() const;
  // The same in Chinese, "字段 营业收入：应为以 万元 计的数字，实为…；字段 …"
  std::string describeInChinese() const;
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
// The same for a reader that keeps no Record: `present` per field, and the
// 键 field's value when it was given (else null).
void finishRecord(const RecordSchema& schema, const std::vector<uint8_t>& present, const Scalar* key,
                  DecodeOutcome& outcome);

// How many readable bytes decodeInPlace needs after a record's text.
inline constexpr size_t kJsonPadding = 64;

class ColumnarBatch;

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
  // The same, typed straight into a new last row of the batch
  // (ColumnarBatch::beginRow) for compiled code, with no Record in between;
  // a record that fails leaves no row.
  DecodeOutcome decode(std::string_view json, ColumnarBatch& out);
  DecodeOutcome decodeInPlace(std::string_view json, ColumnarBatch& out);
  // A list field's value alone, from JSON that is exactly one array (a CSV
  // cell holding a list): into out, as decode reads the field's member; its
  // problem, or none.
  Problem decodeList(const FieldSchema& field, std::string_view json, FieldValue& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zc::rt
