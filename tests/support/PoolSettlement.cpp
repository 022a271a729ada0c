#include "PoolSettlement.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "engine/PoolSettings.h"
#include "zc/pool.h"
#include "zc/pool_claims.h"

namespace zc::testing {

SettledRun settleRun(const ir::Program& program, const std::vector<rt::Record>& records,
                     std::vector<rt::RecordOutcome> outcomes) {
  SettledRun run;
  std::vector<rt::Scalar> params;
  for (const ir::Param& p : program.params) params.push_back(p.value);
  run.pools.resize(program.pools.size());
  for (size_t p = 0; p < program.pools.size(); ++p) {
    std::optional<int64_t> amount = poolCents(program.pools[p], params, run.problem);
    if (!amount) return run;
    run.pools[p].amount = *amount;
  }
  rt::PoolLayout layout = poolLayout(program);
  std::vector<std::vector<int64_t>> asked(program.pools.size()), keys(program.pools.size());
  std::vector<rt::PoolClaim> claims;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].result) continue;
    claims.clear();
    if (!layout.claims(*outcomes[i].result, records[i], claims, run.problem)) return run;
    for (const rt::PoolClaim& claim : claims) {
      asked[claim.pool].push_back(claim.cents);
      keys[claim.pool].push_back(claim.key);
    }
  }
  for (size_t p = 0; p < program.pools.size(); ++p) {
    SettledPool& pool = run.pools[p];
    pool.claims = asked[p].size();
    __int128 total = 0;
    for (int64_t a : asked[p]) total += a;
    const int64_t* order = program.pools[p].orderField >= 0 ? keys[p].data() : nullptr;
    zc_status status =
        zc_pool_settle(asked[p].data(), order, asked[p].size(), pool.amount, program.pools[p].proRata, asked[p].data());
    if (status != ZC_OK) {
      run.problem = fmt::format("{} cannot be settled: {}", program.pools[p].name, zc_status_message(status));
      return run;
    }
    pool.asked = static_cast<int64_t>(total);
    for (int64_t g : asked[p]) pool.granted += g;
  }
  rt::PoolLayout::Shares granted(asked.begin(), asked.end());
  std::vector<size_t> next(program.pools.size(), 0);
  for (rt::RecordOutcome& outcome : outcomes)
    if (outcome.result && !layout.settle(*outcome.result, granted, next)) {
      run.problem = "a claim has no share of its 资金池";
      return run;
    }
  run.outcomes = std::move(outcomes);
  return run;
}

std::string poolTotalsProblem(const ir::Program& program, const SettledRun& run) {
  for (size_t p = 0; p < run.pools.size(); ++p) {
    const SettledPool& pool = run.pools[p];
    int64_t expected = std::min(pool.amount, pool.asked);
    if (pool.granted != expected)
      return fmt::format("{} of {} 分 was asked {} 分 by {} claims and granted {} 分, not {}", program.pools[p].name,
                         pool.amount, pool.asked, pool.claims, pool.granted, expected);
  }
  return "";
}

}  // namespace zc::testing
