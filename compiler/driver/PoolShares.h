// What zc run --explain shows of a record's claims on the run's 资金池s: the
// claims its awards made (before the pools), and, once the pools are settled,
// what each was granted and, for a pool paid in order, its place in that
// order and what the claims before it were granted.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/RunFigures.h"
#include "ir/Ir.h"
#include "zc/pool_claims.h"
#include "zc/results.h"

namespace zc {

// The record's claims, in the order of its awards (as PoolLayout::claims
// counts them), with what each asked.
std::vector<PoolShare> claimsOf(const rt::RecordResult& result, const rt::PoolLayout& pools);

// Each in-order pool's claims ordered as zc_pool_settle pays them (smallest
// key first, equal keys in input order), from their keys and what was
// granted them.
class PoolOrder {
 public:
  // keys[p]: pool p's claims' order keys, empty for input order; granted[p]: their shares.
  PoolOrder(const ir::Program& program, const std::vector<std::vector<int64_t>>& keys,
            const std::vector<std::vector<int64_t>>& granted);
  // Fills in the share of pool claim `index` (its place in input order among the pool's claims).
  void complete(PoolShare& share, size_t index) const;

 private:
  const std::vector<std::vector<int64_t>>& granted_;
  std::vector<std::vector<uint64_t>> place_;  // per in-order pool, per claim: its place from 1
  std::vector<std::vector<int64_t>> before_;  // and what the claims before it were granted
};

}  // namespace zc
