#include <fmt/format.h>

#include "zc/pool_claims.h"

namespace zc::rt {

void PoolLayout::addPool(const std::vector<std::string>& clauses, int orderField) {
  int pool = static_cast<int>(orderFields_.size());
  orderFields_.push_back(orderField);
  for (const std::string& id : clauses) poolOf_.emplace(id, pool);
}

int PoolLayout::claimed(const Award& award) const {
  if (!award.hasAmount || poolOf_.empty()) return -1;
  auto found = poolOf_.find(award.clause);
  return found == poolOf_.end() ? -1 : found->second;
}

bool PoolLayout::claims(const RecordResult& result, const Record& record, std::vector<PoolClaim>& out,
                        std::string& problem) const {
  size_t before = out.size();
  for (const Award& award : result.awards) {
    int pool = claimed(award);
    if (pool < 0) continue;
    __int128 cents = award.amount.num * 100 / award.amount.den;
    if (cents > INT64_MAX) {
      out.resize(before);
      problem =
          fmt::format("the award of {} ({} 元) is too large for a 资金池", award.clause, formatMoney(award.amount));
      return false;
    }
    int field = orderFields_[pool];
    out.push_back({pool, static_cast<int64_t>(cents), field >= 0 ? record.fields[field].scalar.i : 0});
  }
  return true;
}

bool PoolLayout::settle(RecordResult& result, const Shares& granted, std::vector<size_t>& next) const {
  std::vector<size_t> taken = next;
  for (const Award& award : result.awards)
    if (int pool = claimed(award);
        pool >= 0 && (static_cast<size_t>(pool) >= granted.size() || taken[pool]++ >= granted[pool].size()))
      return false;
  size_t kept = 0;
  for (Award& award : result.awards) {
    if (int pool = claimed(award); pool >= 0) {
      zc_dec paid, cut;
      zc_dec_make(granted[pool][next[pool]++], 100, &paid);
      zc_dec_sub(&award.amount, &paid, &cut);
      for (Total& total : result.totals)
        if (total.beneficiary == award.beneficiary) zc_dec_sub(&total.amount, &cut, &total.amount);
      award.amount = paid;
      if (paid.num == 0) continue;
    }
    if (&result.awards[kept] != &award) result.awards[kept] = std::move(award);
    ++kept;
  }
  result.awards.resize(kept);
  return true;
}

}  // namespace zc::rt
