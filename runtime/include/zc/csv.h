// CSV input with a header row of field names, read strictly (RFC 4180) by
// libcsv. Each row becomes the JSON object the JSON Lines reader takes, so
// both formats share one validation path and one set of messages. A list
// field's cell holds one JSON array.
#pragma once

#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "zc/record.h"

namespace zc::rt {

// Lines end in LF or CRLF. A malformed row (a quote inside an unquoted cell,
// text after a closing quote, a quote never closed, a lone CR) is reported at
// the line it starts on, and reading goes on at the next line, so one bad row
// never swallows the rows after it. Blank lines are skipped and remembered.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in);
  ~CsvReader();
  // Reads one row into cells; false at the end of the input. line is the
  // row's first line; error is set, and cells empty, for a malformed row.
  bool readRow(std::vector<std::string>& cells, size_t& line, std::string& error);
  // The blank lines skipped so far, in order.
  const std::vector<size_t>& blankLines() const;

  // A row may be this long at most: a quote never closed ends as an error
  // here rather than holding the rest of a large file in memory.
  static constexpr size_t kMaxRowBytes = 16 << 20;

 private:
  bool readCells(std::vector<std::string>& cells, size_t& line, std::string& error);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The rows of one CSV file as JSON objects for JsonRecordReader: empty cells
// are left out (the field takes its default), texts are quoted, a list
// field's cell must be exactly one JSON array (its entries are checked by the
// reader). What each column is, is worked out once, from the header.
class CsvRowToJson {
 public:
  CsvRowToJson(const RecordSchema& schema, const std::vector<std::string>& header);
  // Appends the row's object to json. On an error, which names the field,
  // json is left as it was.
  std::string append(const std::vector<std::string>& cells, std::string& json) const;

 private:
  struct Column {
    std::string key;                     // the JSON key and its colon: "\"行业\": "
    const FieldSchema* field = nullptr;  // null for a column the schema does not know
  };
  std::vector<Column> columns_;
};

}  // namespace zc::rt
