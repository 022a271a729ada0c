// CSV input (RFC 4180: quoted fields, "" escapes, newlines inside quotes)
// with a header row of field names. Each row becomes the JSON object the
// JSON Lines reader takes, so both formats share one validation path and
// one set of messages. A list field's cell holds a JSON array.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "zc/record.h"

namespace zc::rt {

class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}
  // Reads one row into cells; false at the end of the input. line is the
  // row's first line; error is set for a malformed row (an open quote).
  bool readRow(std::vector<std::string>& cells, size_t& line, std::string& error);

 private:
  std::istream& in_;
  size_t line_ = 0;
};

// The row as a JSON object for JsonRecordReader: empty cells are left out
// (the field takes its default), texts are quoted, lists are taken as JSON.
std::string csvRowToJson(const RecordSchema& schema, const std::vector<std::string>& header,
                         const std::vector<std::string>& cells);

}  // namespace zc::rt
