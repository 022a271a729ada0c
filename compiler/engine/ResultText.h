// A record's result for people, as zc eval and the REPL's :eval show it.
#pragma once

#include <string>

#include "zc/results.h"

namespace zc {

// One line an award, the totals, and the clauses that failed.
std::string renderAwards(const rt::RecordResult& result);
// Where a clause error happened, for a message: "in clause X" or "in clause X, item P-01".
std::string failedIn(const rt::ClauseError& error);

}  // namespace zc
