#include <simdjson.h>

#include <string>

#include "FieldNames.h"
#include "zc/json_reader.h"

namespace zc::rt {

namespace od = simdjson::ondemand;

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING);

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// A JSON value as parseScalarText reads it: its text, and how JSON wrote it.
struct JsonScalar {
  std::string_view text;
  ScalarSyntax syntax;
};

// With its JSON type already known: each value is typed once.
JsonScalar scalarOf(od::value& value, od::json_type type) {
  switch (type) {
    case od::json_type::array:
      return {"a list", ScalarSyntax::JsonOther};
    case od::json_type::object:
      return {"an object", ScalarSyntax::JsonOther};
    case od::json_type::number:
      return {trim(value.raw_json_token()), ScalarSyntax::JsonNumber};
    case od::json_type::string: {
      std::string_view s;
      if (value.get_string().get(s)) return {"a string", ScalarSyntax::JsonOther};
      return {s, ScalarSyntax::JsonString};
    }
    case od::json_type::boolean: {
      // Typed by its first byte: tru is not a flag.
      std::string_view token = trim(value.raw_json_token());
      bool flag;
      if (value.get_bool().get(flag)) return {"something that is not JSON", ScalarSyntax::JsonOther};
      return {token, ScalarSyntax::JsonFlag};
    }
    case od::json_type::null:
      return {"null", ScalarSyntax::JsonOther};
  }
  return {"something else", ScalarSyntax::JsonOther};
}

JsonScalar scalarOf(od::value& value) {
  od::json_type type;
  if (value.type().get(type)) return {"something unreadable", ScalarSyntax::JsonOther};
  return scalarOf(value, type);
}

// simdjson types a value by its first byte, so "nul" is typed null: only a
// whole null is one.
enum class Nullness { NotNull, Null, Invalid };
Nullness nullness(od::value& value) {
  od::json_type type;
  if (value.type().get(type) || type != od::json_type::null) return Nullness::NotNull;
  bool isNull = false;
  return !value.is_null().get(isNull) && isNull ? Nullness::Null : Nullness::Invalid;
}

// Containers nested deeper than this (the record's own object is the first)
// are refused, with the message the library's reader gives: the walk below
// recurses once a level, and simdjson's on-demand parser does not bound it.
constexpr int kMaxDepth = 1024;

enum class JsonCheck { Valid, Invalid, TooDeep };

// Reads a value through to its end: on-demand parsing skips what it is not
// asked for without looking, and a field zc does not know must still be JSON.
// `depth`: the containers around the value.
JsonCheck checkJson(od::value value, int depth) {
  od::json_type type;
  if (value.type().get(type)) return JsonCheck::Invalid;
  bool container = type == od::json_type::array || type == od::json_type::object;
  if (container && depth >= kMaxDepth) return JsonCheck::TooDeep;
  switch (type) {
    case od::json_type::array: {
      od::array array;
      if (value.get_array().get(array)) return JsonCheck::Invalid;
      for (auto element : array) {
        od::value item;
        if (element.get(item)) return JsonCheck::Invalid;
        if (JsonCheck c = checkJson(item, depth + 1); c != JsonCheck::Valid) return c;
      }
      return JsonCheck::Valid;
    }
    case od::json_type::object: {
      od::object object;
      if (value.get_object().get(object)) return JsonCheck::Invalid;
      for (auto member : object) {
        std::string_view key;
        od::value item;
        if (member.unescaped_key(false).get(key) || member.value().get(item)) return JsonCheck::Invalid;
        if (JsonCheck c = checkJson(item, depth + 1); c != JsonCheck::Valid) return c;
      }
      return JsonCheck::Valid;
    }
    case od::json_type::number: {
      od::number number;
      return value.get_number().get(number) ? JsonCheck::Invalid : JsonCheck::Valid;
    }
    case od::json_type::string: {
      std::string_view text;
      return value.get_string().get(text) ? JsonCheck::Invalid : JsonCheck::Valid;
    }
    case od::json_type::boolean: {
      bool flag;
      return value.get_bool().get(flag) ? JsonCheck::Invalid : JsonCheck::Valid;
    }
    case od::json_type::null:
      return nullness(value) == Nullness::Null ? JsonCheck::Valid : JsonCheck::Invalid;
  }
  return JsonCheck::Invalid;
}

std::string describeJson(od::value& value) {
  JsonScalar scalar = scalarOf(value);
  return describeScalarText(scalar.text, scalar.syntax);
}

}  // namespace

struct JsonRecordReader::Impl {
  explicit Impl(const RecordSchema& s) : schema(s), names(s.fields) {}
  const RecordSchema& schema;
  FieldNames names;
  od::parser parser;
  std::string buffer;         // decode's copy of a record, with the padding
  std::vector<uint8_t> seen;  // per field: given in this record

  // The member's field, -1 for a key the schema does not know; false if the
  // key is not valid JSON. A key that spells a name is found where it lies;
  // any other is unescaped first. `end` bounds the record's text.
  bool fieldOf(od::field& member, const char* end, std::string_view& key, int& index) {
    const char* raw = member.key().raw();
    index = names.findRaw(raw, end);
    if (index >= 0) {
      key = schema.fields[index].name;
      return true;
    }
    if (member.unescaped_key(false).get(key)) return false;
    index = names.find(key);
    return true;
  }

  // Reads one scalar; returns an error message, or empty on success.
  // *absent is set for null, and for "" in an optional text, enum or date.
  std::string readScalar(const FieldSchema& field, od::value value, Scalar& out, bool* absent) {
    od::json_type type;
    if (value.type().get(type)) return "is not valid JSON";
    if (type == od::json_type::null) {
      *absent = nullness(value) == Nullness::Null;
      return *absent ? "" : "is not valid JSON";
    }
    JsonScalar scalar = scalarOf(value, type);
    return parseScalarText(field, scalar.text, scalar.syntax, out, absent);
  }

  std::string readRow(const FieldSchema& field, od::value value, SubRecord& row) {
    od::object object;
    if (value.get_object().get(object))
      return "expected an object with " + std::to_string(field.subFields.size()) + " fields";
    row.values.assign(field.subFields.size(), Scalar{});
    row.present.assign(field.subFields.size(), 0);
    for (auto member : object) {
      std::string_view key;
      if (member.unescaped_key(false).get(key)) return "is not valid JSON";
      size_t index = 0;
      while (index < field.subFields.size() && field.subFields[index].name != key) ++index;
      if (index == field.subFields.size()) return "has an unknown field \"" + std::string(key) + "\"";
      od::value sub;
      if (member.value().get(sub)) return "is not valid JSON";
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

  std::string readList(const FieldSchema& field, od::value value, FieldValue& out) {
    od::array array;
    if (value.get_array().get(array)) return "expected a list [ … ], found " + describeJson(value);
    size_t position = 0;
    for (auto element : array) {
      od::value item;
      if (element.get(item)) return "is not valid JSON";
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
};

JsonRecordReader::JsonRecordReader(const RecordSchema& schema) : impl_(std::make_unique<Impl>(schema)) {}
JsonRecordReader::~JsonRecordReader() = default;

DecodeOutcome JsonRecordReader::decode(std::string_view json, Record& out) {
  std::string& buffer = impl_->buffer;
  buffer.assign(json);
  buffer.append(kJsonPadding, '\0');
  return decodeInPlace(std::string_view(buffer.data(), json.size()), out);
}

std::string JsonRecordReader::decodeList(const FieldSchema& field, std::string_view json, FieldValue& out) {
  std::string& buffer = impl_->buffer;
  buffer.assign(json);
  buffer.append(kJsonPadding, '\0');
  od::document document;
  od::value value;
  if (impl_->parser.iterate(buffer.data(), json.size(), buffer.size()).get(document) || document.get_value().get(value))
    return "is not valid JSON";
  return impl_->readList(field, value, out);
}

DecodeOutcome JsonRecordReader::decodeInPlace(std::string_view json, Record& out) {
  const RecordSchema& schema = impl_->schema;
  DecodeOutcome outcome;
  // A field left out or given as null keeps its default.
  clearRecord(schema, out);
  // simdjson skips a byte order mark before a document; only the input's
  // first line may have one, and JSON Lines readers drop it there.
  if (json.starts_with(kUtf8ByteOrderMark)) {
    outcome.errors.push_back({"", "not a JSON object: a record is one {…} a line"});
    return outcome;
  }
  od::document document;
  od::object object;
  if (auto error = impl_->parser.iterate(json.data(), json.size(), json.size() + kJsonPadding).get(document)) {
    outcome.errors.push_back({"", std::string("invalid JSON: ") + simdjson::error_message(error)});
    return outcome;
  }
  if (auto error = document.get_object().get(object)) {
    outcome.errors.push_back({"", error == simdjson::INCORRECT_TYPE
                                      ? "not a JSON object: a record is one {…} a line"
                                      : std::string("invalid JSON: ") + simdjson::error_message(error)});
    return outcome;
  }
  std::vector<uint8_t>& seen = impl_->seen;
  seen.assign(schema.fields.size(), 0);
  const char* end = json.data() + json.size();
  for (auto result : object) {
    od::field member;
    std::string_view key;
    int index;
    if (std::move(result).get(member) || !impl_->fieldOf(member, end, key, index)) {
      outcome.errors.push_back({"", "invalid JSON"});
      return outcome;
    }
    od::value& value = member.value();
    if (index < 0) {
      outcome.unknownFields.emplace_back(key);
      JsonCheck check = checkJson(value, 1);
      if (check == JsonCheck::TooDeep) {
        outcome.errors.push_back({"", "invalid JSON: nested more than 1024 levels deep"});
        return outcome;
      }
      if (check == JsonCheck::Invalid) {
        outcome.errors.push_back(
            {std::string(key), "invalid JSON (the field is unknown, but its value must still be JSON)"});
        // The id, if it came before, still names the record in the message.
        if (schema.keyField >= 0 && out.fields[schema.keyField].present)
          outcome.id = formatScalar(schema.fields[schema.keyField], out.fields[schema.keyField].scalar);
        return outcome;
      }
      continue;
    }
    const FieldSchema& field = schema.fields[index];
    if (seen[index]) {
      outcome.errors.push_back({field.name, "is given twice"});
      continue;
    }
    seen[index] = 1;
    FieldValue& target = out.fields[index];
    // A null leaves the field absent.
    Nullness n = nullness(value);
    std::string problem;
    if (n == Nullness::Invalid) {
      problem = "is not valid JSON";
    } else if (n == Nullness::NotNull && field.list) {
      problem = impl_->readList(field, value, target);
      target.present = problem.empty();
    } else if (n == Nullness::NotNull) {
      bool absent = false;
      problem = impl_->readScalar(field, value, target.scalar, &absent);
      target.present = problem.empty() && !absent;
    }
    if (!problem.empty()) outcome.errors.push_back({field.name, problem});
  }
  const char* trailing;
  if (document.current_location().get(trailing) == simdjson::SUCCESS)
    outcome.errors.push_back({"", "invalid JSON: text after the object"});
  finishRecord(schema, out, outcome);
  return outcome;
}

}  // namespace zc::rt
