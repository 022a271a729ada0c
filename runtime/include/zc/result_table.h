// What turns a record's per-clause outcomes into its result: the clauses in
// outcome order, the beneficiaries, and where each site's error is reported.
// The compiler makes it from a program (ir::resultTable); compiled code
// carries it as zc_ruleset_table. Result assembly needs nothing else.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "zc/batch.h"

namespace zc::rt {

// What a clause gives where it fires: an amount, eligibility only (仅资格),
// or a case decided by hand (一事一议). zc_clause_info::kind holds its number.
enum class ResultKind : uint8_t { Award, Eligible, Manual };

struct Beneficiary {
  std::string name;
  std::string totalKey;  // the key of its total in results: total_enterprise
  bool operator==(const Beneficiary&) const = default;
};

struct ResultTable {
  struct ClauseEntry {
    std::string id;
    std::string beneficiary;
    ResultKind kind = ResultKind::Award;
    // A per-item clause: its list field, and the field of the list's records
    // that names an item (-1: the position does).
    int itemList = -1;
    int itemKey = -1;
    bool itemKeyIsText = false;
    std::string payer;  // 出资方, or empty
    bool operator==(const ClauseEntry&) const = default;
  };
  std::vector<ClauseEntry> clauses;
  std::vector<Beneficiary> beneficiaries;
  std::vector<std::string> locations;  // per site: "rules.zc:12:5"

  static ResultTable of(const zc_ruleset_table& table);
  bool operator==(const ResultTable&) const = default;
};

}  // namespace zc::rt
