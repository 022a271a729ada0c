// What a zhengce_evaluator is: the evaluation core over the library's own
// compiled function, with the ruleset's parameters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "Description.h"
#include "zc/record_evaluator.h"

namespace zc::library {

class Evaluator {
 public:
  explicit Evaluator(const RulesetDescription& description);

  // An error message naming the parameter, or empty.
  std::string setParam(std::string_view name, std::string_view value);
  // Appends the rows zc run --format jsonl writes for these JSON Lines, the
  // first of them line `firstLine` of the input.
  rt::JsonLinesTally evaluateLines(std::string_view data, size_t firstLine, std::string& out);
  // Runs the compiled function with this evaluator's parameters. Rows whose
  // values their fields refuse (a range, a 集合) are then failed, each clause
  // with ZC_ERR_BAD_RECORD; returns a line for each, "row 3: field …", or empty.
  std::string evaluateBatch(const zc_batch* batch, zc_batch_result* result);

  // 资金池, in two phases (zhengce.h). A pool's amount in 分 with this
  // evaluator's parameters (a zc_status).
  zc_status poolCents(size_t pool, int64_t& cents) const;
  // Each phase of a ruleset that ranks as well takes the lines' places
  // (places[i × rankings + r], `records` of them; null: none given, the
  // records as they are), and does nothing when they are not for as many
  // records as the lines.
  enum class Part { Done, PlacesMismatch, SharesShort };
  // The claims of these JSON Lines' records, the first of them line
  // `firstLine` of the input, in input order; `problem` says why an award
  // cannot claim its pool.
  Part poolClaims(std::string_view data, size_t firstLine, const int64_t* places, size_t records,
                  std::vector<rt::PoolClaim>& claims, std::string& problem);
  // The rows zc run writes for these lines once the pools are settled:
  // granted[pool] holds the shares of this buffer's claims on each pool, and
  // used[pool] becomes how many of them its claims took. SharesShort when
  // they are fewer than its claims.
  Part evaluateSettled(std::string_view data, size_t firstLine, const int64_t* places, size_t records,
                       const rt::PoolLayout::Shares& granted, std::vector<size_t>& used, std::string& out,
                       rt::JsonLinesTally& tally);

  // 排名, in two phases (zhengce.h): each line's record's keys (rt::rankKeyBytes
  // a record, appended to `keys`); and the rows zc run writes for these lines
  // with places[i × rankings + r] as record i's place in ranking r. False
  // when `records` is not the number of lines.
  size_t rankKeys(std::string_view data, size_t firstLine, std::string& keys);
  bool evaluateRanked(std::string_view data, size_t firstLine, const int64_t* places, size_t records, std::string& out,
                      rt::JsonLinesTally& tally);

 private:
  // Cuts the data into lines_; false when places are given for another number of records.
  bool cutLines(std::string_view data, size_t firstLine, const int64_t* places, size_t records);
  rt::LinePlaces linePlaces(const int64_t* places) const;
  const RulesetDescription& description_;
  std::vector<rt::Kind> paramKinds_;
  std::vector<rt::Scalar> params_;
  rt::ParamPointers pointers_;
  rt::RecordEvaluator core_;
  rt::PoolLayout pools_;
  std::vector<rt::JsonLine> lines_;
};

}  // namespace zc::library
