// rt::JsonRecordReader for compiled libraries, which cannot link Debian's
// shared simdjson: the same checks and messages as runtime/src/JsonRecordReader.cpp,
// over a rapidjson parse that keeps every number's text.
#include "zc/json_reader.h"

#include <unordered_map>

#include "JsonTree.h"

namespace zc::rt {

using library::JsonNode;

namespace {

// A JSON value as parseScalarText reads it: its text, and how JSON wrote it.
struct JsonScalar {
  std::string_view text;
  ScalarSyntax syntax;
};

JsonScalar scalarOf(const JsonNode& value) {
  switch (value.type) {
    case JsonNode::Type::Array: return {"a list", ScalarSyntax::JsonOther};
    case JsonNode::Type::Object: return {"an object", ScalarSyntax::JsonOther};
    case JsonNode::Type::Number: return {value.text, ScalarSyntax::JsonNumber};
    case JsonNode::Type::String: return {value.text, ScalarSyntax::JsonString};
    case JsonNode::Type::Flag: return {value.text, ScalarSyntax::JsonFlag};
    case JsonNode::Type::Null: return {"null", ScalarSyntax::JsonOther};
  }
  return {"something else", ScalarSyntax::JsonOther};
}

std::string describeJson(const JsonNode& value) {
  JsonScalar scalar = scalarOf(value);
  return describeScalarText(scalar.text, scalar.syntax);
}

// Reads one scalar; returns an error message, or empty on success.
// *absent is set for null, and for "" in an optional text, enum or date.
std::string readScalar(const FieldSchema& field, const JsonNode& value, Scalar& out, bool* absent) {
  if (value.type == JsonNode::Type::Null) {
    *absent = true;
    return "";
  }
  JsonScalar scalar = scalarOf(value);
  return parseScalarText(field, scalar.text, scalar.syntax, out, absent);
}

std::string readRow(const FieldSchema& field, const JsonNode& value, SubRecord& row) {
  if (value.type != JsonNode::Type::Object)
    return "expected an object with " + std::to_string(field.subFields.size()) + " fields";
  row.values.assign(field.subFields.size(), Scalar{});
  row.present.assign(field.subFields.size(), 0);
  for (const auto& [key, sub] : value.members) {
    size_t index = 0;
    while (index < field.subFields.size() && field.subFields[index].name != key) ++index;
    if (index == field.subFields.size()) return "has an unknown field \"" + key + "\"";
    bool absent = false;
    std::string problem = readScalar(field.subFields[index], sub, row.values[index], &absent);
    if (!problem.empty()) return field.subFields[index].name + ": " + problem;
    row.present[index] = !absent;
  }
  // A sub-field not given takes its default; an optional one stays absent.
  for (size_t i = 0; i < row.present.size(); ++i) {
    if (row.present[i]) continue;
    if (field.subFields[i].required) return "lacks the field " + field.subFields[i].name;
    row.values[i] = field.subFields[i].defaultValue;
    row.present[i] = !field.subFields[i].optional;
  }
  return "";
}

std::string readList(const FieldSchema& field, const JsonNode& value, FieldValue& out) {
  if (value.type != JsonNode::Type::Array) return "expected a list [ … ], found " + describeJson(value);
  size_t position = 0;
  for (const JsonNode& item : value.items) {
    std::string problem;
    if (field.kind == Kind::Record) {
      out.rows.emplace_back();
      problem = readRow(field, item, out.rows.back());
    } else {
      bool absent = false;
      out.list.emplace_back();
      problem = readScalar(field, item, out.list.back(), &absent);
      if (problem.empty() && absent) problem = "a list holds no null or empty entries";
    }
    if (!problem.empty()) return "entry " + std::to_string(position + 1) + ": " + problem;
    ++position;
  }
  return repeatedKey(field, out);
}

// A line that does not parse, worded as zc run's reader (simdjson, which
// reads a value only when it is asked for) words it: a line that is not an
// object says so; a bad value names its field, and the id read before it.
void describeFailedParse(const RecordSchema& schema, const std::unordered_map<std::string_view, int>& index,
                         const JsonNode& document, std::string_view json, const library::JsonParse& parsed,
                         DecodeOutcome& outcome) {
  size_t first = json.find_first_not_of(" \t");
  if (first == std::string_view::npos || json[first] != '{') {
    outcome.errors.push_back({"", "not a JSON object: a record is one {…} a line"});
    return;
  }
  if (!parsed.failedInMember) {
    outcome.errors.push_back({"", parsed.error});
    return;
  }
  if (schema.keyField >= 0) {
    const FieldSchema& key = schema.fields[schema.keyField];
    for (const auto& member : document.members) {
      Scalar id;
      bool absent = false;
      if (member.key == key.name && member.key != parsed.failedKey && readScalar(key, member.value, id, &absent).empty() && !absent)
        outcome.id = formatScalar(key, id);
    }
  }
  auto found = index.find(parsed.failedKey);
  if (found == index.end()) {
    outcome.errors.push_back({parsed.failedKey, "invalid JSON (the field is unknown, but its value must still be JSON)"});
    return;
  }
  const FieldSchema& field = schema.fields[found->second];
  std::string_view value = parsed.failedValue;
  std::string problem = "is not valid JSON";
  if (field.list && value.starts_with('[')) {
    size_t entries = !document.members.empty() && document.members.back().key == field.name
                         ? document.members.back().value.items.size() : 0;
    problem = "entry " + std::to_string(entries + 1) + ": is not valid JSON";
  } else if (!field.list && !value.empty() && std::string_view("-+.0123456789").find(value[0]) != std::string_view::npos) {
    Scalar ignored;
    bool absent = false;
    std::string number = parseScalarText(field, value, ScalarSyntax::JsonNumber, ignored, &absent);
    if (!number.empty()) problem = number;
  } else if (!field.list && !value.starts_with('n')) {
    Scalar ignored;
    bool absent = false;
    problem = parseScalarText(field, "something that is not JSON", ScalarSyntax::JsonOther, ignored, &absent);
  }
  outcome.errors.push_back({field.name, problem});
}

}  // namespace

struct JsonRecordReader::Impl {
  explicit Impl(const RecordSchema& s) : schema(s) {
    for (size_t i = 0; i < s.fields.size(); ++i) index.emplace(s.fields[i].name, static_cast<int>(i));
  }
  const RecordSchema& schema;
  std::unordered_map<std::string_view, int> index;  // field name → position
  JsonNode document;
};

JsonRecordReader::JsonRecordReader(const RecordSchema& schema) : impl_(std::make_unique<Impl>(schema)) {}
JsonRecordReader::~JsonRecordReader() = default;

// rapidjson reads the text where it is: there is no copy to save.
DecodeOutcome JsonRecordReader::decodeInPlace(std::string_view json, Record& out) { return decode(json, out); }

DecodeOutcome JsonRecordReader::decode(std::string_view json, Record& out) {
  const RecordSchema& schema = impl_->schema;
  DecodeOutcome outcome;
  out.fields.assign(schema.fields.size(), FieldValue{});
  for (size_t i = 0; i < schema.fields.size(); ++i)
    if (!schema.fields[i].optional && !schema.fields[i].list) out.fields[i].scalar = schema.fields[i].defaultValue;
  out.id.clear();
  JsonNode& document = impl_->document;
  library::JsonParse parsed = library::parseJson(json, document);
  if (!parsed.ok) {
    describeFailedParse(schema, impl_->index, document, json, parsed, outcome);
    return outcome;
  }
  if (document.type != JsonNode::Type::Object) {
    outcome.errors.push_back({"", "not a JSON object: a record is one {…} a line"});
    return outcome;
  }
  std::vector<bool> seen(schema.fields.size());
  for (const auto& [key, value] : document.members) {
    auto found = impl_->index.find(key);
    if (found == impl_->index.end()) {
      outcome.unknownFields.push_back(key);
      continue;
    }
    int index = found->second;
    const FieldSchema& field = schema.fields[index];
    if (seen[index]) {
      outcome.errors.push_back({field.name, "is given twice"});
      continue;
    }
    seen[index] = true;
    FieldValue& target = out.fields[index];
    bool isNull = value.type == JsonNode::Type::Null;
    std::string problem;
    if (field.list && !isNull) {
      problem = readList(field, value, target);
      target.present = problem.empty();
    } else if (!field.list) {
      bool absent = false;
      problem = readScalar(field, value, target.scalar, &absent);
      target.present = problem.empty() && !absent;
    }
    if (!problem.empty()) outcome.errors.push_back({field.name, problem});
  }
  if (parsed.trailing) outcome.errors.push_back({"", "invalid JSON: text after the object"});
  finishRecord(schema, out, outcome);
  return outcome;
}

}  // namespace zc::rt
