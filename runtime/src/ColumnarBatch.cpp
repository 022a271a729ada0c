#include <algorithm>
#include <cstring>

#include "zc/columnar.h"

namespace zc::rt {

namespace {
constexpr size_t kArenaBlock = 64 << 10;
}  // namespace

zc_text ColumnarBatch::TextArena::copy(std::string_view text) {
  if (text.empty()) return {"", 0};
  while (block_ < blocks_.size() && used_ + text.size() > sizes_[block_]) ++block_, used_ = 0;
  if (block_ == blocks_.size()) {
    size_t size = std::max(kArenaBlock, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    sizes_.push_back(size);
    used_ = 0;
  }
  char* at = blocks_[block_].get() + used_;
  std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, static_cast<int64_t>(text.size())};
}

void ColumnarBatch::Storage::clearValues() {
  ints.clear();
  decs.clear();
  texts.clear();
  present.clear();
  offsets.assign(1, 0);
  for (Storage& sub : fields) sub.ints.clear(), sub.decs.clear(), sub.texts.clear(), sub.present.clear();
}

void ColumnarBatch::Storage::truncate(size_t count) {
  if (ints.size() > count) ints.resize(count);
  if (decs.size() > count) decs.resize(count);
  if (texts.size() > count) texts.resize(count);
}

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
  // What a row holds before its record gives a value (as JsonRecordReader
  // leaves a Record): the default, or zero where the field is optional.
  for (int f : decs_) {
    const FieldSchema& field = schema.fields[f];
    defaults_.decs.push_back(field.optional ? zc_dec{} : field.defaultValue.d);
  }
  for (int f : ints_) {
    const FieldSchema& field = schema.fields[f];
    defaults_.ints.push_back(field.optional ? 0 : field.defaultValue.i);
  }
  // The schema outlives the batch: a default text is read where it lies.
  for (int f : texts_) {
    const std::string& text = schema.fields[f].defaultValue.text;
    defaults_.texts.push_back(schema.fields[f].optional || text.empty()
                                  ? zc_text{"", 0}
                                  : zc_text{text.data(), static_cast<int64_t>(text.size())});
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

void ColumnarBatch::pushCopy(Storage& storage, const FieldSchema& field, const Scalar& value) {
  if (field.kind == Kind::Text)
    storage.texts.push_back(arena_.copy(value.text));
  else
    push(storage, field, value);
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
    s.clearValues();
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
  capacity_ = count;
  setColumns(count);
}

void ColumnarBatch::clear() {
  // The scalar columns keep their size, rows' worth of room (capacity_):
  // a row is written in place, not pushed.
  for (int f : lists_) storage_[f].clearValues(), storage_[f].present.resize(capacity_);
  arena_.clear();
  appended_ = 0;
}

void ColumnarBatch::grow() {
  capacity_ = std::max<size_t>(64, 2 * capacity_);
  for (size_t f = 0; f < schema_.fields.size(); ++f) {
    const FieldSchema& field = schema_.fields[f];
    Storage& s = storage_[f];
    s.present.resize(capacity_);
    if (field.list) continue;
    if (field.kind == Kind::Dec)
      s.decs.resize(capacity_);
    else if (field.kind == Kind::Text)
      s.texts.resize(capacity_);
    else
      s.ints.resize(capacity_);
  }
}

void ColumnarBatch::beginRow() {
  if (appended_ == capacity_) grow();
  size_t row = appended_++;
  for (size_t i = 0; i < decs_.size(); ++i) {
    storage_[decs_[i]].decs[row] = defaults_.decs[i];
    storage_[decs_[i]].present[row] = 0;
  }
  for (size_t i = 0; i < ints_.size(); ++i) {
    storage_[ints_[i]].ints[row] = defaults_.ints[i];
    storage_[ints_[i]].present[row] = 0;
  }
  for (size_t i = 0; i < texts_.size(); ++i) {
    storage_[texts_[i]].texts[row] = defaults_.texts[i];
    storage_[texts_[i]].present[row] = 0;
  }
  for (int f : lists_) {
    storage_[f].present[row] = 0;
    storage_[f].offsets.push_back(storage_[f].offsets.back());
  }
}

void ColumnarBatch::set(int field, const Scalar& value, bool present) {
  Storage& s = storage_[field];
  size_t row = appended_ - 1;
  switch (schema_.fields[field].kind) {
    case Kind::Dec:
      s.decs[row] = value.d;
      break;
    case Kind::Text:
      s.texts[row] = arena_.copy(value.text);
      break;
    default:
      s.ints[row] = value.i;
      break;
  }
  s.present[row] = present;
}

void ColumnarBatch::setList(int field, const FieldValue& value) {
  const FieldSchema& schema = schema_.fields[field];
  Storage& s = storage_[field];
  s.present[appended_ - 1] = value.present;
  if (schema.kind == Kind::Record) {
    for (const SubRecord& row : value.rows)
      for (size_t k = 0; k < schema.subFields.size(); ++k) {
        pushCopy(s.fields[k], schema.subFields[k], row.values[k]);
        s.fields[k].present.push_back(row.present[k]);
      }
    s.offsets.back() += static_cast<int64_t>(value.rows.size());
  } else {
    for (const Scalar& element : value.list) pushCopy(s, schema, element);
    s.offsets.back() += static_cast<int64_t>(value.list.size());
  }
}

void ColumnarBatch::dropRow() {
  --appended_;
  // A scalar's place is written over by the next row; a list's entries go.
  for (int f : lists_) {
    Storage& s = storage_[f];
    s.offsets.pop_back();
    size_t entries = static_cast<size_t>(s.offsets.back());
    if (schema_.fields[f].kind != Kind::Record) s.truncate(entries);
    for (Storage& sub : s.fields) {
      sub.truncate(entries);
      sub.present.resize(std::min(sub.present.size(), entries));
    }
  }
}

void ColumnarBatch::finish() { setColumns(appended_); }

void ColumnarBatch::setColumns(size_t count) {
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
