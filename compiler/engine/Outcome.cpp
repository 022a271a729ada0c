#include <fmt/format.h>

#include <algorithm>

#include "engine/Engine.h"

namespace zc {

std::string formatEvalError(const ResultTable& table, const EvalError& error) {
  if (error.site < 0 && error.status == ZC_ERR_RULE) return zc_status_message(error.status);
  if (error.site < 0) return fmt::format("{} while adding up the totals", zc_status_message(error.status));
  const std::string* location =
      static_cast<size_t>(error.site) < table.locations.size() ? &table.locations[error.site] : nullptr;
  std::string message = zc_status_message(error.status);
  if (error.status == ZC_ERR_NEGATIVE_AWARD) message = fmt::format("the award is {} 元, and a negative award is never paid", rt::formatMoney(error.amount));
  if (location == nullptr || location->empty()) return message;
  return fmt::format("{}: {}", *location, message);
}

RecordOutcome assembleOutcome(const ResultTable& table, const std::string& id, const ClauseOutcomes& outcomes) {
  RecordOutcome out;
  rt::RecordResult result;
  result.id = id;
  for (size_t c = 0; c < table.clauses.size(); ++c) {
    const ResultTable::ClauseEntry& clause = table.clauses[c];
    if (outcomes.status[c] != ZC_OK) {
      EvalError error{static_cast<zc_status>(outcomes.status[c]), outcomes.site[c], static_cast<int>(c), outcomes.amounts[c]};
      result.errors.push_back({clause.id, formatEvalError(table, error)});
      continue;
    }
    if (!outcomes.fired[c]) continue;
    bool award = clause.kind == ir::ResultKind::Award;
    result.awards.push_back({clause.id, clause.beneficiary, award, clause.kind == ir::ResultKind::Manual,
                             award ? outcomes.amounts[c] : zc_dec{}});
  }
  std::sort(result.awards.begin(), result.awards.end(), [](const rt::Award& a, const rt::Award& b) {
    return a.clause != b.clause ? a.clause < b.clause : a.beneficiary < b.beneficiary;
  });
  for (const auto& b : table.beneficiaries) {
    rt::Total total{b.totalKey, b.name, {}};
    for (const rt::Award& a : result.awards) {
      if (a.beneficiary == b.name && a.hasAmount && zc_dec_add(&total.amount, &a.amount, &total.amount) != ZC_OK) {
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
