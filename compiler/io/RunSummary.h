// What a whole run paid: totals by clause, policy, beneficiary and payer
// (出资方), each 资金池's use, and how many records were paid, not paid or
// failed. zc run prints it on stderr at the end (unless -q) and writes it
// as JSON with --summary FILE.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/RunFigures.h"
#include "ir/Ir.h"
#include "zc/results.h"

namespace zc {

class RunSummary {
 public:
  explicit RunSummary(const ir::Program& program);
  // Each record's final row, after the pools.
  void add(const rt::RecordResult& result);
  void addFailure() { ++failed_; }
  // Another part of the same run (a worker's chunk).
  void merge(const RunSummary& other);
  void setPools(std::vector<PoolUse> pools) { pools_ = std::move(pools); }
  size_t records() const { return paid_ + notPaid_ + failed_; }

  std::string text() const;  // for stderr
  std::string json() const;  // one object, docs/results.md "The run summary"

 private:
  // A total in 分; awards far beyond any budget can add up past what it
  // holds, and then it says so instead of wrapping around.
  struct Sum {
    __int128 cents = 0;
    size_t awards = 0;
    bool overflow = false;
    void add(__int128 more) { overflow = overflow || __builtin_add_overflow(cents, more, &cents); }
    void add(const Sum& other) {
      add(other.cents);
      overflow = overflow || other.overflow;
      awards += other.awards;
    }
    std::string text() const;  // in 元 with two places, or that it is too large
  };
  const ir::Program* program_;
  std::unordered_map<std::string_view, int> clauseIndex_;
  std::vector<Sum> byClause_;
  size_t paid_ = 0, notPaid_ = 0, failed_ = 0;
  std::vector<PoolUse> pools_;

  struct Named {
    std::string name;
    Sum sum;
  };
  // Totals by clause, then grouped by what each clause belongs to, in order of first appearance.
  std::vector<Named> group(const std::function<std::string(const ir::Clause&)>& key) const;
};

}  // namespace zc
