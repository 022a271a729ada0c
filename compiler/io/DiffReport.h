// What a change of the rules costs (zc diff): per record and clause the old
// and the new amount, totals by clause, policy, beneficiary and payer, and how many
// records gain, lose, start or stop being paid — written as a table for
// people, JSON for programs, or a workbook.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "io/ResultSink.h"
#include "zc/runtime.h"

namespace zc {

// An amount that is paid, eligible only (no amount), or not awarded at all.
struct DiffAmount {
  bool awarded = false;
  bool hasAmount = false;
  zc_dec amount{0, 1};
};

struct ClauseChange {
  std::string clause, item, beneficiary;
  DiffAmount before, after;
};

struct RecordChange {
  std::string id;
  size_t line = 0;
  zc_dec before{0, 1}, after{0, 1};     // the record's awards added up, every beneficiary
  std::vector<ClauseChange> clauses;    // only those whose award changed
  std::string beforeError, afterError;  // the record failed on that side
};

struct DiffTotal {
  std::string key, label;  // clause id, policy, or beneficiary; label: a policy's title
  zc_dec before{0, 1}, after{0, 1};
  bool fits = true;
};

struct RulesetDiff {
  Provenance before, after;
  std::string beforeName, afterName;  // the files, and the --param values on the new side
  std::vector<RecordChange> changed;  // records whose awards changed, in input order
  std::vector<DiffTotal> byClause, byPolicy, byBeneficiary;
  // By 出资方, when either side's clauses name one (those that name none under 未注明); else empty.
  std::vector<DiffTotal> byPayer;
  size_t records = 0, gaining = 0, losing = 0, starting = 0, stopping = 0, unchanged = 0, failed = 0;
};

// Each writes the whole report to `out`; the workbook one throws
// std::runtime_error when it cannot be made.
void writeDiffTable(std::FILE* out, const RulesetDiff& diff);
void writeDiffJson(std::FILE* out, const RulesetDiff& diff);
void writeDiffXlsx(std::FILE* out, const RulesetDiff& diff);

}  // namespace zc
