#include "engine/ResultText.h"

#include <fmt/format.h>

namespace zc {

std::string renderAwards(const rt::RecordResult& result) {
  // Record text is shown escaped: an id or item with a newline cannot forge an award line.
  std::string out = fmt::format("{}\n", rt::printable(result.id));
  if (result.awards.empty()) out += "  (no award)\n";
  for (const rt::Award& a : result.awards) {
    std::string amount = a.manual ? "一事一议 (manual review)" : a.hasAmount ? rt::formatMoney(a.amount) + " 元" : "仅资格 (eligible)";
    out += fmt::format("  {:<10} {}  {}\n", rt::printable(clauseAndItem(a.clause, a.item)), a.beneficiary, amount);
  }
  for (const rt::Total& t : result.totals) out += fmt::format("  合计 {} {} 元\n", t.beneficiary, rt::formatMoney(t.amount));
  for (const rt::ClauseError& e : result.errors)
    out += fmt::format("  {:<10} 出错 (error): {}\n", rt::printable(clauseAndItem(e.clause, e.item)), rt::printable(e.message));
  return out;
}

std::string clauseAndItem(std::string_view clause, const std::optional<std::string>& item) {
  return item ? fmt::format("{}[{}]", clause, *item) : std::string(clause);
}

std::string failedIn(const rt::ClauseError& error) {
  return error.item ? fmt::format("in clause {}, item {}", error.clause, *error.item) : fmt::format("in clause {}", error.clause);
}

}  // namespace zc
