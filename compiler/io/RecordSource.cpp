#include "io/RecordSource.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <istream>
#include <optional>
#include <streambuf>
#include <string_view>
#include <vector>

#include "zc/csv.h"
#include "zc/json_lines.h"
#include "zc/json_reader.h"
#include "zc/text_encoding.h"
#include "zc/xlsx.h"

namespace zc {

RawRecord& RawRecords::add() {
  if (count_ > 0) end();
  if (count_ == records_.size()) records_.emplace_back();
  RawRecord& record = records_[count_++];
  record.offset = text_.size();
  record.length = 0;
  record.problem.clear();
  record.id.clear();
  return record;
}

RawRecord& RawRecords::addInPlace(size_t offset, size_t length) {
  if (count_ == records_.size()) records_.emplace_back();
  RawRecord& record = records_[count_++];
  record.offset = offset;
  record.length = length;
  record.problem.clear();
  record.id.clear();
  text_[offset + length] = '\0';
  return record;
}

// A NUL after each record, as a std::string has: the reader sees the same
// bytes after a record wherever it lies.
void RawRecords::end() {
  RawRecord& last = records_[count_ - 1];
  last.length = text_.size() - last.offset;
  text_ += '\0';
}

void RawRecords::pad() {
  if (count_ > 0) end();
  text_.append(rt::kJsonPadding, '\0');
}

void RawRecords::clear() {
  text_.clear();
  count_ = 0;
}

namespace {

// No record comes near it; a longer line (a file of zeros, a dump on one
// line) is an error of its own, not all of memory.
constexpr size_t kMaxLineBytes = 64u << 20;

std::string tooLongProblem() {
  return fmt::format("the line is longer than {} MiB; a record is one line of JSON", kMaxLineBytes >> 20);
}

// The input read straight from its file descriptor, so a source can tell a
// buffered line from a pipe that has nothing yet, which a std::ifstream hides.
class InputFile : public std::streambuf {
 public:
  InputFile() = default;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() override {
    if (fd_ >= 0) ::close(fd_);
  }

  // "-" is standard input. An encoding of "" is UTF-8 unless the first
  // bytes read are not: then GB18030, and `note` says so.
  bool open(const std::string& path, const std::string& encoding, std::string& note, std::string& problem) {
    fd_ = path == "-" ? ::fcntl(0, F_DUPFD_CLOEXEC, 0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      problem = fmt::format("cannot be read: {}", std::strerror(errno));
      return false;
    }
    struct stat status;
    regular_ = ::fstat(fd_, &status) == 0 && S_ISREG(status.st_mode);
    rt::TextEncoding chosen = rt::TextEncoding::Utf8;
    if (!encoding.empty() && !rt::parseTextEncoding(encoding, chosen)) {
      problem = fmt::format("no text encoding '{}': say utf-8 or gbk", encoding);
      return false;
    }
    if (encoding.empty()) {
      // Decided on the first read: a file's first MiB, or what a pipe has.
      pending_ = readSome();
      if (rt::isUtf8({buffer_.data(), pending_}, true)) return true;
      note =
          "the input is not UTF-8; it is read as GB18030 (GBK), as Excel saves CSV in China (say --encoding to choose)";
      chosen = rt::TextEncoding::Gb18030;
    }
    if (chosen == rt::TextEncoding::Gb18030) decoder_.emplace();
    return true;
  }

  // True when a whole line is buffered, or the descriptor has input (or its
  // end) within `wait`. A regular file never makes a read wait.
  bool ready(std::chrono::milliseconds wait) {
    if (regular_ || pending_ > 0 || (gptr() != egptr() && std::memchr(gptr(), '\n', egptr() - gptr()) != nullptr))
      return true;
    pollfd input{.fd = fd_, .events = POLLIN, .revents = 0};
    return ::poll(&input, 1, static_cast<int>(wait.count())) != 0;
  }

  uint64_t bytesRead() const { return decoder_ ? read_ : read_ - (egptr() - gptr()); }
  bool regular() const { return regular_; }

  // Appends the input's next bytes to `out`: what is buffered, or decoded
  // from what is read; else one read of up to `bytes` straight into `out`.
  // How many, 0 at the end.
  size_t readInto(std::string& out, size_t bytes) {
    if (gptr() == egptr() && !decoder_ && pending_ == 0) {
      size_t at = out.size();
      out.resize(at + bytes);
      ssize_t count;
      do count = ::read(fd_, out.data() + at, bytes);
      while (count < 0 && errno == EINTR);
      out.resize(at + (count > 0 ? count : 0));
      if (count <= 0) return 0;
      read_ += count;
      return static_cast<size_t>(count);
    }
    if (gptr() == egptr() && underflow() == traits_type::eof()) return 0;
    size_t count = egptr() - gptr();
    out.append(gptr(), count);
    setg(eback(), egptr(), egptr());
    return count;
  }

  // The next line, without its LF, as it lies in the buffer (copied only
  // when it spans two reads), valid until the next call; false at the end.
  // Splits as std::getline does: a last line without LF is a line. A line
  // longer than kMaxLineBytes is read past, not held: `tooLong` is set and
  // the line is empty.
  bool nextLine(std::string_view& line, bool& tooLong) {
    spanning_.clear();
    tooLong = false;
    for (;;) {
      if (gptr() == egptr() && underflow() == traits_type::eof()) {
        line = spanning_;
        return !spanning_.empty() || tooLong;
      }
      const char* end = static_cast<const char*>(std::memchr(gptr(), '\n', egptr() - gptr()));
      if (end == nullptr) {
        if (!tooLong) spanning_.append(gptr(), egptr() - gptr());
        if (spanning_.size() > kMaxLineBytes) {
          tooLong = true;
          spanning_.clear();
          spanning_.shrink_to_fit();
        }
        setg(eback(), egptr(), egptr());
        continue;
      }
      if (tooLong) {
        line = {};
        setg(eback(), const_cast<char*>(end) + 1, egptr());
        return true;
      }
      if (spanning_.empty()) {
        line = std::string_view(gptr(), end - gptr());
      } else {
        spanning_.append(gptr(), end - gptr());
        line = spanning_;
      }
      setg(eback(), const_cast<char*>(end) + 1, egptr());
      return true;
    }
  }

 protected:
  int_type underflow() override {
    while (gptr() == egptr()) {
      size_t count = pending_ > 0 ? pending_ : readSome();
      pending_ = 0;
      if (!decoder_) {
        if (count == 0) return traits_type::eof();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + count);
        continue;
      }
      if (count == 0 && ended_) return traits_type::eof();
      ended_ = count == 0;
      decoded_.clear();
      decoder_->decode({buffer_.data(), count}, ended_, decoded_);
      setg(decoded_.data(), decoded_.data(), decoded_.data() + decoded_.size());
    }
    return traits_type::to_int_type(*gptr());
  }

 private:
  // Reads the next bytes into buffer_; how many, 0 at the end.
  size_t readSome() {
    ssize_t count;
    do count = ::read(fd_, buffer_.data(), buffer_.size());
    while (count < 0 && errno == EINTR);
    if (count <= 0) return 0;
    read_ += count;
    return static_cast<size_t>(count);
  }

  int fd_ = -1;
  bool regular_ = false;
  uint64_t read_ = 0;
  std::vector<char> buffer_ = std::vector<char>(1 << 20);  // large reads: few system calls
  size_t pending_ = 0;  // bytes in buffer_ read to decide the encoding, not yet handed on
  std::optional<rt::Gb18030Decoder> decoder_;
  std::string decoded_;   // buffer_ as UTF-8, when decoding: what the get area points into
  bool ended_ = false;    // the decoder has been told the input ended
  std::string spanning_;  // a line that spans two reads
};

// What both formats share: the file, read as a stream.
class FileSource : public RecordSource {
 public:
  bool ready(std::chrono::milliseconds wait) override { return file_.ready(wait); }
  uint64_t bytesRead() const override { return file_.bytesRead(); }

 protected:
  InputFile file_;
  std::istream in_{&file_};
};

class JsonLinesSource : public FileSource {
 public:
  bool open(const InputSpec& spec, std::string& problem) {
    return file_.open(spec.path, spec.encoding, note_, problem);
  }
  bool next(RawRecords& records) override {
    std::string_view json;
    std::string problem;
    bool tooLong;
    while (file_.nextLine(json, tooLong)) {
      if (tooLong) {
        RawRecord& record = records.add();
        record.line = ++line_;
        record.problem = tooLongProblem();
        return true;
      }
      if (!rt::trimJsonLine(json, ++line_, problem)) {
        blankLines_.push_back(line_);
        continue;
      }
      RawRecord& record = records.add();
      record.line = line_;
      record.problem = problem;
      records.text().append(json);
      return true;
    }
    return false;
  }

  bool readsBlocks() const override { return true; }

  bool nextBlock(RawRecords& records, size_t bytes, LineBlock& block) override {
    std::string& text = records.text();
    block.firstLine = line_ + 1;
    block.tooLong.clear();
    text.assign(carry_);  // the start of a line the last block cut off
    carry_.clear();
    size_t cut = std::string::npos;  // just past the last line end in text
    bool ended = false;
    while (cut == std::string::npos || (text.size() < bytes && file_.regular())) {
      size_t before = text.size();
      size_t count = file_.readInto(text, std::max(kMinRead, bytes - std::min(bytes, text.size())));
      if (count == 0) {
        ended = true;
        break;
      }
      if (const void* end = memrchr(text.data() + before, '\n', count))
        cut = static_cast<const char*>(end) - text.data() + 1;
      else if (cut == std::string::npos && text.size() > kMaxLineBytes)
        cut = readPastLongLine(text, block, ended);
      if (ended) break;
    }
    // The last line may have no line end.
    if (ended) cut = text.size();
    carry_.assign(text, cut);
    text.resize(cut);
    line_ += lineEnds(text) + (!text.empty() && text.back() != '\n' ? 1 : 0);
    return !text.empty();
  }

  const std::vector<size_t>& blankLines() const override { return blankLines_; }

 private:
  // memchr from one line end to the next: lines are long enough that this
  // beats a byte loop the compiler does not vectorise.
  static size_t lineEnds(std::string_view text) {
    size_t count = 0;
    for (const char *at = text.data(), *end = at + text.size();
         (at = static_cast<const char*>(std::memchr(at, '\n', end - at))) != nullptr; ++at)
      ++count;
    return count;
  }

  // Reads at least this much at a time into a block.
  static constexpr size_t kMinRead = 64 << 10;

  // `text`, all one line, has grown past kMaxLineBytes: the rest of the line
  // is read past, not held, and an empty line stands for it. Returns where
  // `text` now has a line end after; `ended` at the input's end.
  size_t readPastLongLine(std::string& text, LineBlock& block, bool& ended) {
    block.tooLong.push_back(block.firstLine);
    for (;;) {
      text.clear();
      size_t count = file_.readInto(text, kMinRead);
      if (count == 0) {
        ended = true;
        text = "\n";
        return text.size();
      }
      if (const char* end = static_cast<const char*>(std::memchr(text.data(), '\n', count))) {
        text.erase(0, end - text.data());
        return static_cast<const char*>(memrchr(text.data(), '\n', text.size())) - text.data() + 1;
      }
    }
  }

  size_t line_ = 0;
  std::vector<size_t> blankLines_;
  std::string carry_;
};

class CsvSource : public FileSource {
 public:
  explicit CsvSource(const rt::RecordSchema& schema) : schema_(schema) {}
  // Opens the file and reads its header row.
  bool open(const InputSpec& spec, std::string& problem) {
    if (!file_.open(spec.path, spec.encoding, note_, problem)) return false;
    size_t line;
    std::string error;
    if (!reader_.readRow(header_, line, error)) {
      problem = "the CSV input has no header row of field names";
      return false;
    }
    if (!error.empty()) {
      problem = fmt::format("the header row (line {}) is not valid CSV: {}", line, error);
      return false;
    }
    for (const std::string& name : header_)
      if (!rt::isUtf8(name)) {
        problem = fmt::format(
            "the header row (line {}) is not UTF-8 text; a file saved by Excel in China is GBK: "
            "say --encoding gbk",
            line);
        return false;
      }
    for (size_t i = 0; i < header_.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (header_[i] == header_[j]) {
          problem = fmt::format("the header row names '{}' twice (columns {} and {})", header_[i], j + 1, i + 1);
          return false;
        }
    keyColumn_ = header_.size();
    for (size_t i = 0; i < header_.size(); ++i)
      if (schema_.keyField >= 0 && header_[i] == schema_.fields[schema_.keyField].name) keyColumn_ = i;
    toJson_.emplace(schema_, header_);
    return true;
  }
  bool next(RawRecords& records) override {
    size_t line;
    std::string problem;
    if (!reader_.readRow(cells_, line, problem)) return false;
    if (problem.empty() && cells_.size() > header_.size())
      problem = fmt::format("the row has {} cells, the header {}", cells_.size(), header_.size());
    RawRecord& record = records.add();
    record.line = line;
    if (problem.empty() && cellsHanded_) {
      rt::appendCells(records.text(), cells_);
    } else if (problem.empty()) {
      copies_.assign(cells_.begin(), cells_.end());
      problem = toJson_->append(copies_, records.text());
    }
    if (!problem.empty()) {
      record.problem = std::move(problem);
      if (keyColumn_ < cells_.size()) record.id = cells_[keyColumn_];
    }
    return true;
  }
  const std::vector<size_t>& blankLines() const override { return reader_.blankLines(); }
  const std::vector<std::string>* handCells() override {
    cellsHanded_ = true;
    return &header_;
  }

 private:
  rt::CsvReader reader_{in_};
  bool cellsHanded_ = false;
  const rt::RecordSchema& schema_;
  std::vector<std::string> header_;
  std::vector<std::string_view> cells_;     // the row read last, where the reader holds it
  std::vector<std::string> copies_;         // its cells, for the JSON
  std::optional<rt::CsvRowToJson> toJson_;  // from the header
  size_t keyColumn_ = 0;                    // the key field's column; header_.size() when there is none
};

// A sheet of a workbook: its first row names the fields, each row after it
// is a record. Cells become the texts a CSV row holds (a number its stored
// digits, a date cell in a date field its day), then the same JSON.
class XlsxSource : public RecordSource {
 public:
  XlsxSource(const rt::RecordSchema& schema) : schema_(schema) {}

  bool open(const InputSpec& spec, std::string& problem) {
    if (spec.path == "-") {
      problem = "a workbook (.xlsx) cannot be read from standard input; name its file";
      return false;
    }
    sheet_ = rt::openXlsxSheet(spec.path, spec.sheet, problem);
    if (!sheet_) return false;
    rt::XlsxRow header;
    if (!sheet_->next(header, problem)) {
      if (problem.empty()) problem = "the sheet is empty: its first row must name the fields";
      return false;
    }
    headerRow_ = previousRow_ = header.number;
    // Merged cells that reach into the header's columns, by first row: a
    // row is checked against the few that span it (see mergedIn).
    for (const rt::XlsxRange& range : sheet_->merged())
      if ((range.firstRow != range.lastRow || range.firstColumn != range.lastColumn) &&
          range.firstColumn < header.cells.size())
        merges_.push_back(range);
    std::sort(merges_.begin(), merges_.end(),
              [](const rt::XlsxRange& a, const rt::XlsxRange& b) { return a.firstRow < b.firstRow; });
    if (const rt::XlsxRange* range = mergedIn(header.number)) {
      problem = fmt::format("第{}行 {}列: the header cell is part of merged cells {}; give each column its own name",
                            header.number, rt::xlsxColumnName(range->firstColumn), rangeName(*range));
      return false;
    }
    for (uint32_t column = 0; column < header.cells.size(); ++column) {
      const rt::XlsxCell& cell = header.cells[column];
      std::string cellName = rt::xlsxColumnName(column) + std::to_string(header.number);
      if (cell.type == rt::XlsxCell::Type::NoValue || cell.type == rt::XlsxCell::Type::Error) {
        problem = fmt::format("第{}行 {}列: the header cell {} holds no name", header.number,
                              rt::xlsxColumnName(column), cellName);
        return false;
      }
      header_.push_back(cell.text);
    }
    while (!header_.empty() && header_.back().empty()) header_.pop_back();
    for (size_t i = 0; i < header_.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (!header_[i].empty() && header_[i] == header_[j]) {
          problem = fmt::format("the header row (第{}行) names '{}' twice (columns {} and {})", headerRow_, header_[i],
                                rt::xlsxColumnName(j), rt::xlsxColumnName(i));
          return false;
        }
    keyColumn_ = header_.size();
    for (size_t i = 0; i < header_.size(); ++i) {
      int field = schema_.fieldIndex(header_[i]);
      fields_.push_back(field >= 0 ? &schema_.fields[field] : nullptr);
      if (field >= 0 && field == schema_.keyField) keyColumn_ = i;
    }
    toJson_.emplace(schema_, header_);
    return true;
  }

  bool next(RawRecords& records) override {
    rt::XlsxRow& row = row_;
    std::string problem;
    for (;;) {
      if (!sheet_->next(row, problem)) {
        if (problem.empty()) return false;
        // The rows before the damage were given; the damage is an error of its own.
        RawRecord& record = records.add();
        record.line = lastRow_ + 1;
        record.problem = "the sheet cannot be read on: " + problem;
        sheet_ = std::make_unique<EndedSheet>();
        return true;
      }
      lastRow_ = row.number;
      if (!isBlank(row)) break;
      blankLines_.push_back(row.number);
    }
    // Cleared in place: the strings keep their memory for the next row.
    cells_.resize(header_.size());
    for (std::string& cell : cells_) cell.clear();
    uint32_t previous = previousRow_;
    previousRow_ = std::max(previousRow_, row.number);
    for (uint32_t column = 0; column < row.cells.size() && problem.empty(); ++column) problem = cellText(row, column);
    if (problem.empty() && row.number <= previous)
      problem = fmt::format("the sheet's rows are out of order: row {} comes after row {}", row.number, previous);
    if (const rt::XlsxRange* range = problem.empty() ? mergedIn(row.number) : nullptr)
      problem = fmt::format("{}: the cell is part of merged cells {}; give every row its own value",
                            columnName(range->firstColumn), rangeName(*range));
    RawRecord& record = records.add();
    record.line = row.number;
    if (problem.empty() && cellsHanded_)
      for (const std::string& cell : cells_) rt::appendCell(records.text(), cell);
    else if (problem.empty())
      problem = toJson_->append(cells_, records.text());
    if (!problem.empty()) {
      record.problem = std::move(problem);
      if (keyColumn_ < cells_.size()) record.id = cells_[keyColumn_];
    }
    return true;
  }

  bool ready(std::chrono::milliseconds) override { return true; }
  uint64_t bytesRead() const override { return 0; }
  const std::vector<size_t>& blankLines() const override { return blankLines_; }
  const std::vector<std::string>* handCells() override {
    cellsHanded_ = true;
    return &header_;
  }

  std::string where(const std::string& inputName, size_t line, std::string_view message) const override {
    std::string at = fmt::format("{} 第{}行", inputName, line);
    for (std::string_view prefix : {"field ", "column "}) {
      if (!message.starts_with(prefix)) continue;
      std::string_view name = message.substr(prefix.size());
      name = name.substr(0, name.find(": "));
      for (size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == name) return at + " " + rt::xlsxColumnName(i) + "列";
    }
    return at;
  }

 private:
  // After a damaged sheet: nothing more.
  struct EndedSheet : rt::XlsxSheet {
    bool next(rt::XlsxRow&, std::string&) override { return false; }
    const std::vector<rt::XlsxRange>& merged() const override { return none; }
    bool date1904() const override { return false; }
    std::vector<rt::XlsxRange> none;
  };

  static bool isBlank(const rt::XlsxRow& row) {
    for (const rt::XlsxCell& cell : row.cells)
      if (cell.type != rt::XlsxCell::Type::Empty && !(cell.type == rt::XlsxCell::Type::Text && cell.text.empty()))
        return false;
    return true;
  }

  // A column by its field's name where the header gives one: messages name
  // what the official typed in the header row.
  std::string columnName(uint32_t column) const {
    if (column < fields_.size() && fields_[column] != nullptr) return "field " + header_[column];
    return column < header_.size() && !header_[column].empty() ? "column " + header_[column]
                                                               : "column " + rt::xlsxColumnName(column);
  }

  static std::string rangeName(const rt::XlsxRange& r) {
    return rt::xlsxColumnName(r.firstColumn) + std::to_string(r.firstRow) + ":" + rt::xlsxColumnName(r.lastColumn) +
           std::to_string(r.lastRow);
  }

  // A merged range that spans the row in the header's columns, or null. Rows
  // come in increasing order, so the ranges that start at or before a row
  // join a window once and leave it after their last row: every range in
  // the window spans the row, and a sheet of many merges and rows costs
  // their sum, not their product.
  const rt::XlsxRange* mergedIn(uint32_t row) {
    while (nextMerge_ < merges_.size() && merges_[nextMerge_].firstRow <= row)
      spanning_.push_back(merges_[nextMerge_++]);
    std::erase_if(spanning_, [&](const rt::XlsxRange& r) { return r.lastRow < row; });
    return spanning_.empty() ? nullptr : &spanning_.front();
  }

  // The cell's text moved into cells_, or why it has none.
  std::string cellText(rt::XlsxRow& row, uint32_t column) {
    rt::XlsxCell& cell = row.cells[column];
    using Type = rt::XlsxCell::Type;
    if (cell.type == Type::Empty) return "";
    const rt::FieldSchema* field = column < fields_.size() ? fields_[column] : nullptr;
    bool date = cell.type == Type::Number && field != nullptr && field->kind == rt::Kind::Date && !field->list;
    // The common case first, with no cell name made for a message.
    if ((cell.type == Type::Number || cell.type == Type::Text || cell.type == Type::Flag) && !date &&
        column < header_.size() && !header_[column].empty()) {
      std::swap(cells_[column], cell.text);
      return "";
    }
    std::string cellName = rt::xlsxColumnName(column) + std::to_string(row.number);
    if (column >= header_.size() || header_[column].empty())
      return fmt::format("column {}: the cell {} is under no field name in the header row (第{}行)",
                         rt::xlsxColumnName(column), cellName, headerRow_);
    if (cell.type == Type::NoValue)
      return fmt::format(
          "{}: the cell {} holds a formula whose value was never saved; open the file in Excel or WPS "
          "and save it, or type the value",
          columnName(column), cellName);
    if (cell.type == Type::Error)
      return fmt::format("{}: the cell {} holds {}{}", columnName(column), cellName,
                         cell.text.starts_with('#') ? "Excel's error " : "", cell.text);
    // What is left is a number in a date field.
    std::string day = rt::xlsxSerialToDate(cell.text, sheet_->date1904());
    if (day.empty())
      return fmt::format("{}: the cell {} holds the number {}, which is no Excel date (a whole day number)",
                         columnName(column), cellName, cell.text);
    cells_[column] = std::move(day);
    return "";
  }

  const rt::RecordSchema& schema_;
  std::unique_ptr<rt::XlsxSheet> sheet_;
  rt::XlsxRow row_;  // the row read last, kept for its memory
  std::vector<std::string> header_, cells_;
  std::vector<const rt::FieldSchema*> fields_;  // per column, null for a name the schema does not know
  std::optional<rt::CsvRowToJson> toJson_;
  bool cellsHanded_ = false;
  uint32_t headerRow_ = 1, lastRow_ = 0, previousRow_ = 0;
  std::vector<rt::XlsxRange> merges_;    // multi-cell ranges in the header's columns, by first row
  size_t nextMerge_ = 0;                 // the first of merges_ not yet in spanning_
  std::vector<rt::XlsxRange> spanning_;  // those that span the row at hand
  size_t keyColumn_ = 0;
  std::vector<size_t> blankLines_;
};

}  // namespace

void cutBlock(RawRecords& records, const LineBlock& block, std::vector<size_t>& blank) {
  std::string& text = records.text();
  size_t end = text.size() - rt::kJsonPadding;
  size_t number = block.firstLine;
  auto tooLong = block.tooLong.begin();
  std::string problem;
  for (size_t start = 0; start < end; ++number) {
    const char* lineEnd = static_cast<const char*>(std::memchr(text.data() + start, '\n', end - start));
    size_t stop = lineEnd != nullptr ? lineEnd - text.data() : end;
    std::string_view line(text.data() + start, stop - start);
    start = stop + 1;
    if (tooLong != block.tooLong.end() && *tooLong == number) {
      ++tooLong;
      RawRecord& record = records.addInPlace(line.data() - text.data(), 0);
      record.line = number;
      record.problem = tooLongProblem();
      continue;
    }
    if (!rt::trimJsonLine(line, number, problem)) {
      blank.push_back(number);
      continue;
    }
    RawRecord& record = records.addInPlace(line.data() - text.data(), line.size());
    record.line = number;
    record.problem = problem;
  }
}

std::string RecordSource::where(const std::string& inputName, size_t line, std::string_view) const {
  return fmt::format("{}:{}", inputName, line);
}

std::string inputFormatOf(const InputSpec& spec) {
  if (!spec.format.empty()) return spec.format;
  std::string extension = std::filesystem::path(spec.path).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".csv") return "csv";
  if (extension == ".xlsx") return "xlsx";
  return "jsonl";
}

std::unique_ptr<RecordSource> openRecordSource(const InputSpec& spec, const rt::RecordSchema& schema,
                                               std::string& problem) {
  std::string format = inputFormatOf(spec);
  if (format == "xlsx") {
    auto source = std::make_unique<XlsxSource>(schema);
    if (!source->open(spec, problem)) return nullptr;
    return source;
  }
  if (format == "csv") {
    auto source = std::make_unique<CsvSource>(schema);
    if (!source->open(spec, problem)) return nullptr;
    return source;
  }
  auto source = std::make_unique<JsonLinesSource>();
  if (!source->open(spec, problem)) return nullptr;
  return source;
}

}  // namespace zc
