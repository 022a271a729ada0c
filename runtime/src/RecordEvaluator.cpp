#include "zc/record_evaluator.h"

#include <algorithm>

namespace zc::rt {

namespace {
// Records decoded and evaluated in one engine call by evaluateJsonLines.
constexpr size_t kChunkRecords = 1024;
// Unknown fields a tally names: enough to show a typo, bounded for a hostile batch.
constexpr size_t kMaxUnknownFields = 100;
}  // namespace

RecordEvaluator::RecordEvaluator(const RecordSchema& schema, std::unique_ptr<Engine> engine)
    : engine_(std::move(engine)), reader_(schema) {}

void RecordEvaluator::evaluate(const RecordInput* inputs, size_t count, bool padded,
                               const std::function<void(const RecordRow&)>& row) {
  records_.resize(count);
  decoded_.resize(count);
  slotOf_.resize(count);
  size_t good = 0;
  for (size_t i = 0; i < count; ++i) {
    const RecordInput& input = inputs[i];
    if (!input.problem.empty()) decoded_[i] = DecodeOutcome{};
    else if (padded) decoded_[i] = reader_.decodeInPlace(input.json, records_[good]);
    else decoded_[i] = reader_.decode(input.json, records_[good]);
    slotOf_[i] = good;
    if (decoded_[i].ok) ++good;
  }
  outcomes_.resize(good);
  engine_->evaluate(records_.data(), good, outcomes_.data());

  for (size_t i = 0; i < count; ++i) {
    const RecordInput& input = inputs[i];
    const DecodeOutcome& decoded = decoded_[i];
    if (!input.problem.empty()) {
      row({input, decoded, input.id, nullptr, input.problem});
    } else if (!decoded.ok) {
      error_ = decoded.describe();
      row({input, decoded, decoded.id, nullptr, error_});
    } else if (const RecordOutcome& o = outcomes_[slotOf_[i]]; o.error) {
      error_ = formatEvalError(engine_->resultTable(), *o.error);
      row({input, decoded, records_[slotOf_[i]].id, nullptr, error_});
    } else {
      row({input, decoded, o.result->id, &*o.result, {}, &records_[slotOf_[i]]});
    }
  }
}

bool evaluateJsonLines(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, std::string& out,
                       JsonLinesTally& tally, const std::function<bool()>& goOn) {
  std::vector<RecordInput> inputs;
  for (size_t first = 0; first < lines.size(); first += kChunkRecords) {
    if (goOn && !goOn()) return false;
    size_t count = std::min(kChunkRecords, lines.size() - first);
    inputs.clear();
    for (size_t i = first; i < first + count; ++i) inputs.push_back({lines[i].json, lines[i].number, lines[i].problem, {}});
    evaluator.evaluate(inputs.data(), count, false, [&](const RecordRow& row) {
      ++tally.records;
      for (const std::string& field : row.decoded.unknownFields)
        if (tally.unknownFields.size() < kMaxUnknownFields &&
            std::none_of(tally.unknownFields.begin(), tally.unknownFields.end(), [&](const auto& u) { return u.second == field; }))
          tally.unknownFields.emplace_back(row.input.line, field);
      if (row.result == nullptr) {
        appendJsonLine(out, FailedRecord{row.id, row.input.line, row.error});
        ++tally.unreadable;
        return;
      }
      if (!row.result->errors.empty()) ++tally.clauseErrors;
      appendJsonLine(out, *row.result);
    });
  }
  return true;
}

}  // namespace zc::rt
