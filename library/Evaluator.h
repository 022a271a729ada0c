// What a zhengce_evaluator is: the ruleset's parameters, its compiled batch
// function and the buffers one thread reuses from record to record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "Description.h"
#include "engine/Engine.h"
#include "engine/ResultTable.h"
#include "zc/batch.h"
#include "zc/columnar.h"
#include "zc/json_reader.h"

namespace zc::library {

// What became of the records of a call, as zc run's exit code counts them.
struct Tally {
  size_t unreadable = 0;    // not read or not evaluated: a row with "error"
  size_t clauseErrors = 0;  // evaluated, with some clause failed: "errors" in the row
};

class Evaluator {
 public:
  explicit Evaluator(const RulesetDescription& description);

  // An error message naming the parameter, or empty.
  std::string setParam(std::string_view name, std::string_view value);
  // Appends one output line (with its newline) per non-blank input line, as
  // zc run --format jsonl writes them.
  Tally evaluateLines(std::string_view data, std::string& out);
  // Runs the compiled function with this evaluator's parameters.
  void evaluateBatch(const zc_batch* batch, zc_batch_result* result);

 private:
  struct Line {
    std::string_view json;
    size_t number;
  };
  void evaluateChunk(const std::vector<Line>& lines, std::string& out, Tally& tally);
  const void* const* paramPointers();

  const RulesetDescription& description_;
  ResultTable table_;
  std::vector<rt::Scalar> params_;
  std::vector<zc_text> paramTexts_;
  std::vector<const void*> paramPointers_;
  rt::JsonRecordReader reader_;
  rt::ColumnarBatch batch_;
  std::vector<rt::Record> records_;
  std::vector<rt::DecodeOutcome> decoded_;
  std::vector<uint8_t> fired_;
  std::vector<zc_dec> amounts_;
  std::vector<int32_t> status_, site_;
  ItemResults items_;
};

}  // namespace zc::library
