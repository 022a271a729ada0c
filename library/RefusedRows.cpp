#include "RefusedRows.h"

#include "zc/json_reader.h"

namespace zc::library {

namespace {

// Whether a declaration refuses some values of the field's kind; only such
// columns are read.
bool checked(const rt::FieldSchema& field) {
  bool numeric = field.kind == rt::Kind::Dec || field.kind == rt::Kind::Int || field.kind == rt::Kind::Count;
  if (numeric && (field.range || field.nonNegative)) return true;
  if (field.kind == rt::Kind::Text && !field.enumValues.empty()) return true;
  for (const rt::FieldSchema& sub : field.subFields)
    if (checked(sub)) return true;
  return false;
}

rt::Scalar scalarAt(const rt::FieldSchema& field, const void* values, int64_t at) {
  rt::Scalar value;
  switch (field.kind) {
    case rt::Kind::Dec:
      value.d = static_cast<const zc_dec*>(values)[at];
      break;
    case rt::Kind::Text: {
      const zc_text& text = static_cast<const zc_text*>(values)[at];
      if (text.data != nullptr && text.length > 0) value.text.assign(text.data, static_cast<size_t>(text.length));
      break;
    }
    default:
      value.i = static_cast<const int64_t*>(values)[at];
      break;
  }
  return value;
}

// The first problem of one row's field, as the JSON reader places it: a
// list's entry from 1, and the sub-field within it.
rt::Problem fieldProblem(const rt::FieldSchema& field, const zc_column& column, int64_t row) {
  if (!field.list) return rt::refusedValue(field, scalarAt(field, column.values, row));
  for (int64_t at = column.offsets[row]; at < column.offsets[row + 1]; ++at) {
    rt::Problem problem;
    if (field.kind != rt::Kind::Record) {
      problem = rt::refusedValue(field, scalarAt(field, column.values, at));
    } else {
      for (size_t s = 0; s < field.subFields.size() && problem.empty(); ++s) {
        const rt::FieldSchema& sub = field.subFields[s];
        bool present =
            column.field_present == nullptr || column.field_present[s] == nullptr || column.field_present[s][at] != 0;
        if (!checked(sub) || !present) continue;
        problem = rt::refusedValue(sub, scalarAt(sub, column.fields[s], at));
        problem.subField = problem.empty() ? "" : sub.name;
      }
    }
    if (!problem.empty()) {
      problem.entry = static_cast<size_t>(at - column.offsets[row] + 1);
      return problem;
    }
  }
  return {};
}

}  // namespace

std::vector<RefusedRow> refusedRows(const rt::RecordSchema& schema, const zc_batch& batch) {
  std::vector<size_t> fields;
  for (size_t f = 0; f < schema.fields.size(); ++f)
    if (checked(schema.fields[f])) fields.push_back(f);
  std::vector<RefusedRow> refused;
  if (fields.empty()) return refused;
  for (int64_t row = 0; row < batch.rows; ++row) {
    rt::DecodeOutcome outcome;
    for (size_t f : fields) {
      const rt::FieldSchema& field = schema.fields[f];
      const zc_column& column = batch.columns[f];
      if (column.present != nullptr && field.optional && column.present[row] == 0) continue;
      rt::Problem problem = fieldProblem(field, column, row);
      if (!problem.empty()) outcome.errors.push_back({field.name, std::move(problem)});
    }
    if (!outcome.errors.empty()) refused.push_back({row, outcome.describe()});
  }
  return refused;
}

}  // namespace zc::library
