// What evaluating one record yields, and how results are written as JSON
// Lines (the format of docs/results.md) and CSV.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zc/runtime.h"

namespace zc::rt {

// Names are views into the evaluated program, which outlives its results.
struct Award {
  std::string_view clause;
  std::string_view beneficiary;
  bool hasAmount = false;  // false: eligibility only, or 一事一议
  bool manual = false;
  zc_dec amount{};                  // 元, two places
  std::optional<std::string> item;  // a per-item clause (逐项): the item's 键, or its position from 1
  std::string_view payer;           // 出资方, empty when the clause names none
};

struct Total {
  std::string_view key;  // "total_enterprise"
  std::string_view beneficiary;
  zc_dec amount{};
};

// A clause that failed at run time (division by zero, overflow). It fails
// only itself: the record keeps the awards of its other clauses.
struct ClauseError {
  std::string_view clause;
  std::string message;              // "rules.zc:12:5: division by zero"
  std::optional<std::string> item;  // the item of a per-item clause that failed
};

struct RecordResult {
  std::string id;
  std::vector<Award> awards;        // sorted by clause id, then beneficiary; a per-item clause's in list order
  std::vector<Total> totals;        // one per declared beneficiary
  std::vector<ClauseError> errors;  // in clause order; empty when every clause evaluated
};

// A record without a result: it could not be read or evaluated. It still
// gets a row in its place, so no input record is missing from the output.
struct FailedRecord {
  std::string_view id;     // empty when the id could not be read
  size_t line = 0;         // in the input
  std::string_view error;  // "field 营业收入: expected a number in 万元, found …"
};

std::string formatMoney(const zc_dec& amount);  // two places
// Record text as a terminal or a reader may see it: control characters (a
// newline that would forge a row, an escape sequence) written as \n, \x1b, \u{9b}.
std::string printable(std::string_view text);
std::string jsonString(std::string_view text);
void appendJsonString(std::string& out, std::string_view text);
std::string toJsonLine(const RecordResult& result);
// Appends the JSON line (with its newline) or the CSV rows, without temporaries.
// A clause error is an "errors" entry after the totals, or a CSV row of its own;
// a record with no award and no error is one CSV row with only its id.
void appendJsonLine(std::string& out, const RecordResult& result);
void appendJsonLine(std::string& out, const FailedRecord& failed);
// With an item column after clause only for a ruleset that pays per item,
// and a payer column after beneficiary only for one whose clauses name an
// 出资方, so other rulesets' CSV keeps its columns.
std::string csvHeader(bool items, bool payers = false);
void appendCsvRows(std::string& out, const RecordResult& result, bool items, bool payers = false);
void appendCsvRow(std::string& out, const FailedRecord& failed, bool items, bool payers = false);

}  // namespace zc::rt
