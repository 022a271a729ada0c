// POST /evaluate's records: a body cut into lines as zc run reads a JSON
// Lines file, and their results as zc run --format jsonl writes them, one
// row a record (a result, or the record's error) in input order.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "driver/ResultSink.h"
#include "serve/EnginePool.h"

namespace zc::serve {

using Deadline = std::chrono::steady_clock::time_point;

struct BatchLine {
  std::string_view json;
  size_t number;        // from 1, blank lines counted
  std::string problem;  // why the line cannot be a record, or empty
};

// The body's non-blank lines; false, and no more than maxRecords + 1 lines,
// when it holds more than maxRecords records.
bool cutJsonLines(std::string_view body, size_t maxRecords, std::vector<BatchLine>& lines);

struct BatchTally {
  size_t records = 0;
  size_t failed = 0;  // records with an error row, or with a clause failed
};

// Appends the rows of the lines to `out` through the jsonl sink. False when
// the deadline passed first: `out` is then incomplete.
bool evaluateJsonLines(Worker& worker, const ResultSink& sink, const std::vector<BatchLine>& lines, Deadline deadline,
                       ResultSink::Buffer& out, BatchTally& tally);

}  // namespace zc::serve
