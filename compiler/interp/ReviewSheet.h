// 兑现审核表: the sheet an official signs for one enterprise — each award
// beside its clause's 原文 and the formula with the values it read, the
// totals by beneficiary, clauses that failed, signature lines — as HTML, one
// printed page each (zc review). The same facts the page of zc serve prints.
#pragma once

#include <string>
#include <string_view>

#include "interp/Interpreter.h"

namespace zc {

struct ReviewHeading {
  std::string rulesetName;  // the file, for the reader
  std::string sourceHash;   // SHA-256 of the ruleset's sources
  std::string zcVersion;
  std::string date;  // YYYY-MM-DD
};

// One enterprise's sheet: a <section class="sheet">; `name` is its 名称, or empty.
std::string renderReviewSheet(const SourceManager& sources, const ir::Program& program, const Evaluation& evaluation,
                              std::string_view name, const ReviewHeading& heading);

// Text made safe to stand in HTML.
std::string htmlText(std::string_view text);

}  // namespace zc
