// Where an award can come out negative: a subtraction (or a minus sign) in
// the amount, or in a 设 binding it reads, that nothing guards. A negative
// amount is a run-time error of its clause, so `zc check` warns ahead of time.
#pragma once

#include <optional>

#include "ast/Ast.h"
#include "source/SourceManager.h"

namespace zc::sema {

// Guards, in the author's own terms: the subtraction sits inside 最大(…, c)
// with a constant c ≥ 0 or inside 绝对值(…); it is a − 最小(…, a, …); a
// condition of the clause (or of an enclosing 如果 … 则) orders its operands,
// a ≥ b or b < a for a − b; or a condition holds what contains it ≥ c ≥ 0
// (条件 增量 ≥ 500 万元 for a 设 增量 that subtracts). Operands are matched by
// their source text. Returns the first unguarded one.
std::optional<Span> findUnguardedSubtraction(const ast::ClauseDecl& clause, const SourceManager& sources);

}  // namespace zc::sema
