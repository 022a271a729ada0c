// A record a 排名's first reading held back, so it is decoded once: the
// decoded record itself, in a binary form that reads back without parsing,
// or — for a record that could not be decoded, which is rare — its JSON
// text, decoded again when it is evaluated so it fails with the same
// message. Both are whole bytes of one process's temporary file, never
// kept or read by anything else.
#pragma once

#include <string>
#include <string_view>

#include "zc/json_reader.h"

namespace zc {

// Appends the decoded record (outcome.ok) and what its decoding found.
void holdDecoded(const rt::Record& record, const rt::DecodeOutcome& outcome, std::string& out);
// Appends the record's text, to be decoded again.
void holdText(std::string_view json, std::string& out);

// Reads a held record back into `out`, as the JSON reader would have decoded it.
class HeldRecordReader {
 public:
  explicit HeldRecordReader(const rt::RecordSchema& schema) : json_(schema) {}
  rt::DecodeOutcome read(std::string_view held, rt::Record& out);

 private:
  rt::JsonRecordReader json_;
};

}  // namespace zc
