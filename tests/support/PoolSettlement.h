// A run's 资金池s settled over one engine's outcomes as zc run settles them:
// each award's claim by rt::PoolLayout, each pool by zc_pool_settle. The
// differential test and the engines fuzzer compare the settled results of
// the engines and hold every pool to its amount.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ir/Ir.h"
#include "zc/outcome.h"
#include "zc/record.h"

namespace zc::testing {

// One pool as a run settled it, in 分.
struct SettledPool {
  int64_t amount = 0;
  int64_t asked = 0;
  int64_t granted = 0;
  size_t claims = 0;
};

struct SettledRun {
  std::vector<SettledPool> pools;
  // The records' outcomes after the pools (an award granted nothing is gone).
  std::vector<rt::RecordOutcome> outcomes;
  // Why the run cannot be settled (an award or a total too large for a
  // pool), as zc run would stop; empty when it was.
  std::string problem;
};

// Settles the pools, with the parameters' declared values, over `outcomes`
// of `records` (in input order).
SettledRun settleRun(const ir::Program& program, const std::vector<rt::Record>& records,
                     std::vector<rt::RecordOutcome> outcomes);

// "" when every pool paid exactly what it could: its amount when asked for
// more, else everything asked; otherwise which pool did not, and by how much.
std::string poolTotalsProblem(const ir::Program& program, const SettledRun& run);

}  // namespace zc::testing
