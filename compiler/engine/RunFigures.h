// What a whole run decided for one record, which the record evaluated alone
// cannot know: each of its awards' share of a 资金池, with the pool's
// figures, and how many records each 排名 ranked. zc run --explain gives it
// to the explanations, which show these steps after the record's own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zc {

// One 资金池 as the run settled it, in 分.
struct PoolUse {
  int64_t pool = 0;     // its amount
  int64_t asked = 0;    // the claims' total before it
  int64_t granted = 0;  // what was paid of it
  size_t claims = 0;    // awards that claimed it
};

// One award's claim on a pool and what the settlement granted it.
struct PoolShare {
  std::string clause;
  std::optional<std::string> item;  // a per-item clause's item, as results name it
  int pool = -1;                    // in ir::Program::pools
  int64_t asked = 0, granted = 0;   // 分
  // 按顺序: the claim's place in the order the pool pays (from 1), and what
  // the claims paid before it were granted.
  uint64_t place = 0;
  int64_t grantedBefore = 0;
  std::string orderKey;  // and the record's value of the field it is paid in the order of ("2024-03-01")
};

struct RunFigures {
  std::vector<PoolUse> pools;     // per pool of the program
  std::vector<uint64_t> ranked;   // per 排名: the records it ranked (共 N 家)
  std::vector<PoolShare> shares;  // the record's claims, in the order of its awards
};

// The pool's share of what was asked, as a percentage truncated to six
// places ("83.333333"), as the run summary writes it.
std::string percentGranted(const PoolUse& use);

}  // namespace zc
