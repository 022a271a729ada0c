// What a record's result has to do with the run's 资金池s: the claims its
// awards make on them (phase 1), and its awards set to what the settlement
// granted (phase 2). Shared by zc run and a compiled library's two phases
// (zhengce_pool_claims, zhengce_evaluate_jsonl_settled), so a claim is
// counted and paid alike by each; the settlement itself is zc/pool.h.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "zc/record.h"
#include "zc/results.h"

namespace zc::rt {

struct PoolClaim {
  int32_t pool;
  int64_t cents;  // the award asked, in 分
  int64_t key;    // the record's order field, for a pool paid in the order of one; else 0
};

class PoolLayout {
 public:
  // Per pool: the ids of the clauses whose awards claim it, and the record
  // field that orders its claims (-1: input order).
  void addPool(const std::vector<std::string>& clauses, int orderField);
  size_t poolCount() const { return orderFields_.size(); }
  bool empty() const { return poolOf_.empty(); }
  // The pool an award claims, or -1.
  int claimed(const Award& award) const;
  // Appends the claims of one record's result, in the order of its awards.
  // False (appending nothing) when an award is too large for a pool
  // (beyond 2^63 分); `problem` says so.
  bool claims(const RecordResult& result, const Record& record, std::vector<PoolClaim>& out,
              std::string& problem) const;
  // Per pool, the shares granted to a run's claims (or a part's), in the order claims() gave them.
  using Shares = std::vector<std::span<const int64_t>>;
  // Sets each claiming award to granted[pool][next[pool]++] 分; an award
  // granted nothing is removed, and its beneficiary's total follows. False,
  // changing nothing, when a claim has no share left to take (a host gave
  // fewer shares than its claims).
  bool settle(RecordResult& result, const Shares& granted, std::vector<size_t>& next) const;

 private:
  // By clause id, looked up by a view without a copy: once for every award of a run.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
  };
  std::unordered_map<std::string, int, Hash, std::equal_to<>> poolOf_;
  std::vector<int> orderFields_;
};

}  // namespace zc::rt
