// A record's result for people, as zc eval and the REPL's :eval show it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ir/Ir.h"
#include "zc/results.h"

namespace zc {

// One line an award, the totals, and the clauses that failed.
std::string renderAwards(const rt::RecordResult& result);
// A clause as people read it in results: "X", or "X[P-01]" for an item of a per-item clause.
std::string clauseAndItem(std::string_view clause, const std::optional<std::string>& item);
// Where a clause error happened, for a message: "in clause X" or "in clause X, item P-01".
std::string failedIn(const rt::ClauseError& error);
// What a 资金池 does, for zc check and for a single record's result, whose
// amounts are before it: "CJ-1, CJ-2 share 资金池 … (1500 万元, 按比例) over the
// whole run".
std::string describePool(const ir::Program& program, const ir::Pool& pool);
// For one record's result: a line for each pool an award of it claims,
// saying its amounts are before the pool ("note: amounts before the pool: …").
std::string poolNotes(const ir::Program& program, const rt::RecordResult& result);

}  // namespace zc
