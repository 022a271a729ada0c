#include "Evaluator.h"

#include "engine/Engine.h"
#include "zc/results.h"

// What zc build generated beside this runtime (zc/batch.h); the table's C
// name is also its type's, so C++ reaches it through an assembler name.
extern "C" const zc_ruleset_table generatedTable __asm__(ZC_RULESET_TABLE_SYMBOL);
extern "C" void zc_eval_batch(const zc_batch* batch, const void* const* params, zc_batch_result* result);

namespace zc::library {

namespace {
constexpr size_t kChunkRecords = 1024;  // records decoded and evaluated in one batch
}

Evaluator::Evaluator(const RulesetDescription& description)
    : description_(description),
      table_(ResultTable::of(generatedTable)),
      reader_(description.schema),
      batch_(description.schema) {
  for (const auto& p : description.params) params_.push_back(p.defaultValue);
}

// A dated parameter has an entry a date, all of its name: the value replaces each.
std::string Evaluator::setParam(std::string_view name, std::string_view value) {
  bool found = false;
  for (size_t i = 0; i < description_.params.size(); ++i) {
    if (description_.params[i].name != name) continue;
    rt::Scalar parsed = params_[i];
    bool absent = false;
    std::string problem = rt::parseScalarText(description_.params[i], value, rt::ScalarSyntax::Plain, parsed, &absent);
    if (!problem.empty()) return "parameter " + std::string(name) + ": " + problem;
    params_[i] = std::move(parsed);
    found = true;
  }
  return found ? "" : "the ruleset has no parameter '" + std::string(name) + "'";
}

const void* const* Evaluator::paramPointers() {
  paramTexts_.resize(params_.size());
  paramPointers_.resize(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) {
    switch (description_.params[i].kind) {
      case rt::Kind::Dec: paramPointers_[i] = &params_[i].d; break;
      case rt::Kind::Text:
        paramTexts_[i] = {params_[i].text.data(), static_cast<int64_t>(params_[i].text.size())};
        paramPointers_[i] = &paramTexts_[i];
        break;
      default: paramPointers_[i] = &params_[i].i; break;
    }
  }
  return paramPointers_.data();
}

void Evaluator::evaluateBatch(const zc_batch* batch, zc_batch_result* result) {
  zc_eval_batch(batch, paramPointers(), result);
}

Tally Evaluator::evaluateLines(std::string_view data, std::string& out) {
  Tally tally;
  size_t number = 0;
  std::vector<Line> lines;
  // Lines as std::getline splits them, blank ones skipped: zc run's JsonLinesSource.
  for (size_t start = 0; start < data.size();) {
    size_t end = data.find('\n', start);
    if (end == std::string_view::npos) end = data.size();
    std::string_view json = data.substr(start, end - start);
    ++number;
    if (json.find_first_not_of(" \t\r") != std::string_view::npos) lines.push_back({json, number});
    if (lines.size() == kChunkRecords) {
      evaluateChunk(lines, out, tally);
      lines.clear();
    }
    start = end + 1;
  }
  if (!lines.empty()) evaluateChunk(lines, out, tally);
  return tally;
}

void Evaluator::evaluateChunk(const std::vector<Line>& lines, std::string& out, Tally& tally) {
  size_t count = lines.size();
  records_.resize(count);
  decoded_.resize(count);
  std::vector<size_t> slotOf(count);
  size_t good = 0;
  for (size_t i = 0; i < count; ++i) {
    decoded_[i] = reader_.decode(lines[i].json, records_[good]);
    slotOf[i] = good;
    if (decoded_[i].ok) ++good;
  }
  size_t clauses = table_.clauses.size();
  batch_.assign(records_.data(), good);
  fired_.resize(good * clauses);
  amounts_.resize(good * clauses);
  status_.resize(good * clauses);
  site_.resize(good * clauses);
  items_.count = 0;
  zc_batch_result result{fired_.data(), amounts_.data(), status_.data(), site_.data(), &items_};
  evaluateBatch(batch_.view(), &result);
  int64_t cursor = 0;

  for (size_t i = 0; i < count; ++i) {
    if (!decoded_[i].ok) {
      std::string error = decoded_[i].describe();
      rt::appendJsonLine(out, rt::FailedRecord{decoded_[i].id, lines[i].number, error});
      ++tally.unreadable;
      continue;
    }
    size_t at = slotOf[i] * clauses;
    const rt::Record& record = records_[slotOf[i]];
    ClauseOutcomes outcomes{&fired_[at], &amounts_[at], &status_[at], &site_[at]};
    items_.takeRow(static_cast<int64_t>(slotOf[i]), cursor, outcomes);
    RecordOutcome outcome = assembleOutcome(table_, record, outcomes);
    if (outcome.error) {
      std::string error = formatEvalError(table_, *outcome.error);
      rt::appendJsonLine(out, rt::FailedRecord{record.id, lines[i].number, error});
      ++tally.unreadable;
      continue;
    }
    if (!outcome.result->errors.empty()) ++tally.clauseErrors;
    rt::appendJsonLine(out, *outcome.result);
  }
}

}  // namespace zc::library
