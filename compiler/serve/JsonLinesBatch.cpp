#include "serve/JsonLinesBatch.h"

#include <algorithm>

#include "driver/RecordSource.h"

namespace zc::serve {

namespace {
// Records decoded and evaluated in one engine call; the deadline is checked between.
constexpr size_t kChunkRecords = 1024;
}  // namespace

bool cutJsonLines(std::string_view body, size_t maxRecords, std::vector<BatchLine>& lines) {
  lines.clear();
  size_t number = 0;
  // As std::getline splits a file: a last line without its LF is a line too.
  for (size_t start = 0; start < body.size();) {
    size_t end = std::min(body.find('\n', start), body.size());
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    std::string problem;
    if (!trimJsonLine(line, ++number, problem)) continue;
    lines.push_back({line, number, std::move(problem)});
    if (lines.size() > maxRecords) return false;
  }
  return true;
}

bool evaluateJsonLines(Worker& worker, const ResultSink& sink, const std::vector<BatchLine>& lines, Deadline deadline,
                       ResultSink::Buffer& out, BatchTally& tally) {
  for (size_t first = 0; first < lines.size(); first += kChunkRecords) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    size_t count = std::min(kChunkRecords, lines.size() - first);
    worker.records.resize(count);
    worker.decoded.resize(count);
    std::vector<size_t> slotOf(count);
    size_t good = 0;
    for (size_t i = 0; i < count; ++i) {
      const BatchLine& line = lines[first + i];
      worker.decoded[i] = line.problem.empty() ? worker.reader.decode(line.json, worker.records[good]) : rt::DecodeOutcome{};
      slotOf[i] = good;
      if (worker.decoded[i].ok) ++good;
    }
    worker.outcomes.resize(good);
    worker.engine->evaluate(worker.records.data(), good, worker.outcomes.data());

    // The row of each record, as zc run's workers write it.
    for (size_t i = 0; i < count; ++i) {
      const BatchLine& line = lines[first + i];
      const rt::DecodeOutcome& decoded = worker.decoded[i];
      ++tally.records;
      std::string error;
      std::string_view id;
      if (!line.problem.empty()) {
        error = line.problem;
      } else if (!decoded.ok) {
        error = decoded.describe();
        id = decoded.id;
      } else if (const RecordOutcome& o = worker.outcomes[slotOf[i]]; o.error) {
        error = formatEvalError(worker.engine->resultTable(), *o.error);
        id = worker.records[slotOf[i]].id;
      } else {
        if (!o.result->errors.empty()) ++tally.failed;
        sink.addResult(out, *o.result);
        continue;
      }
      sink.addFailure(out, {id, line.number, error});
      ++tally.failed;
    }
  }
  return true;
}

}  // namespace zc::serve
