#include <simdjson.h>

#include "zc/csv.h"
#include "zc/results.h"

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
    if (!first) json += ", ";
    first = false;
    json += column.key;
    const FieldSchema* field = column.field;
    if (field == nullptr) {
      appendJsonString(json, cell);
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
    if (raw) json += cell;
    else appendJsonString(json, cell);
  }
  json += '}';
  return "";
}

}  // namespace zc::rt
