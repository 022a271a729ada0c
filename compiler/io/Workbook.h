// An Excel workbook zc writes (libxlsxwriter): made in a temporary file, in
// constant memory (a row at a time), and copied to the output stream at the
// end, so --output keeps its promise never to leave half a file.
#pragma once

#include <xlsxwriter.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "io/ResultSink.h"
#include "zc/runtime.h"

namespace zc {

class Workbook {
 public:
  // Throws std::runtime_error when no temporary file can be made.
  Workbook();
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // A sheet headed by the provenance (three rows and a blank one), then its
  // column names in bold; `row` is where its data begins.
  lxw_worksheet* sheet(const char* name, const Provenance& provenance, const std::vector<std::string>& columns,
                       lxw_row_t& row);
  void provenance(lxw_worksheet* sheet, lxw_row_t& row, const Provenance& provenance);
  // Text as the CSV output writes it: a cell a sheet would take for a formula
  // when edited gets a leading '; empty text leaves the cell empty.
  void text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, std::string_view text, bool bold = false);
  // An amount as a number with two places; one with more than the 15
  // significant digits an Excel number holds exactly is written as its text.
  void money(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const zc_dec& amount);
  void count(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, size_t value);

  // Closes the workbook and copies it to `out`; throws std::runtime_error on failure.
  void finish(std::FILE* out);

 private:
  std::string path_;
  lxw_workbook* book_ = nullptr;
  lxw_format *bold_ = nullptr, *money_ = nullptr;
};

}  // namespace zc
