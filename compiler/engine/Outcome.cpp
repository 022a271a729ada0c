#include <fmt/format.h>

#include <algorithm>

#include "engine/Engine.h"

namespace zc {

std::string formatEvalError(const ResultTable& table, const EvalError& error) {
  if (error.site < 0) return fmt::format("{} while adding up the totals", zc_status_message(error.status));
  const std::string* location =
      static_cast<size_t>(error.site) < table.locations.size() ? &table.locations[error.site] : nullptr;
  if (location == nullptr || location->empty()) return zc_status_message(error.status);
  return fmt::format("{}: {}", *location, zc_status_message(error.status));
}

RecordOutcome assembleOutcome(const ResultTable& table, const std::string& id, const ClauseOutcomes& outcomes) {
  RecordOutcome out;
  rt::RecordResult result;
  result.id = id;
  for (size_t c = 0; c < table.clauses.size(); ++c) {
    const ResultTable::ClauseEntry& clause = table.clauses[c];
    if (outcomes.status[c] != ZC_OK) {
      EvalError error{static_cast<zc_status>(outcomes.status[c]), outcomes.site[c], static_cast<int>(c)};
      result.errors.push_back({clause.id, formatEvalError(table, error)});
      continue;
    }
    if (!outcomes.fired[c]) continue;
    bool award = clause.kind == ir::ResultKind::Award;
    result.awards.push_back({clause.id, clause.beneficiary, award, clause.kind == ir::ResultKind::Manual,
                             award ? outcomes.amounts[c] : 0});
  }
  std::sort(result.awards.begin(), result.awards.end(), [](const rt::Award& a, const rt::Award& b) {
    return a.clause != b.clause ? a.clause < b.clause : a.beneficiary < b.beneficiary;
  });
  for (const auto& b : table.beneficiaries) {
    rt::Total total{b.totalKey, b.name, 0};
    for (const rt::Award& a : result.awards) {
      if (a.beneficiary == b.name && a.hasAmount && zc_dec_add(total.amount, a.amount, &total.amount) != ZC_OK) {
        out.error = EvalError{ZC_ERR_OVERFLOW, -1, -1};
        return out;
      }
    }
    result.totals.push_back(std::move(total));
  }
  out.result = std::move(result);
  return out;
}

}  // namespace zc
