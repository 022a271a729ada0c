// What evaluating one record yields, and how results are written: JSON Lines
// (the format of docs/results.md), CSV and a table for people.
#pragma once

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
  zc_dec amount = 0;       // 元, two places
};

struct Total {
  std::string_view key;    // "total_enterprise"
  std::string_view beneficiary;
  zc_dec amount = 0;
};

struct ClauseError {
  std::string_view clause;
  std::string message;  // "rules.zc:12:5: division by zero"
};

struct RecordResult {
  std::string id;
  std::vector<Award> awards;  // sorted by clause id, then beneficiary
  std::vector<Total> totals;  // one per declared beneficiary
  std::vector<ClauseError> errors;  // in clause order; empty when every clause evaluated
};

std::string formatMoney(zc_dec amount);  // two places
std::string jsonString(std::string_view text);
std::string toJsonLine(const RecordResult& result);
// Appends the JSON line (with its newline) or the CSV rows, without temporaries.
void appendJsonLine(std::string& out, const RecordResult& result);
std::string csvHeader();
void appendCsvRows(std::string& out, const RecordResult& result);

}  // namespace zc::rt
