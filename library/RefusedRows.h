// The rows of a columnar batch whose values their fields' declarations
// refuse (a number outside its 属于 range, a text outside its 集合), each
// worded as the JSON readers word the same record (rt::refusedValue), so a
// batch is held to what zc run holds a record to.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "zc/batch.h"
#include "zc/record.h"

namespace zc::library {

struct RefusedRow {
  int64_t row;          // from 0, as the batch's arrays count
  std::string message;  // "field 营业收入: -5 万元 is outside the range [0, ∞) …; field …"
};

std::vector<RefusedRow> refusedRows(const rt::RecordSchema& schema, const zc_batch& batch);

}  // namespace zc::library
