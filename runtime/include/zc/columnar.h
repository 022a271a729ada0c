// The columnar batch (zc_batch) compiled code reads: records packed into it,
// or rows typed straight into it by a reader, with no Record in between.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "zc/batch.h"
#include "zc/record.h"

namespace zc::rt {

class ColumnarBatch {
 public:
  explicit ColumnarBatch(const RecordSchema& schema);
  // Replaces the contents with these records (read in place: keep them alive).
  void assign(const Record* records, size_t count);

  // Rows appended one at a time by a record reader (JsonRecordReader, or any
  // reader that types a field's value as a Scalar): clear(), then per record
  // beginRow() and its values, dropRow() if the record fails; finish() once
  // the rows are in. Texts are copied into the batch.
  void clear();
  // A new last row, each field as a reader leaves one not given: its default
  // (a field neither optional nor a list), else zero; none present.
  void beginRow();
  // The last row's scalar field.
  void set(int field, const Scalar& value, bool present);
  // The last row's list field: its entries, or its records' sub-fields.
  void setList(int field, const FieldValue& value);
  // Takes the last row out again.
  void dropRow();
  // The rows appended since clear(), ready to be read through view().
  void finish();

  const zc_batch* view() const { return &batch_; }
  int64_t rows() const { return batch_.rows; }

 private:
  struct Storage {
    std::vector<int64_t> ints;
    std::vector<zc_dec> decs;
    std::vector<zc_text> texts;
    std::vector<uint8_t> present;
    std::vector<int64_t> offsets;
    std::vector<Storage> fields;  // a list of records: one per sub-field
    std::vector<void*> fieldPointers;
    std::vector<uint8_t*> fieldPresentPointers;
    void clearValues();
    void truncate(size_t count);  // the first `count` values
  };
  // Texts the batch holds for its appended rows, in blocks that never move.
  class TextArena {
   public:
    zc_text copy(std::string_view text);
    void clear() { block_ = used_ = 0; }

   private:
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::vector<size_t> sizes_;
    size_t block_ = 0, used_ = 0;
  };
  static void push(Storage& storage, const FieldSchema& field, const Scalar& value);
  void pushCopy(Storage& storage, const FieldSchema& field, const Scalar& value);
  static void* values(Storage& storage, const FieldSchema& field);
  void setColumns(size_t count);
  void grow();  // room for more rows in every scalar column

  const RecordSchema& schema_;
  std::vector<int> decs_, ints_, texts_, lists_;  // the fields by how their values are held
  std::vector<Storage> storage_;
  std::vector<zc_column> columns_;
  zc_batch batch_{0, nullptr};
  size_t appended_ = 0;  // rows appended since clear()
  size_t capacity_ = 0;  // the rows every scalar column has room for
  struct {
    std::vector<zc_dec> decs;
    std::vector<int64_t> ints;
    std::vector<zc_text> texts;
  } defaults_;  // a new row's values, by decs_, ints_ and texts_
  TextArena arena_;
};

}  // namespace zc::rt
