#include <csv.h>

#include <algorithm>
#include <deque>
#include <string_view>

#include "zc/csv.h"

namespace zc::rt {

namespace {

struct Line {
  size_t number;
  std::string text;  // without its LF, or the CR of a CRLF
};

// Cells are kept byte for byte: no space around a cell is dropped, so a
// space before or after a quoted cell is an error, not a guess.
int noSpace(unsigned char) { return 0; }

bool isBlank(std::string_view text) { return text.find_first_not_of(" \t") == std::string_view::npos; }

}  // namespace

// libcsv is given one line at a time, so a row is always known by its lines:
// when it turns out malformed, the lines after its first are read again as
// rows of their own.
struct CsvReader::Impl {
  explicit Impl(std::istream& input) : in(input) { reset(); }
  ~Impl() { csv_free(&parser); }

  void reset() {
    if (initialised) csv_free(&parser);
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_space_func(&parser, noSpace);
    // libcsv grows a cell's buffer by this much at a time (128 bytes by
    // default): a long cell then costs a realloc per 128 bytes, quadratic
    // where realloc copies.
    csv_set_blk_size(&parser, 1 << 16);
    initialised = true;
  }

  bool nextLine(Line& line) {
    if (!replay.empty()) {
      line = std::move(replay.front());
      replay.pop_front();
      return true;
    }
    if (!std::getline(in, line.text)) return false;
    line.number = ++linesRead;
    if (line.number == 1 && line.text.starts_with(kUtf8ByteOrderMark)) line.text.erase(0, kUtf8ByteOrderMark.size());
    if (line.text.ends_with('\r')) line.text.pop_back();
    return true;
  }

  // Cells are written over the strings of the row before, keeping their
  // memory: most rows of a file have as many cells.
  static void addCell(void* text, size_t size, void* self) {
    auto* impl = static_cast<Impl*>(self);
    if (impl->cellCount < impl->cells->size())
      (*impl->cells)[impl->cellCount].assign(static_cast<const char*>(text), size);
    else
      impl->cells->emplace_back(static_cast<const char*>(text), size);
    ++impl->cellCount;
  }
  static void endRow(int terminator, void* self) {
    auto* impl = static_cast<Impl*>(self);
    impl->rowEnded = true;
    // CRLF's CR is gone before libcsv sees a line: a CR that ends a row is a lone one.
    impl->loneCr = impl->loneCr || terminator == '\r';
  }

  // A line without CR whose quoted cells all close on it is a row of its
  // own: its cells are found here, as libcsv would read them, where they
  // lie in the line (or, a quoted cell with "" in it, in `unquoted`),
  // without libcsv's copying byte by byte. Anything else (a cell going on to
  // the next line, a malformed quote) is left to libcsv, which says what is
  // wrong.
  bool splitLine(std::string_view text, std::vector<std::string_view>& views) {
    if (text.size() >= kMaxRowBytes || text.find('\r') != std::string_view::npos) return false;
    views.clear();
    unquoted.clear();
    unquoted.reserve(text.size());  // never reallocated below, so the views into it stay
    for (;;) {
      if (!text.starts_with('"')) {
        // Most cells are a few bytes: one pass over them, not a memchr for each character.
        size_t end = 0;
        while (end < text.size() && text[end] != ',') {
          if (text[end] == '"') return false;
          ++end;
        }
        views.push_back(text.substr(0, end));
        if (end == text.size()) return true;
        text.remove_prefix(end + 1);
        continue;
      }
      size_t quote = text.find('"', 1);
      if (quote == std::string_view::npos) return false;
      if (quote + 1 < text.size() && text[quote + 1] == '"') {
        size_t start = unquoted.size(), from = 1;
        for (;;) {
          unquoted.append(text.substr(from, quote - from));
          if (quote + 1 == text.size() || text[quote + 1] != '"') break;
          unquoted += '"';
          from = quote + 2;
          quote = text.find('"', from);
          if (quote == std::string_view::npos) return false;
        }
        views.push_back(std::string_view(unquoted).substr(start));
      } else {
        views.push_back(text.substr(1, quote - 1));
      }
      text.remove_prefix(quote + 1);
      if (text.empty()) return true;
      if (text.front() != ',') return false;
      text.remove_prefix(1);
      if (text.empty()) {
        views.push_back(text);
        return true;
      }
    }
  }

  // The row of `rowLines` is malformed: it is reported at its first line, and
  // the lines after that are read again.
  void abandonRow(std::string message, size_t& line, std::string& error) {
    line = rowLines.front().number;
    error = std::move(message);
    cellCount = 0;
    for (size_t i = rowLines.size(); i-- > 1;) replay.push_front(std::move(rowLines[i]));
    rowLines.clear();
    reset();
  }

  // Where in the row a problem found at `lineNumber` is.
  std::string where(size_t lineNumber) const {
    std::string text = "cell " + std::to_string(cellCount + 1);
    if (lineNumber != rowLines.front().number) text += " (line " + std::to_string(lineNumber) + ")";
    return text;
  }

  std::istream& in;
  csv_parser parser{};
  bool initialised = false;
  size_t linesRead = 0;
  std::deque<Line> replay;
  std::vector<Line> rowLines;
  size_t rowBytes = 0;
  std::vector<size_t> blankLines;
  std::string text;                // the line libcsv is given, with its LF
  Line next;                       // the line read last
  std::string unquoted;            // the quoted cells of a line splitLine split that hold ""
  bool split = false;              // the row read last was split by splitLine, not libcsv
  std::vector<std::string> owned;  // libcsv's cells
  // Set by the callbacks while a line is parsed.
  std::vector<std::string>* cells = nullptr;
  size_t cellCount = 0;
  bool rowEnded = false;
  bool loneCr = false;
};

CsvReader::CsvReader(std::istream& in) : impl_(std::make_unique<Impl>(in)) {}
CsvReader::~CsvReader() = default;

const std::vector<size_t>& CsvReader::blankLines() const { return impl_->blankLines; }

bool CsvReader::readRow(std::vector<std::string>& cells, size_t& line, std::string& error) {
  std::vector<std::string_view> views;
  bool read = readRow(views, line, error);
  cells.assign(views.begin(), views.end());
  return read;
}

bool CsvReader::readRow(std::vector<std::string_view>& cells, size_t& line, std::string& error) {
  Impl& impl = *impl_;
  if (!readCells(cells, line, error)) return false;
  if (!impl.split) cells.assign(impl.owned.begin(), impl.owned.begin() + impl.cellCount);
  return true;
}

bool CsvReader::readCells(std::vector<std::string_view>& views, size_t& line, std::string& error) {
  Impl& impl = *impl_;
  error.clear();
  impl.cells = &impl.owned;
  impl.cellCount = 0;
  impl.rowLines.clear();
  impl.rowBytes = 0;
  impl.rowEnded = impl.loneCr = false;
  impl.split = false;
  Line& next = impl.next;
  for (;;) {
    if (!impl.nextLine(next)) {
      if (impl.rowLines.empty()) return false;
      // The input ended inside a quoted cell.
      if (csv_fini(&impl.parser, Impl::addCell, Impl::endRow, &impl) != 0) {
        impl.abandonRow(
            impl.where(impl.rowLines.front().number) + ": a quoted cell is not closed before the end of the file", line,
            error);
        return true;
      }
      break;
    }
    if (impl.rowLines.empty() && isBlank(next.text)) {
      impl.blankLines.push_back(next.number);
      continue;
    }
    if (impl.rowLines.empty() && impl.splitLine(next.text, views)) {
      impl.split = true;
      line = next.number;
      return true;
    }
    impl.rowBytes += next.text.size() + 1;
    impl.rowLines.push_back(std::move(next));
    const Line& current = impl.rowLines.back();
    if (impl.rowBytes > kMaxRowBytes) {
      impl.abandonRow("the row is longer than 16 MiB; is a quoted cell never closed?", line, error);
      return true;
    }
    std::string& text = impl.text;
    text.assign(current.text);
    text += '\n';
    size_t parsed = csv_parse(&impl.parser, text.data(), text.size(), Impl::addCell, Impl::endRow, &impl);
    if (parsed < text.size() && csv_error(&impl.parser) != CSV_EPARSE) {
      impl.abandonRow(std::string("the row cannot be read: ") + csv_strerror(csv_error(&impl.parser)), line, error);
      return true;
    }
    if (parsed < text.size()) {
      bool strayQuote = text[parsed] == '"' && !impl.parser.quoted;
      impl.abandonRow(impl.where(current.number) +
                          (strayQuote ? ": a \" inside a cell that does not begin with one; quote the whole cell and "
                                        "write each \" in it as \"\""
                                      : ": text after the closing quote; a \" inside a quoted cell is written \"\""),
                      line, error);
      return true;
    }
    if (impl.loneCr) {
      impl.abandonRow("line " + std::to_string(current.number) +
                          " holds a lone carriage return (CR) outside quotes; lines end in LF or CRLF "
                          "(convert old Mac line ends with tr '\\r' '\\n')",
                      line, error);
      return true;
    }
    if (impl.rowEnded) break;
  }
  line = impl.rowLines.front().number;
  return true;
}

}  // namespace zc::rt
