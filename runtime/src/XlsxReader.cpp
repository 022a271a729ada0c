// An .xlsx is a zip of XML parts (ECMA-376): xl/workbook.xml names the
// sheets, xl/_rels/workbook.xml.rels says which part holds each,
// xl/sharedStrings.xml holds the texts cells refer to by number, and each
// worksheet's <sheetData> holds rows of cells <c r="D3" t="…"><v>…</v></c>.
#include <expat.h>
#include <unzip.h>

#include <charconv>
#include <cstring>
#include <deque>
#include <functional>
#include <string_view>

#include "zc/runtime.h"
#include "zc/xlsx.h"

namespace zc::rt {

namespace {

// A hostile workbook (a zip bomb) is refused, not unpacked into memory.
constexpr uint64_t kMaxPartBytes = uint64_t{1} << 30;
constexpr size_t kMaxSharedStringBytes = size_t{256} << 20;
constexpr uint32_t kMaxColumns = 16384;  // XFD, Excel's last column
constexpr uint32_t kMaxRows = 1048576;

class Zip {
 public:
  ~Zip() {
    if (zip_ != nullptr) unzClose(zip_);
  }
  bool open(const std::string& path) {
    zip_ = unzOpen64(path.c_str());
    return zip_ != nullptr;
  }
  bool has(const std::string& name) { return unzLocateFile(zip_, name.c_str(), 1) == UNZ_OK; }
  // For a part read a chunk at a time, across calls (the sheet).
  unzFile handle() const { return zip_; }

  // Feeds the part's bytes to `chunk` as they are inflated; a message on failure.
  std::string read(const std::string& name, const std::function<bool(const char*, size_t, bool)>& chunk) {
    if (unzLocateFile(zip_, name.c_str(), 1) != UNZ_OK) return "the workbook has no part " + name;
    if (unzOpenCurrentFile(zip_) != UNZ_OK) return "the part " + name + " cannot be opened";
    std::vector<char> buffer(1 << 16);
    uint64_t total = 0;
    std::string problem;
    for (;;) {
      int count = unzReadCurrentFile(zip_, buffer.data(), static_cast<unsigned>(buffer.size()));
      if (count < 0) {
        problem = "the part " + name + " is damaged (zip error " + std::to_string(count) + ")";
        break;
      }
      total += count;
      if (total > kMaxPartBytes) {
        problem = "the part " + name + " unpacks to more than 1 GiB";
        break;
      }
      if (!chunk(buffer.data(), static_cast<size_t>(count), count == 0)) break;
      if (count == 0) break;
    }
    // A CRC mismatch is reported on close, after the last byte.
    if (unzCloseCurrentFile(zip_) == UNZ_CRCERROR && problem.empty())
      problem = "the part " + name + " fails its checksum";
    return problem;
  }

 private:
  unzFile zip_ = nullptr;
};

// Element names without their namespace: expat gives "uri|local".
std::string_view localName(const XML_Char* name) {
  std::string_view text(name);
  size_t bar = text.rfind('|');
  return bar == std::string_view::npos ? text : text.substr(bar + 1);
}

const XML_Char* attribute(const XML_Char** attributes, std::string_view wanted) {
  for (size_t i = 0; attributes[i] != nullptr; i += 2)
    if (localName(attributes[i]) == wanted) return attributes[i + 1];
  return nullptr;
}

// One XML part through expat, callbacks as std::functions: the parts other
// than the sheet are small and read once.
class XmlPart {
 public:
  std::function<void(std::string_view, const XML_Char**)> start;
  std::function<void(std::string_view)> end;
  std::function<void(std::string_view)> text;

  std::string parse(Zip& zip, const std::string& name) {
    XML_Parser parser = XML_ParserCreateNS(nullptr, '|');
    XML_SetUserData(parser, this);
    XML_SetElementHandler(
        parser,
        [](void* self, const XML_Char* element, const XML_Char** attributes) {
          auto* part = static_cast<XmlPart*>(self);
          if (part->start) part->start(localName(element), attributes);
        },
        [](void* self, const XML_Char* element) {
          auto* part = static_cast<XmlPart*>(self);
          if (part->end) part->end(localName(element));
        });
    XML_SetCharacterDataHandler(parser, [](void* self, const XML_Char* s, int length) {
      auto* part = static_cast<XmlPart*>(self);
      if (part->text) part->text(std::string_view(s, length));
    });
    std::string xmlProblem;
    std::string problem = zip.read(name, [&](const char* data, size_t size, bool last) {
      if (XML_Parse(parser, data, static_cast<int>(size), last) == XML_STATUS_OK) return true;
      xmlProblem = "the part " + name + " is not well-formed XML (line " +
                   std::to_string(XML_GetCurrentLineNumber(parser)) + "): " + XML_ErrorString(XML_GetErrorCode(parser));
      return false;
    });
    XML_ParserFree(parser);
    return problem.empty() ? xmlProblem : problem;
  }
};

// "D3" → column 3, row 3. False when it is no cell reference.
bool parseCellReference(std::string_view ref, uint32_t& column, uint32_t& row) {
  size_t i = 0;
  column = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    column = column * 26 + (ref[i] - 'A' + 1);
    if (column > kMaxColumns) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  --column;
  auto [end, error] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  return error == std::errc() && end == ref.data() + ref.size() && row >= 1 && row <= kMaxRows;
}

// A number as the sheet stores it, an exponent written out exactly from its
// digits: "1.5E-3" → "0.0015". Text that is no number is kept as it is, for
// the record reader to refuse by name.
std::string plainNumber(std::string_view text) {
  size_t e = text.find_first_of("eE");
  if (e == std::string_view::npos) return std::string(text);
  std::string_view mantissa = text.substr(0, e), power = text.substr(e + 1);
  if (power.starts_with('+')) power.remove_prefix(1);
  int exponent = 0;
  auto [end, error] = std::from_chars(power.data(), power.data() + power.size(), exponent);
  if (error != std::errc() || end != power.data() + power.size() || exponent > 400 || exponent < -400)
    return std::string(text);
  bool negative = mantissa.starts_with('-');
  if (negative) mantissa.remove_prefix(1);
  std::string digits;
  int point = -1;
  for (char c : mantissa) {
    if (c == '.' && point < 0)
      point = static_cast<int>(digits.size());
    else if (c >= '0' && c <= '9')
      digits += c;
    else
      return std::string(text);
  }
  if (digits.empty()) return std::string(text);
  if (point < 0) point = static_cast<int>(digits.size());
  point += exponent;
  if (point <= 0) digits.insert(0, static_cast<size_t>(1 - point), '0'), point = 1;
  if (point > static_cast<int>(digits.size())) digits.append(point - digits.size(), '0');
  std::string whole = digits.substr(0, point), fraction = digits.substr(point);
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  fraction.erase(fraction.find_last_not_of('0') + 1);
  std::string out = negative ? "-" : "";
  out += whole;
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

struct Workbook {
  Zip zip;
  bool date1904 = false;
  std::vector<std::string> sharedStrings;
  std::string sheetPart;  // xl/worksheets/sheet1.xml

  std::string open(const std::string& path, const std::string& sheet) {
    if (!zip.open(path)) return "is not an Excel workbook (.xlsx): it cannot be opened as a zip file";
    if (!zip.has("xl/workbook.xml")) return "is not an Excel workbook (.xlsx): it has no xl/workbook.xml";
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
    XmlPart workbook;
    workbook.start = [&](std::string_view element, const XML_Char** attributes) {
      if (element == "sheet") {
        const XML_Char* name = attribute(attributes, "name");
        const XML_Char* id = attribute(attributes, "id");
        if (name != nullptr && id != nullptr) sheets.emplace_back(name, id);
      } else if (element == "workbookPr") {
        const XML_Char* value = attribute(attributes, "date1904");
        date1904 = value != nullptr && (std::strcmp(value, "1") == 0 || std::strcmp(value, "true") == 0);
      }
    };
    if (std::string problem = workbook.parse(zip, "xl/workbook.xml"); !problem.empty()) return problem;
    if (sheets.empty()) return "the workbook has no sheet";
    const std::pair<std::string, std::string>* chosen = &sheets.front();
    if (!sheet.empty()) {
      chosen = nullptr;
      std::string names;
      for (const auto& s : sheets) {
        if (s.first == sheet) chosen = &s;
        names += (names.empty() ? "" : ", ") + s.first;
      }
      if (chosen == nullptr) return "the workbook has no sheet named " + sheet + " (its sheets: " + names + ")";
    }
    XmlPart relations;
    relations.start = [&](std::string_view element, const XML_Char** attributes) {
      const XML_Char* id = attribute(attributes, "Id");
      const XML_Char* target = attribute(attributes, "Target");
      if (element != "Relationship" || id == nullptr || target == nullptr || chosen->second != id) return;
      std::string_view to(target);
      sheetPart = to.starts_with('/') ? std::string(to.substr(1)) : "xl/" + std::string(to);
    };
    if (std::string problem = relations.parse(zip, "xl/_rels/workbook.xml.rels"); !problem.empty()) return problem;
    if (sheetPart.empty()) return "the workbook does not say where the sheet " + chosen->first + " is";
    return readSharedStrings();
  }

  // <si> holds a text in <t>, or runs <r><t>…</t></r>; <rPh> is a reading
  // aid (furigana) and not part of the text.
  std::string readSharedStrings() {
    if (!zip.has("xl/sharedStrings.xml")) return "";
    XmlPart strings;
    int phonetic = 0;
    bool inText = false;
    size_t bytes = 0;
    std::string problem;
    strings.start = [&](std::string_view element, const XML_Char**) {
      if (element == "si")
        sharedStrings.emplace_back();
      else if (element == "rPh")
        ++phonetic;
      else if (element == "t")
        inText = phonetic == 0 && !sharedStrings.empty();
    };
    strings.end = [&](std::string_view element) {
      if (element == "rPh")
        --phonetic;
      else if (element == "t")
        inText = false;
    };
    strings.text = [&](std::string_view text) {
      if (!inText) return;
      bytes += text.size();
      if (bytes > kMaxSharedStringBytes)
        problem = "the workbook's shared strings exceed 256 MiB";
      else
        sharedStrings.back().append(text);
    };
    std::string read = strings.parse(zip, "xl/sharedStrings.xml");
    return read.empty() ? problem : read;
  }
};

class Sheet : public XlsxSheet {
 public:
  std::string open(const std::string& path, const std::string& sheet) {
    if (std::string problem = book_.open(path, sheet); !problem.empty()) return problem;
    // <mergeCells> comes after <sheetData>: a first pass finds them, so every
    // row can be checked against them as it is read.
    XmlPart merges;
    merges.start = [&](std::string_view element, const XML_Char** attributes) {
      const XML_Char* ref = attribute(attributes, "ref");
      if (element != "mergeCell" || ref == nullptr) return;
      std::string_view range(ref);
      size_t colon = range.find(':');
      XlsxRange r;
      if (colon != std::string_view::npos && parseCellReference(range.substr(0, colon), r.firstColumn, r.firstRow) &&
          parseCellReference(range.substr(colon + 1), r.lastColumn, r.lastRow))
        merged_.push_back(r);
    };
    if (std::string problem = merges.parse(book_.zip, book_.sheetPart); !problem.empty()) return problem;
    return startRows();
  }

  bool next(XlsxRow& row, std::string& problem) override {
    while (rows_.empty() && !finished_) {
      if (!readMore(problem)) return false;
    }
    if (!problem_.empty()) {
      problem = problem_;
      return false;
    }
    if (rows_.empty()) return false;
    row = std::move(rows_.front());
    rows_.pop_front();
    return true;
  }
  const std::vector<XlsxRange>& merged() const override { return merged_; }
  bool date1904() const override { return book_.date1904; }

  ~Sheet() override {
    if (parser_ != nullptr) XML_ParserFree(parser_);
    if (opened_) unzCloseCurrentFile(zipHandle());
  }

 private:
  unzFile zipHandle();

  // The sheet is read in chunks through a push parser: each chunk's complete
  // rows wait in rows_ for next().
  std::string startRows();
  bool readMore(std::string& problem);

  void startElement(std::string_view element, const XML_Char** attributes);
  void endElement(std::string_view element);

  Workbook book_;
  std::vector<XlsxRange> merged_;
  XML_Parser parser_ = nullptr;
  bool opened_ = false, finished_ = false;
  std::vector<char> buffer_ = std::vector<char>(1 << 16);
  uint64_t total_ = 0;
  std::deque<XlsxRow> rows_;
  std::string problem_;
  // While parsing: the row and cell at hand.
  XlsxRow row_;
  bool inRow_ = false, inValue_ = false, inInline_ = false, hasValue_ = false, hasFormula_ = false;
  int phonetic_ = 0;
  uint32_t column_ = 0, nextColumn_ = 0, lastRow_ = 0;
  std::string type_, value_;
};

unzFile Sheet::zipHandle() { return book_.zip.handle(); }

std::string Sheet::startRows() {
  unzFile zip = zipHandle();
  if (unzLocateFile(zip, book_.sheetPart.c_str(), 1) != UNZ_OK) return "the workbook has no part " + book_.sheetPart;
  if (unzOpenCurrentFile(zip) != UNZ_OK) return "the part " + book_.sheetPart + " cannot be opened";
  opened_ = true;
  parser_ = XML_ParserCreateNS(nullptr, '|');
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(
      parser_,
      [](void* self, const XML_Char* element, const XML_Char** attributes) {
        static_cast<Sheet*>(self)->startElement(localName(element), attributes);
      },
      [](void* self, const XML_Char* element) { static_cast<Sheet*>(self)->endElement(localName(element)); });
  XML_SetCharacterDataHandler(parser_, [](void* self, const XML_Char* s, int length) {
    auto* sheet = static_cast<Sheet*>(self);
    if (sheet->inValue_ || (sheet->inInline_ && sheet->phonetic_ == 0)) sheet->value_.append(s, length);
  });
  return "";
}

bool Sheet::readMore(std::string& problem) {
  unzFile zip = zipHandle();
  int count = unzReadCurrentFile(zip, buffer_.data(), static_cast<unsigned>(buffer_.size()));
  if (count < 0)
    problem_ = "the part " + book_.sheetPart + " is damaged (zip error " + std::to_string(count) + ")";
  else if ((total_ += count) > kMaxPartBytes)
    problem_ = "the part " + book_.sheetPart + " unpacks to more than 1 GiB";
  else if (XML_Parse(parser_, buffer_.data(), count, count == 0) != XML_STATUS_OK)
    problem_ = "the sheet is not well-formed XML (line " + std::to_string(XML_GetCurrentLineNumber(parser_)) +
               "): " + XML_ErrorString(XML_GetErrorCode(parser_));
  if (count == 0 && problem_.empty() && unzCloseCurrentFile(zip) == UNZ_CRCERROR)
    problem_ = "the part " + book_.sheetPart + " fails its checksum";
  if (count == 0) opened_ = false;
  if (!problem_.empty()) {
    // The rows before the damage are still given.
    finished_ = true;
    if (rows_.empty()) {
      problem = problem_;
      return false;
    }
    return true;
  }
  finished_ = count == 0;
  return true;
}

void Sheet::startElement(std::string_view element, const XML_Char** attributes) {
  if (element == "row") {
    inRow_ = true;
    row_.cells.clear();
    const XML_Char* r = attribute(attributes, "r");
    uint32_t number = lastRow_ + 1;
    if (r != nullptr) std::from_chars(r, r + std::strlen(r), number);
    row_.number = number;
    lastRow_ = number;
    nextColumn_ = 0;
  } else if (element == "c" && inRow_) {
    const XML_Char* ref = attribute(attributes, "r");
    const XML_Char* type = attribute(attributes, "t");
    uint32_t column = nextColumn_, row;
    if (ref != nullptr && !parseCellReference(ref, column, row)) column = nextColumn_;
    column_ = std::min(column, kMaxColumns - 1);
    nextColumn_ = column_ + 1;
    type_ = type != nullptr ? type : "n";
    value_.clear();
    hasValue_ = hasFormula_ = false;
  } else if (element == "v") {
    inValue_ = true;
    hasValue_ = true;
  } else if (element == "f") {
    hasFormula_ = true;
  } else if (element == "is") {
    inInline_ = true;
    hasValue_ = true;
  } else if (element == "rPh") {
    ++phonetic_;
  }
}

void Sheet::endElement(std::string_view element) {
  if (element == "v") {
    inValue_ = false;
  } else if (element == "is") {
    inInline_ = false;
  } else if (element == "rPh") {
    --phonetic_;
  } else if (element == "c" && inRow_) {
    XlsxCell cell;
    // A formula never calculated may still have an empty <v/> (openpyxl writes one).
    bool textResult = type_ == "str" || type_ == "inlineStr";
    if (!hasValue_ || (value_.empty() && !textResult)) {
      cell.type = hasFormula_ ? XlsxCell::Type::NoValue : XlsxCell::Type::Empty;
    } else if (type_ == "s") {
      size_t index = 0;
      auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      cell.type = XlsxCell::Type::Text;
      if (error == std::errc() && index < book_.sharedStrings.size())
        cell.text = book_.sharedStrings[index];
      else
        cell.type = XlsxCell::Type::Error,
        cell.text = "a reference to shared string " + value_ + ", which the workbook does not have";
    } else if (type_ == "str" || type_ == "inlineStr" || type_ == "d") {
      cell.type = XlsxCell::Type::Text;
      cell.text = std::move(value_);
    } else if (type_ == "b") {
      cell.type = XlsxCell::Type::Flag;
      cell.text = value_ == "1" ? "true" : "false";
    } else if (type_ == "e") {
      cell.type = XlsxCell::Type::Error;
      cell.text = std::move(value_);
    } else {
      cell.type = XlsxCell::Type::Number;
      cell.text = plainNumber(value_);
    }
    if (cell.type != XlsxCell::Type::Empty) {
      if (row_.cells.size() <= column_) row_.cells.resize(column_ + 1);
      row_.cells[column_] = std::move(cell);
    }
  } else if (element == "row") {
    inRow_ = false;
    if (!row_.cells.empty()) rows_.push_back(std::move(row_));
    row_ = XlsxRow{};
  }
}

}  // namespace

std::string xlsxColumnName(uint32_t column) {
  std::string name;
  for (uint64_t n = uint64_t{column} + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), char('A' + (n - 1) % 26));
  return name;
}

std::string xlsxSerialToDate(const std::string& serial, bool date1904) {
  int64_t days = 0;
  auto [end, error] = std::from_chars(serial.data(), serial.data() + serial.size(), days);
  if (error != std::errc() || end != serial.data() + serial.size()) return "";
  zc_date origin;
  // The 1900 system counts a 29 February 1900 that never was (as Lotus 1-2-3
  // did): day 61 is 1 March 1900, so from there day n is 1899-12-30 + n.
  if (date1904)
    zc_date_make(1904, 1, 1, &origin);
  else if (days >= 61)
    zc_date_make(1899, 12, 30, &origin);
  else
    return "";
  zc_date last;
  zc_date_make(9999, 12, 31, &last);
  if (days < 0 || days > int64_t{last} - origin) return "";
  char text[16];
  zc_date_format(static_cast<zc_date>(origin + days), text);
  return text;
}

std::unique_ptr<XlsxSheet> openXlsxSheet(const std::string& path, const std::string& sheet, std::string& problem) {
  auto opened = std::make_unique<Sheet>();
  problem = opened->open(path, sheet);
  if (!problem.empty()) return nullptr;
  return opened;
}

}  // namespace zc::rt
