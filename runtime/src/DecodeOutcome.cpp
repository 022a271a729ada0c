// What went wrong with a record, as one line, and what every record gets once
// its members are read: shared by zc's JSON reader and the one inside
// compiled libraries, so both decide and word it the same.
#include "zc/json_reader.h"

namespace zc::rt {

std::string DecodeOutcome::describe() const {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "; ";
    out += e.field.empty() ? e.message : "field " + e.field + ": " + e.message;
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

void finishRecord(const RecordSchema& schema, Record& out, DecodeOutcome& outcome) {
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    const FieldSchema& field = schema.fields[i];
    FieldValue& value = out.fields[i];
    if (value.present || field.optional || field.list) continue;
    bool failed = false;
    for (const auto& e : outcome.errors) failed = failed || e.field == field.name;
    if (failed) continue;
    if (field.required) outcome.errors.push_back({field.name, "is required and missing"});
  }
  if (schema.keyField >= 0 && out.fields[schema.keyField].present) {
    out.id = formatScalar(schema.fields[schema.keyField], out.fields[schema.keyField].scalar);
    // An empty id could not tell its result from another's.
    if (out.id.find_first_not_of(" \t") == std::string::npos)
      outcome.errors.push_back({schema.fields[schema.keyField].name, "is empty; every record needs an id"});
    else
      outcome.id = out.id;
  }
  outcome.ok = outcome.errors.empty();
}

}  // namespace zc::rt
