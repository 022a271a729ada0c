#include <simdjson.h>

#include <algorithm>
#include <cstring>

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

// A scalar field's cell as the row's JSON writes it: its text and syntax.
struct CellScalar {
  std::string_view text;
  ScalarSyntax syntax;
};

// `scratch` holds the text where it is not the cell's own.
CellScalar cellScalar(const FieldSchema& field, std::string_view cell, std::string& scratch) {
  // 是/否 is how a form says yes and no.
  if (field.kind == Kind::Flag && (cell == "是" || cell == "否"))
    return {cell == "是" ? "true" : "false", ScalarSyntax::JsonFlag};
  if (isMoney(field) && isGroupedNumber(cell)) {
    scratch.clear();
    for (char c : cell)
      if (c != ',') scratch += c;
    return {scratch, ScalarSyntax::JsonString};
  }
  if (field.kind == Kind::Flag && (cell == "true" || cell == "false")) return {cell, ScalarSyntax::JsonFlag};
  if ((field.kind == Kind::Int || field.kind == Kind::Count) && isJsonInteger(cell))
    return {cell, ScalarSyntax::JsonNumber};
  return {cell, ScalarSyntax::JsonString};
}

// Most cells are: then they are UTF-8 without asking simdjson, whose call
// costs more than the test for a cell of a few bytes.
bool isAscii(std::string_view cell) {
  uint64_t bits = 0;
  size_t i = 0;
  for (; i + 8 <= cell.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, cell.data() + i, sizeof word);
    bits |= word;
  }
  for (; i < cell.size(); ++i) bits |= static_cast<unsigned char>(cell[i]);
  return (bits & 0x8080808080808080u) == 0;
}

// Brackets enough to nest past simdjson's depth limit, perhaps.
bool nested(std::string_view cell) {
  return std::count(cell.begin(), cell.end(), '[') + std::count(cell.begin(), cell.end(), '{') > 64;
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
  std::string scratch;
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
    if (field->list) {
      if (std::string problem = checkListCell(cell); !problem.empty()) {
        json.resize(start);
        return problem.insert(0, "field " + field->name + ": ");
      }
      json += cell;
      continue;
    }
    CellScalar scalar = cellScalar(*field, cell, scratch);
    if (scalar.syntax == ScalarSyntax::JsonString)
      appendJsonString(json, scalar.text);
    else
      json += scalar.text;
  }
  json += '}';
  return "";
}

void appendCell(std::string& row, std::string_view cell) {
  uint32_t size = static_cast<uint32_t>(cell.size());
  row.append(reinterpret_cast<const char*>(&size), sizeof size);
  row.append(cell);
}

void appendCells(std::string& row, const std::vector<std::string_view>& cells) {
  size_t bytes = 0;
  for (std::string_view cell : cells) bytes += sizeof(uint32_t) + cell.size();
  size_t at = row.size();
  row.resize(at + bytes);
  char* out = row.data() + at;
  for (std::string_view cell : cells) {
    uint32_t size = static_cast<uint32_t>(cell.size());
    std::memcpy(out, &size, sizeof size);
    std::memcpy(out + sizeof size, cell.data(), cell.size());
    out += sizeof size + cell.size();
  }
}

struct CellRecordReader::Impl {
  Impl(const RecordSchema& schema, const std::vector<std::string>& header)
      : schema(schema), header(header), toJson(schema, header), json(schema) {
    keyColumn = header.size();
    for (size_t i = 0; i < header.size(); ++i) {
      int index = schema.fieldIndex(header[i]);
      fields.push_back(index);
      validName.push_back(simdjson::validate_utf8(header[i].data(), header[i].size()));
      if (index >= 0 && index == schema.keyField) keyColumn = i;
    }
  }

  // The row's cells, where they lie in it.
  void split(std::string_view row) {
    cells.clear();
    while (row.size() >= sizeof(uint32_t)) {
      uint32_t size;
      std::memcpy(&size, row.data(), sizeof size);
      cells.push_back(row.substr(sizeof size, size));
      row.remove_prefix(std::min(row.size(), sizeof size + size));
    }
  }

  // The row as CSV input read every row before: its JSON, decoded.
  DecodeOutcome throughJson(Record& out, std::string& problem, std::string& id) {
    owned.assign(cells.begin(), cells.end());
    text.clear();
    problem = toJson.append(owned, text);
    if (problem.empty()) return json.decode(text, out);
    if (keyColumn < owned.size()) id = owned[keyColumn];
    return {};
  }

  const RecordSchema& schema;
  std::vector<std::string> header;
  std::vector<int> fields;         // per column, the field's index, -1 for a name the schema does not know
  std::vector<uint8_t> validName;  // per column, whether its name is UTF-8 as simdjson reads it
  size_t keyColumn;                // header.size() when no column holds the key
  CsvRowToJson toJson;
  JsonRecordReader json;
  std::vector<std::string_view> cells;
  std::vector<std::string> owned;
  std::string text, scratch;
};

CellRecordReader::CellRecordReader(const RecordSchema& schema, const std::vector<std::string>& header)
    : impl_(std::make_unique<Impl>(schema, header)) {}
CellRecordReader::~CellRecordReader() = default;

DecodeOutcome CellRecordReader::decode(std::string_view row, Record& out, std::string& problem, std::string& id) {
  Impl& impl = *impl_;
  problem.clear();
  id.clear();
  impl.split(row);
  DecodeOutcome outcome;
  clearRecord(impl.schema, out);
  for (size_t i = 0; i < impl.cells.size() && i < impl.fields.size(); ++i) {
    std::string_view cell = impl.cells[i];
    if (cell.empty()) continue;
    int index = impl.fields[i];
    const FieldSchema* field = index >= 0 ? &impl.schema.fields[index] : nullptr;
    // A cell the JSON could not hold goes that way, which gives the row's
    // problem or the JSON's error: text that is not UTF-8 (simdjson's test
    // is stricter than isUtf8), a list that is not one JSON list, or one
    // with so many brackets that the record around it could pass simdjson's
    // depth limit.
    if (!(isAscii(cell) || simdjson::validate_utf8(cell.data(), cell.size())) || !impl.validName[i] ||
        (field != nullptr && field->list && (!checkListCell(cell).empty() || nested(cell))))
      return impl.throughJson(out, problem, id);
    if (field == nullptr) {
      outcome.unknownFields.push_back(impl.header[i]);
      continue;
    }
    FieldValue& target = out.fields[index];
    Problem problem;
    if (field->list) {
      problem = impl.json.decodeList(*field, cell, target);
      target.present = problem.empty();
    } else {
      CellScalar scalar = cellScalar(*field, cell, impl.scratch);
      bool absent = false;
      problem = parseScalarText(*field, scalar.text, scalar.syntax, target.scalar, &absent);
      target.present = problem.empty() && !absent;
    }
    if (!problem.empty()) outcome.errors.push_back({field->name, std::move(problem)});
  }
  finishRecord(impl.schema, out, outcome);
  return outcome;
}

}  // namespace zc::rt
