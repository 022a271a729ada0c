// What went wrong with a record, as one line, and what every record gets once
// its members are read: shared by zc's JSON reader and the one inside
// compiled libraries, so both decide and word it the same.
#include "zc/json_reader.h"

namespace zc::rt {

std::string DecodeOutcome::describe() const {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "; ";
    out += e.field.empty() ? e.message() : "field " + e.field + ": " + e.message();
  }
  return out;
}

std::string DecodeOutcome::describeInChinese() const {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "；";
    out += e.field.empty() ? chinese(e.problem) : "字段 " + e.field + "：" + chinese(e.problem);
  }
  return out;
}

void clearRecord(const RecordSchema& schema, Record& out) {
  out.fields.resize(schema.fields.size());
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    const FieldSchema& field = schema.fields[i];
    FieldValue& f = out.fields[i];
    f.present = false;
    bool defaulted = !field.optional && !field.list;
    f.scalar.i = defaulted ? field.defaultValue.i : 0;
    f.scalar.d = defaulted ? field.defaultValue.d : zc_dec{};
    if (defaulted && field.kind == Kind::Text)
      f.scalar.text.assign(field.defaultValue.text);
    else
      f.scalar.text.clear();
    f.list.clear();
    f.rows.clear();
  }
  out.id.clear();
}

namespace {

// `present(i)`: whether field i was given; `key`: the 键 field's value, or null.
template <typename Present>
void finish(const RecordSchema& schema, const Present& present, const Scalar* key, std::string& id,
            DecodeOutcome& outcome) {
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    const FieldSchema& field = schema.fields[i];
    if (present(i) || field.optional || field.list) continue;
    bool failed = false;
    for (const auto& e : outcome.errors) failed = failed || e.field == field.name;
    if (failed) continue;
    if (field.required) outcome.errors.push_back({field.name, {.code = ProblemCode::Missing}});
  }
  if (key != nullptr) {
    id = formatScalar(schema.fields[schema.keyField], *key);
    // An empty id could not tell its result from another's.
    if (id.find_first_not_of(" \t") == std::string::npos)
      outcome.errors.push_back({schema.fields[schema.keyField].name, {.code = ProblemCode::EmptyId}});
    else
      outcome.id = id;
  }
  outcome.ok = outcome.errors.empty();
}

}  // namespace

void finishRecord(const RecordSchema& schema, Record& out, DecodeOutcome& outcome) {
  const Scalar* key =
      schema.keyField >= 0 && out.fields[schema.keyField].present ? &out.fields[schema.keyField].scalar : nullptr;
  finish(schema, [&](size_t i) { return out.fields[i].present; }, key, out.id, outcome);
}

void finishRecord(const RecordSchema& schema, const std::vector<uint8_t>& present, const Scalar* key,
                  DecodeOutcome& outcome) {
  std::string id;
  finish(schema, [&](size_t i) { return present[i] != 0; }, key, id, outcome);
}

}  // namespace zc::rt
