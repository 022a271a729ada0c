// What turns a record's per-clause outcomes into its result: the clauses in
// outcome order, the beneficiaries, and where each site's error is reported.
// Made from a program, or read back from a compiled ruleset's
// zc_ruleset_table, so result assembly needs nothing else of the compiler.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"
#include "zc/batch.h"

namespace zc {

struct ResultTable {
  struct ClauseEntry {
    std::string id;
    std::string beneficiary;
    ir::ResultKind kind = ir::ResultKind::Award;
    // A per-item clause: its list field, and the field of the list's records
    // that names an item (-1: the position does).
    int itemList = -1;
    int itemKey = -1;
    bool itemKeyIsText = false;
    bool operator==(const ClauseEntry&) const = default;
  };
  std::vector<ClauseEntry> clauses;
  std::vector<ir::Beneficiary> beneficiaries;
  std::vector<std::string> locations;  // per site: "rules.zc:12:5"

  static ResultTable of(const ir::Program& program);
  static ResultTable of(const zc_ruleset_table& table);
  bool operator==(const ResultTable&) const = default;
};

}  // namespace zc
