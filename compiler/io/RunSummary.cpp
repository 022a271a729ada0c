#include "io/RunSummary.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace zc {

namespace {

std::string money(__int128 cents) {
  zc_dec amount;
  zc_dec_make(cents, 100, &amount);
  return rt::formatMoney(amount);
}

}  // namespace

std::string RunSummary::Sum::text() const {
  return overflow ? "超出可表示范围 (too large to add up)" : money(cents) + " 元";
}

RunSummary::RunSummary(const ir::Program& program) : program_(&program), byClause_(program.clauses.size()) {
  for (size_t c = 0; c < program.clauses.size(); ++c) clauseIndex_.emplace(program.clauses[c].id, static_cast<int>(c));
}

void RunSummary::add(const rt::RecordResult& result) {
  bool paid = false;
  for (const rt::Award& award : result.awards) {
    auto found = clauseIndex_.find(award.clause);
    if (found == clauseIndex_.end() || !award.hasAmount) continue;
    Sum& sum = byClause_[found->second];
    __int128 cents;
    if (__builtin_mul_overflow(award.amount.num, 100, &cents))
      sum.overflow = true;
    else
      sum.add(cents / award.amount.den);
    ++sum.awards;
    paid = paid || award.amount.num > 0;
  }
  if (!result.errors.empty())
    ++failed_;
  else if (paid)
    ++paid_;
  else
    ++notPaid_;
}

void RunSummary::merge(const RunSummary& other) {
  for (size_t c = 0; c < byClause_.size(); ++c) byClause_[c].add(other.byClause_[c]);
  paid_ += other.paid_;
  notPaid_ += other.notPaid_;
  failed_ += other.failed_;
}

std::vector<RunSummary::Named> RunSummary::group(const std::function<std::string(const ir::Clause&)>& key) const {
  std::vector<Named> out;
  for (size_t c = 0; c < byClause_.size(); ++c) {
    std::string name = key(program_->clauses[c]);
    auto at = std::find_if(out.begin(), out.end(), [&](const Named& n) { return n.name == name; });
    if (at == out.end()) {
      out.push_back(Named{name, Sum{}});
      at = out.end() - 1;
    }
    at->sum.add(byClause_[c]);
  }
  return out;
}

namespace {
const char* kNoPayer = "未注明";
}

std::string RunSummary::text() const {
  Sum total;
  for (const Sum& s : byClause_) total.add(s);
  std::string out = fmt::format("zc: {} record{}: {} paid, {} not paid, {} failed; {} paid in all\n", records(),
                                records() == 1 ? "" : "s", paid_, notPaid_, failed_, total.text());
  auto line = [&](const char* title, const std::vector<Named>& sums) {
    out += fmt::format("  {}:", title);
    for (size_t i = 0; i < sums.size(); ++i)
      out += fmt::format("{} {} {}", i == 0 ? "" : ",", sums[i].name, sums[i].sum.text());
    out += "\n";
  };
  line("by clause", group([](const ir::Clause& c) { return c.id; }));
  line("by policy", group([&](const ir::Clause& c) { return program_->policies[c.policy].id; }));
  line("by beneficiary", group([](const ir::Clause& c) { return c.beneficiary; }));
  bool payers = std::any_of(program_->clauses.begin(), program_->clauses.end(),
                            [](const ir::Clause& c) { return !c.payer.empty(); });
  if (payers)
    line("by payer", group([](const ir::Clause& c) { return c.payer.empty() ? std::string(kNoPayer) : c.payer; }));
  for (size_t p = 0; p < pools_.size(); ++p) {
    const ir::Pool& pool = program_->pools[p];
    const PoolUse& use = pools_[p];
    out += fmt::format("  {} {} 元 ({}): {} claims asked {} 元, granted {} 元 ({}%)\n", pool.name, money(use.pool),
                       pool.proRata ? "按比例" : "按顺序", use.claims, money(use.asked), money(use.granted),
                       percentGranted(use));
  }
  return out;
}

std::string RunSummary::json() const {
  std::string out = fmt::format("{{\"records\": {}, \"paid\": {}, \"not_paid\": {}, \"failed\": {}", records(), paid_,
                                notPaid_, failed_);
  auto object = [&](const char* key, const std::vector<Named>& sums) {
    out += fmt::format(", \"{}\": {{", key);
    for (size_t i = 0; i < sums.size(); ++i)
      out += fmt::format("{}{}: {{\"amount\": {}, \"awards\": {}}}", i == 0 ? "" : ", ", rt::jsonString(sums[i].name),
                         sums[i].sum.overflow ? "null" : "\"" + money(sums[i].sum.cents) + "\"", sums[i].sum.awards);
    out += "}";
  };
  object("by_clause", group([](const ir::Clause& c) { return c.id; }));
  object("by_policy", group([&](const ir::Clause& c) { return program_->policies[c.policy].id; }));
  object("by_beneficiary", group([](const ir::Clause& c) { return c.beneficiary; }));
  object("by_payer", group([](const ir::Clause& c) { return c.payer.empty() ? std::string(kNoPayer) : c.payer; }));
  out += ", \"pools\": [";
  for (size_t p = 0; p < pools_.size(); ++p) {
    const ir::Pool& pool = program_->pools[p];
    const PoolUse& use = pools_[p];
    out += fmt::format(
        "{}{{\"pool\": {}, \"policy\": {}, \"how\": \"{}\", \"amount\": \"{}\", \"claims\": {}, \"asked\": \"{}\", "
        "\"granted\": \"{}\", \"percent_granted\": \"{}\"}}",
        p == 0 ? "" : ", ", rt::jsonString(pool.name), rt::jsonString(program_->policies[pool.policy].id),
        pool.proRata ? "pro_rata" : "in_order", money(use.pool), use.claims, money(use.asked), money(use.granted),
        percentGranted(use));
  }
  out += "]}\n";
  return out;
}

}  // namespace zc
