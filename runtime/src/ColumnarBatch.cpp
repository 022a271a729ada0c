#include "zc/columnar.h"

namespace zc::rt {

ColumnarBatch::ColumnarBatch(const RecordSchema& schema)
    : schema_(schema), storage_(schema.fields.size()), columns_(schema.fields.size()) {
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    const FieldSchema& field = schema.fields[i];
    storage_[i].fields.resize(field.subFields.size());
    int index = static_cast<int>(i);
    if (field.list)
      lists_.push_back(index);
    else if (field.kind == Kind::Dec)
      decs_.push_back(index);
    else if (field.kind == Kind::Text)
      texts_.push_back(index);
    else
      ints_.push_back(index);
  }
}

void ColumnarBatch::push(Storage& storage, const FieldSchema& field, const Scalar& value) {
  switch (field.kind) {
    case Kind::Dec:
      storage.decs.push_back(value.d);
      break;
    case Kind::Text:
      storage.texts.push_back({value.text.data(), static_cast<int64_t>(value.text.size())});
      break;
    default:
      storage.ints.push_back(value.i);
      break;
  }
}

void* ColumnarBatch::values(Storage& storage, const FieldSchema& field) {
  switch (field.kind) {
    case Kind::Dec:
      return storage.decs.data();
    case Kind::Text:
      return storage.texts.data();
    default:
      return storage.ints.data();
  }
}

void ColumnarBatch::assign(const Record* records, size_t count) {
  for (size_t f = 0; f < schema_.fields.size(); ++f) {
    const FieldSchema& field = schema_.fields[f];
    Storage& s = storage_[f];
    s.ints.clear();
    s.decs.clear();
    s.texts.clear();
    s.present.clear();
    s.offsets.assign(1, 0);
    for (Storage& sub : s.fields) sub.ints.clear(), sub.decs.clear(), sub.texts.clear(), sub.present.clear();
    s.present.resize(count);
    if (!field.list) {
      if (field.kind == Kind::Dec)
        s.decs.resize(count);
      else if (field.kind == Kind::Text)
        s.texts.resize(count);
      else
        s.ints.resize(count);
    }
  }
  // Record by record, each record's fields read once while they are in
  // cache; the scalar fields grouped by kind, written in place.
  for (size_t r = 0; r < count; ++r) {
    const std::vector<FieldValue>& fields = records[r].fields;
    for (int f : decs_) {
      storage_[f].decs[r] = fields[f].scalar.d;
      storage_[f].present[r] = fields[f].present;
    }
    for (int f : ints_) {
      storage_[f].ints[r] = fields[f].scalar.i;
      storage_[f].present[r] = fields[f].present;
    }
    for (int f : texts_) {
      const std::string& text = fields[f].scalar.text;
      storage_[f].texts[r] = {text.data(), static_cast<int64_t>(text.size())};
      storage_[f].present[r] = fields[f].present;
    }
    for (int f : lists_) {
      const FieldSchema& field = schema_.fields[f];
      const FieldValue& value = fields[f];
      Storage& s = storage_[f];
      s.present[r] = value.present;
      if (field.kind == Kind::Record) {
        for (const auto& row : value.rows) {
          for (size_t k = 0; k < field.subFields.size(); ++k) {
            push(s.fields[k], field.subFields[k], row.values[k]);
            s.fields[k].present.push_back(row.present[k]);
          }
        }
        s.offsets.push_back(s.offsets.back() + static_cast<int64_t>(value.rows.size()));
      } else {
        for (const Scalar& element : value.list) push(s, field, element);
        s.offsets.push_back(s.offsets.back() + static_cast<int64_t>(value.list.size()));
      }
    }
  }
  for (size_t f = 0; f < schema_.fields.size(); ++f) {
    const FieldSchema& field = schema_.fields[f];
    Storage& s = storage_[f];
    s.fieldPointers.clear();
    s.fieldPresentPointers.clear();
    for (size_t k = 0; k < s.fields.size(); ++k) {
      s.fieldPointers.push_back(values(s.fields[k], field.subFields[k]));
      s.fieldPresentPointers.push_back(s.fields[k].present.data());
    }
    columns_[f] = {values(s, field), s.present.data(), s.offsets.data(), s.fieldPointers.data(),
                   s.fieldPresentPointers.data()};
  }
  batch_ = {static_cast<int64_t>(count), columns_.data()};
}

}  // namespace zc::rt
