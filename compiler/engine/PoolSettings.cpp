#include "engine/PoolSettings.h"

#include "zc/pool.h"

namespace zc {

rt::PoolLayout poolLayout(const ir::Program& program) {
  rt::PoolLayout layout;
  for (const ir::Pool& pool : program.pools) {
    std::vector<std::string> clauses;
    for (int32_t c : pool.members) clauses.push_back(program.clauses[c].id);
    layout.addPool(clauses, pool.orderField);
  }
  return layout;
}

std::optional<int64_t> poolCents(const ir::Pool& pool, const std::vector<rt::Scalar>& params, std::string& problem) {
  zc_dec amount = pool.amount;
  int64_t cents = 0;
  zc_status status = ZC_OK;
  if (pool.param >= 0) status = zc_dec_mul(&params[pool.param].d, &pool.paramScale, &amount);
  if (status == ZC_OK) status = zc_pool_cents(&amount, &cents);
  if (status != ZC_OK) {
    problem = status == ZC_ERR_NEGATIVE_CAP ? "its amount is below zero" : "its amount in 元 is too large";
    return std::nullopt;
  }
  return cents;
}

}  // namespace zc
