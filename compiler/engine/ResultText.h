// A record's result for people, as zc eval and the REPL's :eval show it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "zc/results.h"

namespace zc {

// One line an award, the totals, and the clauses that failed.
std::string renderAwards(const rt::RecordResult& result);
// A clause as people read it in results: "X", or "X[P-01]" for an item of a per-item clause.
std::string clauseAndItem(std::string_view clause, const std::optional<std::string>& item);
// Where a clause error happened, for a message: "in clause X" or "in clause X, item P-01".
std::string failedIn(const rt::ClauseError& error);

}  // namespace zc
