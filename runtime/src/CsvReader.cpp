#include "zc/csv.h"

#include "zc/results.h"

namespace zc::rt {

bool CsvReader::readRow(std::vector<std::string>& cells, size_t& line, std::string& error) {
  cells.clear();
  error.clear();
  std::string text;
  if (!std::getline(in_, text)) return false;
  line = ++line_;
  std::string cell;
  bool quoted = false;
  for (;;) {
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.push_back(std::move(cell));
        cell.clear();
      } else if (c != '\r' || i + 1 != text.size()) {
        cell += c;
      }
    }
    if (!quoted) break;
    // A quoted field goes on over the line break.
    if (!std::getline(in_, text)) {
      error = "a quoted field is not closed before the end of the file";
      break;
    }
    ++line_;
    cell += '\n';
  }
  cells.push_back(std::move(cell));
  return true;
}

std::string csvRowToJson(const RecordSchema& schema, const std::vector<std::string>& header,
                         const std::vector<std::string>& cells) {
  std::string out = "{";
  for (size_t i = 0; i < header.size() && i < cells.size(); ++i) {
    const std::string& cell = cells[i];
    if (cell.empty()) continue;
    int index = schema.fieldIndex(header[i]);
    if (out.size() > 1) out += ", ";
    out += jsonString(header[i]) + ": ";
    if (index < 0) {
      out += jsonString(cell);
      continue;
    }
    const FieldSchema& field = schema.fields[index];
    bool raw = field.list || ((field.kind == Kind::Flag) && (cell == "true" || cell == "false"));
    if (!raw && (field.kind == Kind::Int || field.kind == Kind::Count))
      raw = cell.find_first_not_of("-0123456789") == std::string::npos && cell != "-";
    out += raw ? cell : jsonString(cell);
  }
  return out + "}";
}

}  // namespace zc::rt
