// What evaluating one record yields, and how results are written: JSON Lines
// (the format of docs/results.md), CSV and a table for people.
#pragma once

#include <string>
#include <vector>

#include "zc/runtime.h"

namespace zc::rt {

struct Award {
  std::string clause;
  std::string beneficiary;
  bool hasAmount = false;  // false: eligibility only, or 一事一议
  bool manual = false;
  zc_dec amount = 0;       // 元, two places
};

struct Total {
  std::string key;         // enterprise → "total_enterprise"
  std::string beneficiary;
  zc_dec amount = 0;
};

struct RecordResult {
  std::string id;
  std::vector<Award> awards;  // sorted by clause id, then beneficiary
  std::vector<Total> totals;  // one per declared beneficiary
};

std::string formatMoney(zc_dec amount);  // two places
std::string jsonString(std::string_view text);
std::string toJsonLine(const RecordResult& result);
std::string csvHeader();
std::string toCsvRows(const RecordResult& result);
std::string csvField(std::string_view text);

}  // namespace zc::rt
