// Excel workbooks (.xlsx) read as records arrive in offices: the zip container
// by Debian's minizip, the XML by expat, one sheet streamed a row at a time.
// A cell keeps the text the sheet stores: a number is its digits as Excel
// wrote them ("1234.56"), never a binary double, so money stays exact.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace zc::rt {

struct XlsxCell {
  enum class Type : uint8_t {
    Empty,
    Number,   // text: the stored digits, an exponent written out ("1E-3" → "0.001")
    Text,     // a shared, inline or formula string
    Flag,     // text: "true" or "false"
    Error,    // text: Excel's error value (#DIV/0!), or what is wrong with the cell
    NoValue,  // a formula whose result was never saved
  };
  Type type = Type::Empty;
  std::string text;
};

struct XlsxRow {
  uint32_t number = 0;          // Excel's row number, from 1
  std::vector<XlsxCell> cells;  // by column from A; trailing empty cells may be missing
};

struct XlsxRange {
  uint32_t firstRow, firstColumn, lastRow, lastColumn;  // rows from 1, columns from 0
  bool contains(uint32_t row, uint32_t column) const {
    return row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn;
  }
};

// "D" for column 3 (from 0), "AA" for 26.
std::string xlsxColumnName(uint32_t column);
// Excel's day number (1900 date system, or 1904) as a date YYYY-MM-DD; empty
// when the text is not a whole day number in 1900-03-01 … 9999-12-31.
std::string xlsxSerialToDate(const std::string& serial, bool date1904);

class XlsxSheet {
 public:
  virtual ~XlsxSheet() = default;
  // The next row that has a cell; false at the end, or with `problem` set
  // when the sheet cannot be read on (broken XML, a zip entry cut short).
  virtual bool next(XlsxRow& row, std::string& problem) = 0;
  // The merged ranges of the sheet, known before the first row is read.
  virtual const std::vector<XlsxRange>& merged() const = 0;
  virtual bool date1904() const = 0;
};

// Opens `path` and its sheet named `sheet` (the first when empty); nothing,
// with a message, when the file is not a workbook or has no such sheet.
std::unique_ptr<XlsxSheet> openXlsxSheet(const std::string& path, const std::string& sheet, std::string& problem);

}  // namespace zc::rt
