#include <algorithm>

#include "zc/record_evaluator.h"

namespace zc::rt {

namespace {
// Records decoded and evaluated in one engine call by evaluateJsonLines: as
// few as zc run's slices (BulkRunner), so a chunk's decoded records (a few
// KiB each) stay in cache from decoding to formatting. 1024 of them did not,
// and cost a compiled library 60 % more CPU a record.
constexpr size_t kChunkRecords = 128;
// Unknown fields a tally names: enough to show a typo, bounded for a hostile batch.
constexpr size_t kMaxUnknownFields = 100;
}  // namespace

RecordEvaluator::RecordEvaluator(const RecordSchema& schema, std::unique_ptr<Engine> engine)
    : engine_(std::move(engine)), reader_(schema) {}

void RecordEvaluator::evaluate(const RecordInput* inputs, size_t count, bool padded,
                               const std::function<void(const RecordRow&)>& row) {
  // Cells are typed into Records (CellRecordReader), not into columns.
  ColumnarBatch* columns = recordsNeeded_ || prepare_ || cellReader_ ? nullptr : engine_->columns();
  if (columns != nullptr) columns->clear();
  records_.resize(columns != nullptr ? 0 : count);
  decoded_.resize(count);
  slotOf_.resize(count);
  ids_.clear();
  cellProblem_.resize(count);
  cellId_.resize(count);
  size_t good = 0;
  for (size_t i = 0; i < count; ++i) {
    const RecordInput& input = inputs[i];
    cellProblem_[i].clear();
    if (!input.problem.empty())
      decoded_[i] = DecodeOutcome{};
    else if (input.cells)
      decoded_[i] = cellReader_->decode(input.json, records_[good], cellProblem_[i], cellId_[i]);
    else if (columns != nullptr)
      decoded_[i] = padded ? reader_.decodeInPlace(input.json, *columns) : reader_.decode(input.json, *columns);
    else if (decode_)
      decoded_[i] = decode_(input, records_[good]);
    else
      decoded_[i] =
          padded ? reader_.decodeInPlace(input.json, records_[good]) : reader_.decode(input.json, records_[good]);
    slotOf_[i] = good;
    if (!decoded_[i].ok) continue;
    if (columns != nullptr)
      ids_.push_back(decoded_[i].id);
    else if (prepare_)
      prepare_(i, records_[good]);
    ++good;
  }
  outcomes_.resize(good);
  if (columns != nullptr)
    engine_->evaluateColumns(ids_.data(), outcomes_.data());
  else
    engine_->evaluate(records_.data(), good, outcomes_.data());

  for (size_t i = 0; i < count; ++i) {
    const RecordInput& input = inputs[i];
    const DecodeOutcome& decoded = decoded_[i];
    const Record* record = columns != nullptr || !decoded.ok ? nullptr : &records_[slotOf_[i]];
    if (!input.problem.empty()) {
      row({input, decoded, input.id, nullptr, input.problem});
    } else if (!cellProblem_[i].empty()) {
      // Reported as an input the source could not cut is.
      RecordInput failed = input;
      failed.problem = cellProblem_[i];
      failed.id = cellId_[i];
      row({failed, decoded, failed.id, nullptr, failed.problem});
    } else if (!decoded.ok) {
      error_ = decoded.describe();
      row({input, decoded, decoded.id, nullptr, error_});
    } else if (const RecordOutcome& o = outcomes_[slotOf_[i]]; o.error) {
      error_ = formatEvalError(engine_->resultTable(), *o.error);
      row({input, decoded, decoded.id, nullptr, error_, nullptr, &*o.error});
    } else {
      row({input, decoded, o.result->id, &*o.result, {}, record});
    }
  }
}

bool RecordEvaluator::decode(const RecordInput& input, Record& out) {
  if (!input.problem.empty()) return false;
  std::string problem, id;
  return input.cells ? cellReader_->decode(input.json, out, problem, id).ok : reader_.decode(input.json, out).ok;
}

namespace {

// Writes each line's places into its record while it is set, and no longer.
class PlacesWritten {
 public:
  PlacesWritten(RecordEvaluator& evaluator, const LinePlaces& places, const size_t& first) : evaluator_(evaluator) {
    if (places.rankings == nullptr) return;
    evaluator.setPrepare([&places, &first](size_t input, Record& record) {
      const std::vector<RankingSpec>& rankings = *places.rankings;
      for (size_t r = 0; r < rankings.size(); ++r)
        RankTable::writePlace(rankings[r], places.places[(first + input) * rankings.size() + r], record);
    });
  }
  ~PlacesWritten() { evaluator_.setPrepare(nullptr); }

 private:
  RecordEvaluator& evaluator_;
};

// Whether rows carry their records while it is set (RecordEvaluator::setRecordsNeeded).
class RecordsNeeded {
 public:
  RecordsNeeded(RecordEvaluator& evaluator, bool needed) : evaluator_(evaluator) { evaluator.setRecordsNeeded(needed); }
  ~RecordsNeeded() { evaluator_.setRecordsNeeded(true); }

 private:
  RecordEvaluator& evaluator_;
};

// Every line's row, a chunk at a time, each record given its places first;
// false when `goOn` says stop first. `records`: whether `row` reads the
// record (RecordRow::record).
bool forEachRow(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, const std::function<bool()>& goOn,
                const std::function<void(const RecordRow&)>& row, const LinePlaces& places = {}, bool records = false) {
  std::vector<RecordInput> inputs;
  size_t first = 0;
  PlacesWritten written(evaluator, places, first);
  RecordsNeeded needed(evaluator, records);
  for (; first < lines.size(); first += kChunkRecords) {
    if (goOn && !goOn()) return false;
    size_t count = std::min(kChunkRecords, lines.size() - first);
    inputs.clear();
    for (size_t i = first; i < first + count; ++i)
      inputs.push_back({lines[i].json, lines[i].number, lines[i].problem, {}});
    evaluator.evaluate(inputs.data(), count, false, row);
  }
  return true;
}

// The row zc run --format jsonl writes for a record, after `settle` changed its result (if given).
void appendRow(const RecordRow& row, std::string& out, JsonLinesTally& tally,
               const std::function<void(RecordResult&)>& settle = nullptr) {
  ++tally.records;
  for (const std::string& field : row.decoded.unknownFields)
    if (tally.unknownFields.size() < kMaxUnknownFields &&
        std::none_of(tally.unknownFields.begin(), tally.unknownFields.end(),
                     [&](const auto& u) { return u.second == field; }))
      tally.unknownFields.emplace_back(row.input.line, field);
  if (row.result == nullptr) {
    appendJsonLine(out, FailedRecord{row.id, row.input.line, row.error});
    ++tally.unreadable;
    return;
  }
  if (!row.result->errors.empty()) ++tally.clauseErrors;
  if (!settle) {
    appendJsonLine(out, *row.result);
    return;
  }
  RecordResult settled = *row.result;
  settle(settled);
  appendJsonLine(out, settled);
}

}  // namespace

bool evaluateJsonLines(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, std::string& out,
                       JsonLinesTally& tally, const std::function<bool()>& goOn) {
  return forEachRow(evaluator, lines, goOn, [&](const RecordRow& row) { appendRow(row, out, tally); });
}

bool poolClaimsOfJsonLines(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, const PoolLayout& pools,
                           std::vector<PoolClaim>& claims, std::string& problem, const LinePlaces& places) {
  bool ok = true;
  forEachRow(
      evaluator, lines, nullptr,
      [&](const RecordRow& row) {
        if (ok && row.result != nullptr) ok = pools.claims(*row.result, *row.record, claims, problem);
      },
      places, true);
  return ok;
}

bool evaluateJsonLinesSettled(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, const PoolLayout& pools,
                              const PoolLayout::Shares& granted, std::vector<size_t>& next, std::string& out,
                              JsonLinesTally& tally, const LinePlaces& places) {
  bool enough = true;
  forEachRow(
      evaluator, lines, nullptr,
      [&](const RecordRow& row) {
        if (enough)
          appendRow(row, out, tally, [&](RecordResult& result) { enough = pools.settle(result, granted, next); });
      },
      places);
  return enough;
}

void rankKeysOfJsonLines(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines,
                         const std::vector<RankingSpec>& rankings, std::string& keys) {
  Record record;
  for (const JsonLine& line : lines) {
    bool ok = evaluator.decode({line.json, line.number, line.problem, {}}, record);
    appendRankKeys(rankings, ok ? &record : nullptr, keys);
  }
}

void evaluateJsonLinesRanked(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, const LinePlaces& places,
                             std::string& out, JsonLinesTally& tally) {
  forEachRow(evaluator, lines, nullptr, [&](const RecordRow& row) { appendRow(row, out, tally); }, places);
}

}  // namespace zc::rt
