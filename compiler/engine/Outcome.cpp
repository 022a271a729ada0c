#include <fmt/format.h>

#include <algorithm>

#include "engine/Engine.h"

namespace zc {

std::string formatEvalError(const SourceManager& sources, const EvalError& error) {
  if (error.span.end == 0) return fmt::format("{} while adding up the totals", zc_status_message(error.status));
  const SourceFile& file = sources.file(error.span.file);
  LineColumn lc = file.lineColumn(error.span.begin);
  std::string where = error.clause.empty() ? "" : fmt::format(" (in clause {})", error.clause);
  return fmt::format("{}:{}:{}: {}{}", file.path(), lc.line, lc.column, zc_status_message(error.status), where);
}

RecordOutcome assembleOutcome(const ir::Program& program, const std::string& id, const uint8_t* fired,
                              const zc_dec* amounts) {
  RecordOutcome out;
  rt::RecordResult result;
  result.id = id;
  for (size_t c = 0; c < program.clauses.size(); ++c) {
    if (!fired[c]) continue;
    const ir::Clause& clause = program.clauses[c];
    bool award = clause.kind == ir::ResultKind::Award;
    result.awards.push_back({clause.id, clause.beneficiary, award, clause.kind == ir::ResultKind::Manual,
                             award ? amounts[c] : 0});
  }
  std::sort(result.awards.begin(), result.awards.end(), [](const rt::Award& a, const rt::Award& b) {
    return a.clause != b.clause ? a.clause < b.clause : a.beneficiary < b.beneficiary;
  });
  for (const auto& b : program.beneficiaries) {
    rt::Total total{b.totalKey, b.name, 0};
    for (const rt::Award& a : result.awards) {
      if (a.beneficiary == b.name && a.hasAmount && zc_dec_add(total.amount, a.amount, &total.amount) != ZC_OK) {
        out.error = EvalError{ZC_ERR_OVERFLOW, {}, ""};
        return out;
      }
    }
    result.totals.push_back(std::move(total));
  }
  out.result = std::move(result);
  return out;
}

}  // namespace zc
