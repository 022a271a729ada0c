#include "driver/PoolShares.h"

#include <algorithm>
#include <numeric>

namespace zc {

std::vector<PoolShare> claimsOf(const rt::RecordResult& result, const rt::PoolLayout& pools) {
  std::vector<PoolShare> shares;
  for (const rt::Award& award : result.awards) {
    int pool = pools.claimed(award);
    if (pool < 0) continue;
    PoolShare share;
    share.clause = award.clause;
    share.item = award.item;
    share.pool = pool;
    share.asked = static_cast<int64_t>(award.amount.num * 100 / award.amount.den);
    shares.push_back(std::move(share));
  }
  return shares;
}

PoolOrder::PoolOrder(const ir::Program& program, const std::vector<std::vector<int64_t>>& keys,
                     const std::vector<std::vector<int64_t>>& granted)
    : granted_(granted), place_(program.pools.size()), before_(program.pools.size()) {
  for (size_t p = 0; p < program.pools.size(); ++p) {
    if (program.pools[p].proRata) continue;
    size_t count = granted[p].size();
    std::vector<size_t> order(count);
    std::iota(order.begin(), order.end(), size_t{0});
    // Equal keys in input order, as zc_pool_settle pays them: the index breaks the tie.
    if (!keys[p].empty())
      std::sort(order.begin(), order.end(),
                [&](size_t a, size_t b) { return keys[p][a] != keys[p][b] ? keys[p][a] < keys[p][b] : a < b; });
    place_[p].resize(count);
    before_[p].resize(count);
    int64_t paid = 0;
    for (size_t at = 0; at < count; ++at) {
      place_[p][order[at]] = at + 1;
      before_[p][order[at]] = paid;
      paid += granted[p][order[at]];
    }
  }
}

void PoolOrder::complete(PoolShare& share, size_t index) const {
  share.granted = granted_[share.pool][index];
  if (place_[share.pool].empty()) return;
  share.place = place_[share.pool][index];
  share.grantedBefore = before_[share.pool][index];
}

}  // namespace zc
