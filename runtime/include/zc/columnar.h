// Packs decoded records into a columnar batch (zc_batch) for compiled code.
// Texts point into the records, which must outlive the batch's view.
#pragma once

#include <vector>

#include "zc/batch.h"
#include "zc/record.h"

namespace zc::rt {

class ColumnarBatch {
 public:
  explicit ColumnarBatch(const RecordSchema& schema);
  // Replaces the contents with these records (read in place: keep them alive).
  void assign(const Record* records, size_t count);
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
  };
  static void push(Storage& storage, const FieldSchema& field, const Scalar& value);
  static void* values(Storage& storage, const FieldSchema& field);

  const RecordSchema& schema_;
  std::vector<int> decs_, ints_, texts_, lists_;  // the fields by how their values are held
  std::vector<Storage> storage_;
  std::vector<zc_column> columns_;
  zc_batch batch_{0, nullptr};
};

}  // namespace zc::rt
