#include <simdjson.h>

#include <string>

#include "FieldNames.h"
#include "zc/columnar.h"
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
      return {"a list", ScalarSyntax::JsonList};
    case od::json_type::object:
      return {"an object", ScalarSyntax::JsonObject};
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
      return {"null", ScalarSyntax::JsonNull};
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

// Where a record's values go as they are typed. Into a Record, for the
// interpreter (and whoever reads the record after: a 资金池's order, --explain):
class RecordTarget {
 public:
  RecordTarget(const RecordSchema& schema, Record& out) : schema_(schema), out_(out) {}
  // A field left out or given as null keeps its default.
  void begin() { clearRecord(schema_, out_); }
  Scalar& scalar(int field) { return out_.fields[field].scalar; }
  void setScalar(int field, bool present) { out_.fields[field].present = present; }
  FieldValue& list(int field) { return out_.fields[field]; }
  void setList(int field, bool present) { out_.fields[field].present = present; }
  const Scalar* key() const {
    return schema_.keyField >= 0 && out_.fields[schema_.keyField].present ? &out_.fields[schema_.keyField].scalar
                                                                          : nullptr;
  }
  void finish(DecodeOutcome& outcome) { finishRecord(schema_, out_, outcome); }
  void abandon() {}

 private:
  const RecordSchema& schema_;
  Record& out_;
};

// Or straight into a columnar batch's next row, for compiled code: a value
// is typed into one reused Scalar and written into its column from there.
class ColumnTarget {
 public:
  struct Scratch {
    Scalar value, key;
    FieldValue list;
    std::vector<uint8_t> present;
  };
  ColumnTarget(const RecordSchema& schema, ColumnarBatch& out, Scratch& scratch)
      : schema_(schema), out_(out), s_(scratch) {}
  void begin() {
    out_.beginRow();
    s_.present.assign(schema_.fields.size(), 0);
    keyGiven_ = false;
  }
  Scalar& scalar(int) { return s_.value; }
  void setScalar(int field, bool present) {
    if (!present) return;
    s_.present[field] = 1;
    out_.set(field, s_.value, true);
    if (field == schema_.keyField) {
      s_.key = s_.value;
      keyGiven_ = true;
    }
  }
  FieldValue& list(int) {
    s_.list.list.clear();
    s_.list.rows.clear();
    return s_.list;
  }
  void setList(int field, bool present) {
    if (!present) return;
    s_.present[field] = 1;
    s_.list.present = true;
    out_.setList(field, s_.list);
  }
  const Scalar* key() const { return keyGiven_ ? &s_.key : nullptr; }
  void finish(DecodeOutcome& outcome) {
    finishRecord(schema_, s_.present, key(), outcome);
    if (!outcome.ok) out_.dropRow();
  }
  void abandon() { out_.dropRow(); }

 private:
  const RecordSchema& schema_;
  ColumnarBatch& out_;
  Scratch& s_;
  bool keyGiven_ = false;
};

}  // namespace

struct JsonRecordReader::Impl {
  explicit Impl(const RecordSchema& s) : schema(s), names(s.fields) {}
  const RecordSchema& schema;
  FieldNames names;
  od::parser parser;
  std::string buffer;         // decode's copy of a record, with the padding
  std::vector<uint8_t> seen;  // per field: given in this record
  ColumnTarget::Scratch scratch;

  // The text copied into `buffer` with the padding after it.
  std::string_view padded(std::string_view json) {
    buffer.assign(json);
    buffer.append(kJsonPadding, '\0');
    return {buffer.data(), json.size()};
  }

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

  // Reads one scalar; returns its problem, or none on success.
  // *absent is set for null, and for "" in an optional text, enum or date.
  Problem readScalar(const FieldSchema& field, od::value value, Scalar& out, bool* absent) {
    od::json_type type;
    if (value.type().get(type)) return {.code = ProblemCode::InvalidValue};
    if (type == od::json_type::null) {
      *absent = nullness(value) == Nullness::Null;
      return *absent ? Problem{} : Problem{.code = ProblemCode::InvalidValue};
    }
    JsonScalar scalar = scalarOf(value, type);
    return parseScalarText(field, scalar.text, scalar.syntax, out, absent);
  }

  Problem readRow(const FieldSchema& field, od::value value, SubRecord& row) {
    od::object object;
    if (value.get_object().get(object)) return {.code = ProblemCode::NotAnEntry, .count = field.subFields.size()};
    row.values.assign(field.subFields.size(), Scalar{});
    row.present.assign(field.subFields.size(), 0);
    for (auto member : object) {
      std::string_view key;
      if (member.unescaped_key(false).get(key)) return {.code = ProblemCode::InvalidValue};
      size_t index = 0;
      while (index < field.subFields.size() && field.subFields[index].name != key) ++index;
      if (index == field.subFields.size()) return {.code = ProblemCode::UnknownSubField, .value = std::string(key)};
      od::value sub;
      if (member.value().get(sub)) return {.code = ProblemCode::InvalidValue};
      bool absent = false;
      Problem problem = readScalar(field.subFields[index], sub, row.values[index], &absent);
      if (!problem.empty()) {
        problem.subField = field.subFields[index].name;
        return problem;
      }
      row.present[index] = !absent;
    }
    // A sub-field not given takes its default; an optional one stays absent.
    for (size_t i = 0; i < row.present.size(); ++i) {
      if (row.present[i]) continue;
      if (field.subFields[i].required) return {.code = ProblemCode::LacksSubField, .value = field.subFields[i].name};
      row.values[i] = field.subFields[i].defaultValue;
      row.present[i] = !field.subFields[i].optional;
    }
    return {};
  }

  Problem readList(const FieldSchema& field, od::value value, FieldValue& out) {
    od::array array;
    if (value.get_array().get(array)) {
      JsonScalar found = scalarOf(value);
      return {.code = ProblemCode::NotAList, .value = std::string(found.text), .syntax = found.syntax};
    }
    size_t position = 0;
    for (auto element : array) {
      od::value item;
      if (element.get(item)) return {.code = ProblemCode::InvalidValue};
      Problem problem;
      if (field.kind == Kind::Record) {
        out.rows.emplace_back();
        problem = readRow(field, item, out.rows.back());
      } else {
        bool absent = false;
        out.list.emplace_back();
        problem = readScalar(field, item, out.list.back(), &absent);
        if (problem.empty() && absent) problem = {.code = ProblemCode::EmptyEntry};
      }
      if (!problem.empty()) {
        problem.entry = position + 1;
        return problem;
      }
      ++position;
    }
    return repeatedKey(field, out);
  }
  // One record's object into the target; the text needs the padding after it.
  template <typename Target>
  DecodeOutcome decode(std::string_view json, Target& target) {
    DecodeOutcome outcome;
    target.begin();
    // simdjson skips a byte order mark before a document; only the input's
    // first line may have one, and JSON Lines readers drop it there.
    if (json.starts_with(kUtf8ByteOrderMark)) {
      outcome.errors.push_back({"", {.code = ProblemCode::NotAnObject}});
      return failed(target, outcome);
    }
    od::document document;
    od::object object;
    if (auto error = parser.iterate(json.data(), json.size(), json.size() + kJsonPadding).get(document)) {
      outcome.errors.push_back({"", {.code = ProblemCode::InvalidJson, .value = simdjson::error_message(error)}});
      return failed(target, outcome);
    }
    if (auto error = document.get_object().get(object)) {
      outcome.errors.push_back(
          {"", error == simdjson::INCORRECT_TYPE
                   ? Problem{.code = ProblemCode::NotAnObject}
                   : Problem{.code = ProblemCode::InvalidJson, .value = simdjson::error_message(error)}});
      return failed(target, outcome);
    }
    seen.assign(schema.fields.size(), 0);
    const char* end = json.data() + json.size();
    for (auto result : object) {
      od::field member;
      std::string_view key;
      int index;
      if (std::move(result).get(member) || !fieldOf(member, end, key, index)) {
        outcome.errors.push_back({"", {.code = ProblemCode::InvalidJson}});
        return failed(target, outcome);
      }
      od::value& value = member.value();
      if (index < 0) {
        outcome.unknownFields.emplace_back(key);
        JsonCheck check = checkJson(value, 1);
        if (check == JsonCheck::TooDeep) {
          outcome.errors.push_back({"", {.code = ProblemCode::TooDeep}});
          return failed(target, outcome);
        }
        if (check == JsonCheck::Invalid) {
          outcome.errors.push_back({std::string(key), {.code = ProblemCode::UnknownFieldInvalid}});
          // The id, if it came before, still names the record in the message.
          if (const Scalar* id = target.key()) outcome.id = formatScalar(schema.fields[schema.keyField], *id);
          return failed(target, outcome);
        }
        continue;
      }
      const FieldSchema& field = schema.fields[index];
      if (seen[index]) {
        outcome.errors.push_back({field.name, {.code = ProblemCode::GivenTwice}});
        continue;
      }
      seen[index] = 1;
      // A null leaves the field absent.
      Nullness n = nullness(value);
      Problem problem;
      if (n == Nullness::Invalid) {
        problem = {.code = ProblemCode::InvalidValue};
      } else if (n == Nullness::NotNull && field.list) {
        problem = readList(field, value, target.list(index));
        target.setList(index, problem.empty());
      } else if (n == Nullness::NotNull) {
        bool absent = false;
        problem = readScalar(field, value, target.scalar(index), &absent);
        target.setScalar(index, problem.empty() && !absent);
      }
      if (!problem.empty()) outcome.errors.push_back({field.name, std::move(problem)});
    }
    const char* trailing;
    if (document.current_location().get(trailing) == simdjson::SUCCESS)
      outcome.errors.push_back({"", {.code = ProblemCode::TextAfterObject}});
    target.finish(outcome);
    return outcome;
  }

  // A record given up on before its end: what finish() would not see.
  template <typename Target>
  static DecodeOutcome failed(Target& target, DecodeOutcome& outcome) {
    target.abandon();
    return std::move(outcome);
  }
};

JsonRecordReader::JsonRecordReader(const RecordSchema& schema) : impl_(std::make_unique<Impl>(schema)) {}
JsonRecordReader::~JsonRecordReader() = default;

DecodeOutcome JsonRecordReader::decode(std::string_view json, Record& out) {
  return decodeInPlace(impl_->padded(json), out);
}

Problem JsonRecordReader::decodeList(const FieldSchema& field, std::string_view json, FieldValue& out) {
  std::string& buffer = impl_->buffer;
  buffer.assign(json);
  buffer.append(kJsonPadding, '\0');
  od::document document;
  od::value value;
  if (impl_->parser.iterate(buffer.data(), json.size(), buffer.size()).get(document) || document.get_value().get(value))
    return {.code = ProblemCode::InvalidValue};
  return impl_->readList(field, value, out);
}

DecodeOutcome JsonRecordReader::decodeInPlace(std::string_view json, Record& out) {
  RecordTarget target(impl_->schema, out);
  return impl_->decode(json, target);
}

DecodeOutcome JsonRecordReader::decode(std::string_view json, ColumnarBatch& out) {
  return decodeInPlace(impl_->padded(json), out);
}

DecodeOutcome JsonRecordReader::decodeInPlace(std::string_view json, ColumnarBatch& out) {
  ColumnTarget target(impl_->schema, out, impl_->scratch);
  return impl_->decode(json, target);
}

}  // namespace zc::rt
