// CSV input with a header row of field names, read strictly (RFC 4180) by
// libcsv. Each row becomes the JSON object the JSON Lines reader takes, so
// both formats share one validation path and one set of messages. A list
// field's cell holds one JSON array.
#pragma once

#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zc/json_reader.h"
#include "zc/record.h"
#include "zc/record_evaluator.h"

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
  // The same without copying the cells: they are valid until the next read.
  bool readRow(std::vector<std::string_view>& cells, size_t& line, std::string& error);
  // The blank lines skipped so far, in order.
  const std::vector<size_t>& blankLines() const;

  // A row may be this long at most: a quote never closed ends as an error
  // here rather than holding the rest of a large file in memory.
  static constexpr size_t kMaxRowBytes = 16 << 20;

 private:
  bool readCells(std::vector<std::string_view>& cells, size_t& line, std::string& error);
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

// A row of cells as a record's input holds it when the cells are typed
// straight into the record: each cell its length (4 bytes, this machine's
// order) and its bytes, one after another.
void appendCell(std::string& row, std::string_view cell);
// A whole row of them, sized once.
void appendCells(std::string& row, const std::vector<std::string_view>& cells);

// Types a row's cells (appendCell's) straight into a record's fields, with
// the values, messages and warnings the JSON CsvRowToJson would make of the
// same cells gets from JsonRecordReader, without writing or parsing that
// JSON (a list cell, JSON already, is parsed alone). What each column is, is
// worked out once, from the header.
class CellRecordReader : public CellReader {
 public:
  CellRecordReader(const RecordSchema& schema, const std::vector<std::string>& header);
  ~CellRecordReader() override;
  // A cell not UTF-8 or a list cell not one JSON list is the row's problem,
  // as CsvRowToJson gives it, and the id the key column's cell.
  DecodeOutcome decode(std::string_view row, Record& out, std::string& problem, std::string& id) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zc::rt
