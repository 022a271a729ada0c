// A program's 资金池s as the runtime settles them: which clauses claim which
// pool (rt::PoolLayout), and each pool's amount in 分 with the parameters in
// force. For zc run and zc test; a compiled library reads the same from its
// description.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/Ir.h"
#include "zc/pool_claims.h"

namespace zc {

rt::PoolLayout poolLayout(const ir::Program& program);
// Its literal, or its parameter's value (params: every parameter's value in
// force) in 元, rounded down to the 分; nothing, with `problem`, when that is
// below zero or too large.
std::optional<int64_t> poolCents(const ir::Pool& pool, const std::vector<rt::Scalar>& params, std::string& problem);

}  // namespace zc
