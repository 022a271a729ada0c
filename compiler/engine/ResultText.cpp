#include "engine/ResultText.h"

#include <fmt/format.h>

#include <algorithm>

namespace zc {

std::string renderAwards(const rt::RecordResult& result) {
  // Record text is shown escaped: an id or item with a newline cannot forge an award line.
  std::string out = fmt::format("{}\n", rt::printable(result.id));
  if (result.awards.empty()) out += "  (no award)\n";
  for (const rt::Award& a : result.awards) {
    std::string amount = a.manual      ? "一事一议 (manual review)"
                         : a.hasAmount ? rt::formatMoney(a.amount) + " 元"
                                       : "仅资格 (eligible)";
    out += fmt::format("  {:<10} {}  {}\n", rt::printable(clauseAndItem(a.clause, a.item)), a.beneficiary, amount);
  }
  for (const rt::Total& t : result.totals)
    out += fmt::format("  合计 {} {} 元\n", t.beneficiary, rt::formatMoney(t.amount));
  for (const rt::ClauseError& e : result.errors)
    out += fmt::format("  {:<10} 出错 (error): {}\n", rt::printable(clauseAndItem(e.clause, e.item)),
                       rt::printable(e.message));
  return out;
}

std::string clauseAndItem(std::string_view clause, const std::optional<std::string>& item) {
  return item ? fmt::format("{}[{}]", clause, *item) : std::string(clause);
}

std::string failedIn(const rt::ClauseError& error) {
  return error.item ? fmt::format("in clause {}, item {}", error.clause, *error.item)
                    : fmt::format("in clause {}", error.clause);
}

std::string describePool(const ir::Program& program, const ir::Pool& pool) {
  std::string members;
  for (size_t i = 0; i < pool.members.size(); ++i)
    members += (i == 0 ? "" : ", ") + program.clauses[pool.members[i]].id;
  std::string amount =
      pool.param >= 0 ? "参数 " + program.params[pool.param].name : rt::formatMoney(pool.amount) + " 元";
  std::string how = pool.proRata           ? "按比例"
                    : pool.orderField >= 0 ? "按顺序 " + program.schema.fields[pool.orderField].name
                                           : "按顺序 of input";
  return fmt::format("{} share {} ({}, {}) over the whole run", members, pool.name, amount, how);
}

std::string poolNotes(const ir::Program& program, const rt::RecordResult& result) {
  std::string out;
  for (const ir::Pool& pool : program.pools) {
    bool claims = std::any_of(result.awards.begin(), result.awards.end(), [&](const rt::Award& a) {
      return a.hasAmount && std::any_of(pool.members.begin(), pool.members.end(),
                                        [&](int32_t c) { return program.clauses[c].id == a.clause; });
    });
    if (claims)
      out += fmt::format("note: amounts before the pool: {}; zc run settles it\n", describePool(program, pool));
  }
  return out;
}

}  // namespace zc
