#include "Evaluator.h"

#include <limits>

#include "RefusedRows.h"
#include "zc/pool.h"

// What zc build generated beside this runtime (zc/batch.h); the table's C
// name is also its type's, so C++ reaches it through an assembler name.
extern "C" const zc_ruleset_table generatedTable __asm__(ZC_RULESET_TABLE_SYMBOL);
extern "C" void zc_eval_batch(const zc_batch* batch, const void* const* params, zc_batch_result* result);

namespace zc::library {

namespace {

// The library's code as the evaluation core runs it: one function, never replaced.
const std::atomic<zc_batch_function> generatedFunction{&zc_eval_batch};

std::shared_ptr<const rt::CompiledCode> generatedCode() {
  static const std::shared_ptr<const rt::CompiledCode> code = [] {
    auto c = std::make_shared<rt::CompiledCode>();
    c->function = &generatedFunction;
    c->table = rt::ResultTable::of(generatedTable);
    return c;
  }();
  return code;
}

std::vector<rt::Kind> kindsOf(const std::vector<rt::FieldSchema>& params) {
  std::vector<rt::Kind> kinds;
  for (const auto& p : params) kinds.push_back(p.kind);
  return kinds;
}

std::vector<rt::Scalar> defaultsOf(const std::vector<rt::FieldSchema>& params) {
  std::vector<rt::Scalar> values;
  for (const auto& p : params) values.push_back(p.defaultValue);
  return values;
}

}  // namespace

Evaluator::Evaluator(const RulesetDescription& description)
    : description_(description),
      paramKinds_(kindsOf(description.params)),
      params_(defaultsOf(description.params)),
      core_(description.schema, rt::makeCompiledEngine(generatedCode(), description.schema, paramKinds_, params_)) {
  for (const PoolDescription& pool : description.pools) pools_.addPool(pool.clauses, pool.orderField);
}

// A dated parameter has an entry a date, all of its name: the value replaces each.
std::string Evaluator::setParam(std::string_view name, std::string_view value) {
  std::vector<std::string_view> names;
  std::vector<int> entries;
  for (size_t i = 0; i < description_.params.size(); ++i) {
    names.push_back(description_.params[i].name);
    if (description_.params[i].name == name) entries.push_back(static_cast<int>(i));
  }
  if (entries.empty()) return rt::unknownParam(name, names);
  const auto& range = description_.paramRanges[entries.front()];
  rt::Scalar parsed = params_[entries.front()];
  std::string problem =
      rt::readParamValue(description_.params[entries.front()], range ? &*range : nullptr, value, parsed);
  if (!problem.empty()) return "parameter " + std::string(name) + ": " + problem;
  for (int i : entries) {
    params_[i] = parsed;
    core_.engine().setParam(i, parsed);
  }
  return "";
}

std::string Evaluator::evaluateBatch(const zc_batch* batch, zc_batch_result* result) {
  int64_t itemsBefore = result->items != nullptr ? result->items->count : 0;
  zc_eval_batch(batch, pointers_.of(paramKinds_, params_), result);
  std::vector<RefusedRow> refused = refusedRows(description_.schema, *batch);
  if (refused.empty()) return "";
  // A refused row pays nothing, as a bad record in JSON Lines: each of its
  // clauses failed, its items gone; the other rows keep their outcomes.
  std::vector<uint8_t> isRefused(static_cast<size_t>(batch->rows), 0);
  int64_t clauses = generatedTable.clause_count;
  std::string message;
  for (const RefusedRow& r : refused) {
    isRefused[r.row] = 1;
    for (int64_t c = r.row * clauses; c < (r.row + 1) * clauses; ++c) {
      result->fired[c] = 0;
      result->amounts[c] = zc_dec{};
      result->status[c] = ZC_ERR_BAD_RECORD;
      result->site[c] = -1;
    }
    message += (message.empty() ? "" : "\n") + ("row " + std::to_string(r.row) + ": " + r.message);
  }
  if (zc_item_results* items = result->items) {
    int64_t kept = itemsBefore;
    for (int64_t i = itemsBefore; i < items->count; ++i)
      if (!isRefused[items->outcomes[i].row]) items->outcomes[kept++] = items->outcomes[i];
    items->count = kept;
  }
  return message;
}

rt::JsonLinesTally Evaluator::evaluateLines(std::string_view data, size_t firstLine, std::string& out) {
  rt::JsonLinesTally tally;
  rt::cutJsonLines(data, std::numeric_limits<size_t>::max(), lines_, nullptr, firstLine);
  rt::evaluateJsonLines(core_, lines_, out, tally);
  return tally;
}

zc_status Evaluator::poolCents(size_t pool, int64_t& cents) const {
  const PoolDescription& p = description_.pools[pool];
  zc_dec amount = p.amount;
  if (p.param >= 0) {
    zc_status status = zc_dec_mul(&params_[p.param].d, &p.paramScale, &amount);
    if (status != ZC_OK) return status;
  }
  return zc_pool_cents(&amount, &cents);
}

bool Evaluator::cutLines(std::string_view data, size_t firstLine, const int64_t* places, size_t records) {
  rt::cutJsonLines(data, std::numeric_limits<size_t>::max(), lines_, nullptr, firstLine);
  return places == nullptr || lines_.size() == records;
}

rt::LinePlaces Evaluator::linePlaces(const int64_t* places) const {
  if (places == nullptr || description_.rankings.empty()) return {};
  return {&description_.rankings, places};
}

Evaluator::Part Evaluator::poolClaims(std::string_view data, size_t firstLine, const int64_t* places, size_t records,
                                      std::vector<rt::PoolClaim>& claims, std::string& problem) {
  if (!cutLines(data, firstLine, places, records)) return Part::PlacesMismatch;
  rt::poolClaimsOfJsonLines(core_, lines_, pools_, claims, problem, linePlaces(places));
  return Part::Done;
}

Evaluator::Part Evaluator::evaluateSettled(std::string_view data, size_t firstLine, const int64_t* places,
                                           size_t records, const rt::PoolLayout::Shares& granted,
                                           std::vector<size_t>& used, std::string& out, rt::JsonLinesTally& tally) {
  used.assign(granted.size(), 0);
  if (!cutLines(data, firstLine, places, records)) return Part::PlacesMismatch;
  return rt::evaluateJsonLinesSettled(core_, lines_, pools_, granted, used, out, tally, linePlaces(places))
             ? Part::Done
             : Part::SharesShort;
}

size_t Evaluator::rankKeys(std::string_view data, size_t firstLine, std::string& keys) {
  rt::cutJsonLines(data, std::numeric_limits<size_t>::max(), lines_, nullptr, firstLine);
  rt::rankKeysOfJsonLines(core_, lines_, description_.rankings, keys);
  return lines_.size();
}

bool Evaluator::evaluateRanked(std::string_view data, size_t firstLine, const int64_t* places, size_t records,
                               std::string& out, rt::JsonLinesTally& tally) {
  rt::cutJsonLines(data, std::numeric_limits<size_t>::max(), lines_, nullptr, firstLine);
  if (lines_.size() != records) return false;
  rt::evaluateJsonLinesRanked(core_, lines_, linePlaces(places), out, tally);
  return true;
}

}  // namespace zc::library
