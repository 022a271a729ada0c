#include <simdjson.h>

#include <algorithm>

#include "zc/csv.h"
#include "zc/results.h"
#include "zc/text_encoding.h"

namespace zc::rt {

namespace {

// A whole number as JSON writes one; anything else goes in quotes, for the
// reader to name it in its message ("expected a whole number, found …").
bool isJsonInteger(std::string_view cell) {
  std::string_view digits = cell.substr(cell.starts_with('-') ? 1 : 0);
  return !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
}

// Exactly one JSON array and nothing after it, so a cell can never add
// text of its own to the record's JSON (another field, say).
std::string checkListCell(std::string_view cell) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element element;
  if (auto error = parser.parse(cell.data(), cell.size()).get(element))
    return std::string("the cell is not one JSON list [ … ]: ") + simdjson::error_message(error);
  if (!element.is_array()) return "the cell is not a JSON list [ … ]";
  return "";
}

// A money amount as offices write it, digits grouped by thousands: 1,200 or
// 12,345,678.90. Only the exact grouping is read; 1,20 stays as it is, for
// the reader to refuse.
bool isGroupedNumber(std::string_view cell) {
  std::string_view digits = cell.substr(cell.starts_with('-') ? 1 : 0);
  size_t point = std::min(digits.find('.'), digits.size());
  std::string_view whole = digits.substr(0, point);
  if (whole.find(',') == std::string_view::npos || whole.front() == '0' || whole.front() == ',') return false;
  size_t first = whole.find(',');
  if (first > 3 || (whole.size() - first) % 4 != 0) return false;  // then groups of ",ddd" to the end
  for (size_t i = 0; i < whole.size(); ++i) {
    bool comma = (i - first) % 4 == 0 && i >= first;
    if (comma != (whole[i] == ',') || (!comma && (whole[i] < '0' || whole[i] > '9'))) return false;
  }
  return true;
}

// A quantity of 元 (元, 万元, 美元, 万美元): not a rate such as 元/平方米.
bool isMoney(const FieldSchema& field) {
  return field.kind == Kind::Dec && field.unit.ends_with("元") && field.unit.find('/') == std::string::npos;
}

}  // namespace

CsvRowToJson::CsvRowToJson(const RecordSchema& schema, const std::vector<std::string>& header) {
  for (const std::string& name : header) {
    Column column;
    appendJsonString(column.key, name);
    column.key += ": ";
    int index = schema.fieldIndex(name);
    if (index >= 0) column.field = &schema.fields[index];
    columns_.push_back(std::move(column));
  }
}

std::string CsvRowToJson::append(const std::vector<std::string>& cells, std::string& json) const {
  size_t start = json.size();
  json += '{';
  bool first = true;
  for (size_t i = 0; i < columns_.size() && i < cells.size(); ++i) {
    const std::string& cell = cells[i];
    if (cell.empty()) continue;
    const Column& column = columns_[i];
    if (!isUtf8(cell)) {
      json.resize(start);
      return (column.field != nullptr ? "field " + column.field->name : "column " + std::to_string(i + 1)) +
             ": the cell is not UTF-8 text; a file saved by Excel in China is GBK: say --encoding gbk";
    }
    if (!first) json += ", ";
    first = false;
    json += column.key;
    const FieldSchema* field = column.field;
    if (field == nullptr) {
      appendJsonString(json, cell);
      continue;
    }
    // 是/否 is how a form says yes and no.
    if (field->kind == Kind::Flag && (cell == "是" || cell == "否")) {
      json += cell == "是" ? "true" : "false";
      continue;
    }
    if (isMoney(*field) && isGroupedNumber(cell)) {
      json += '"';
      for (char c : cell)
        if (c != ',') json += c;
      json += '"';
      continue;
    }
    bool raw = field->kind == Kind::Flag && (cell == "true" || cell == "false");
    raw = raw || ((field->kind == Kind::Int || field->kind == Kind::Count) && isJsonInteger(cell));
    if (field->list) {
      if (std::string problem = checkListCell(cell); !problem.empty()) {
        json.resize(start);
        return problem.insert(0, "field " + field->name + ": ");
      }
      raw = true;
    }
    if (raw)
      json += cell;
    else
      appendJsonString(json, cell);
  }
  json += '}';
  return "";
}

}  // namespace zc::rt
