#include "io/Workbook.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "zc/results.h"

namespace zc {

namespace {

bool fitsExcelNumber(const std::string& text) {
  size_t digits = 0;
  for (char c : text) digits += c >= '0' && c <= '9';
  return digits <= 15;
}

}  // namespace

Workbook::Workbook() {
  const char* folder = std::getenv("TMPDIR");
  path_ = fmt::format("{}/zc-workbook-XXXXXX", folder != nullptr && *folder != '\0' ? folder : "/tmp");
  int fd = ::mkstemp(path_.data());
  if (fd < 0) throw std::runtime_error("cannot make a temporary file for the workbook in " + path_);
  ::close(fd);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  book_ = workbook_new_opt(path_.c_str(), &options);
  if (book_ == nullptr) {
    ::unlink(path_.c_str());
    throw std::runtime_error("cannot start the workbook");
  }
  bold_ = workbook_add_format(book_);
  format_set_bold(bold_);
  money_ = workbook_add_format(book_);
  format_set_num_format(money_, "#,##0.00");
}

Workbook::~Workbook() {
  if (book_ != nullptr) workbook_close(book_);
  ::unlink(path_.c_str());
}

lxw_worksheet* Workbook::sheet(const char* name, const Provenance& provenance, const std::vector<std::string>& columns,
                               lxw_row_t& row) {
  lxw_worksheet* ws = workbook_add_worksheet(book_, name);
  row = 0;
  this->provenance(ws, row, provenance);
  for (size_t i = 0; i < columns.size(); ++i) text(ws, row, static_cast<lxw_col_t>(i), columns[i], true);
  ++row;
  return ws;
}

void Workbook::provenance(lxw_worksheet* ws, lxw_row_t& row, const Provenance& provenance) {
  const std::pair<const char*, const std::string&> lines[] = {{"规则源文件哈希（SHA-256）", provenance.sourceHash},
                                                              {"zc 版本", provenance.zcVersion},
                                                              {"运行日期", provenance.runDate}};
  for (const auto& [label, value] : lines) {
    text(ws, row, 0, label, true);
    text(ws, row, 1, value);
    ++row;
  }
  ++row;
}

void Workbook::text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t column, std::string_view text, bool bold) {
  if (text.empty()) return;
  bool formula = std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  std::string cell = formula ? "'" : "";
  for (char c : text) {
    if (c == '\0')
      cell += "\xEF\xBF\xBD";
    else
      cell += c;
  }
  worksheet_write_string(ws, row, column, cell.c_str(), bold ? bold_ : nullptr);
}

void Workbook::money(lxw_worksheet* ws, lxw_row_t row, lxw_col_t column, const zc_dec& amount) {
  std::string digits = rt::formatMoney(amount);
  if (fitsExcelNumber(digits))
    worksheet_write_number(ws, row, column, std::strtod(digits.c_str(), nullptr), money_);
  else
    worksheet_write_string(ws, row, column, digits.c_str(), nullptr);
}

void Workbook::count(lxw_worksheet* ws, lxw_row_t row, lxw_col_t column, size_t value) {
  worksheet_write_number(ws, row, column, static_cast<double>(value), nullptr);
}

void Workbook::finish(std::FILE* out) {
  lxw_error error = workbook_close(book_);
  book_ = nullptr;
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(error));
  std::FILE* made = std::fopen(path_.c_str(), "rb");
  if (made == nullptr) throw std::runtime_error("cannot read back the workbook " + path_);
  char block[1 << 16];
  size_t count;
  while ((count = std::fread(block, 1, sizeof block, made)) > 0) std::fwrite(block, 1, count, out);
  std::fclose(made);
}

}  // namespace zc
