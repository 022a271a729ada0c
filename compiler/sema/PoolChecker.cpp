// 资金池: a fund the awards of a policy's clauses share over a whole run.
// Checked here and lowered to an ir::Pool, a declaration rather than a step:
// the engines evaluate each record as they would without it, and the run
// settles the pools over the final awards (zc/pool.h).
#include <fmt/format.h>

#include <algorithm>

#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

namespace {

std::optional<zc_dec> inYuan(const Rational& value, const Unit& unit, const Unit& yuan) {
  auto ratio = divide(unit.scale, yuan.scale);
  if (!ratio) return std::nullopt;
  auto amount = multiply(value, *ratio);
  if (!amount || !amount->withinRuntimeRange()) return std::nullopt;
  return amount->toDec();
}

}  // namespace

void Checker::checkPool(const ast::PoolDecl& decl, int policy, int firstClause, Scope scope) {
  const NamedUnit* yuan = out_.symbols.yuan();
  ir::Pool pool{.policy = policy, .proRata = decl.proRata, .span = decl.span};
  const std::string& policyId = out_.program.policies[policy].id;
  int numbered = static_cast<int>(std::count_if(out_.program.pools.begin(), out_.program.pools.end(),
                                                [&](const ir::Pool& p) { return p.policy == policy; }));
  pool.name = numbered == 0 ? policyId + " 资金池" : fmt::format("{} 资金池{}", policyId, numbered + 1);
  bool ok = true;
  auto bad = [&](Span at, std::string message) -> Diagnostic& {
    ok = false;
    return diags_.report(DiagKind::InvalidPool, at, std::move(message));
  };

  // The amount: known before any record is read, so a literal or a parameter.
  const ast::Expr& amount = *decl.amount;
  if (yuan == nullptr) {
    bad(amount.span, "a 资金池 is an amount in 元, and this ruleset declares no 元").hint = "导入 \"std/units.zc\";";
  } else if (amount.kind == ast::ExprKind::Name && out_.symbols.findParam(amount.name.text) >= 0) {
    int index = out_.symbols.findParam(amount.name.text);
    const sema::ParamInfo& param = out_.symbols.params[index];
    out_.names.uses.push_back({amount.span, param.span, sema::NameKind::Parameter});
    if (param.type.kind != K::Quantity || !param.type.unit.sameDimension(yuan->unit)) {
      bad(amount.span, fmt::format("a 资金池 is an amount of money, but {} is {}", param.name, typeName(param.type)));
    } else if (param.dated > 0) {
      bad(amount.span,
          fmt::format("{} has dated values (按日期), but a 资金池 has one amount for the whole run", param.name));
    } else if (auto scale = inYuan(Rational::integer(1), param.type.unit, yuan->unit)) {
      pool.param = index;
      pool.paramScale = *scale;
    } else {
      bad(amount.span, "this unit cannot be converted to 元 exactly");
    }
  } else if (amount.kind == ast::ExprKind::Number) {
    if (auto folded = foldQuantity(amount)) {
      if (!folded->second.sameDimension(yuan->unit)) {
        bad(amount.span, "a 资金池 is an amount of money, such as 1500 万元");
      } else if (auto value = inYuan(folded->first, folded->second, yuan->unit)) {
        // Rounded down to the 分, as a 封顶 limit is: no fraction of a 分 is paid.
        zc_dec floored;
        zc_dec_floor(&*value, 2, &floored);
        pool.amount = floored;
      } else {
        bad(amount.span, "this amount is too large for the engines");
      }
    } else {
      ok = false;
    }
  } else {
    bad(amount.span,
        "a 资金池's amount is known before any record is read: write it as a number (1500 万元) or a parameter")
        .hint = "declare 参数 专项资金 = 1500 万元; and write 资金池 专项资金 …, so --param can try another budget";
  }

  // The clauses: those listed, or every one of the policy that pays an amount.
  int end = static_cast<int>(out_.program.clauses.size());
  auto claims = [&](int c) {
    const ir::Clause& clause = out_.program.clauses[c];
    if (clause.pool >= 0) {
      auto& d = bad(decl.span, fmt::format("{} already claims {}: an award is settled by one 资金池", clause.id,
                                           out_.program.pools[clause.pool].name));
      d.notes.push_back({out_.program.pools[clause.pool].span, "the other 资金池"});
      return;
    }
    pool.members.push_back(c);
  };
  if (decl.clauses.empty()) {
    for (int c = firstClause; c < end; ++c)
      if (out_.program.clauses[c].kind == rt::ResultKind::Award) claims(c);
    if (pool.members.empty() && ok)
      bad(decl.span, fmt::format("policy {} has no clause that pays an amount for this 资金池", policyId));
  }
  for (const ast::Name& id : decl.clauses) {
    auto known = clauseIndex_.find(id.text);
    int found = known != clauseIndex_.end() && known->second >= firstClause && known->second < end ? known->second : -1;
    if (found < 0) {
      bad(id.span, fmt::format("this policy has no clause '{}' for the 资金池", id.text));
    } else if (out_.program.clauses[found].kind != rt::ResultKind::Award) {
      bad(id.span, fmt::format("{} pays no amount, so it claims nothing of a 资金池", id.text));
    } else if (std::find(pool.members.begin(), pool.members.end(), found) != pool.members.end()) {
      bad(id.span, fmt::format("{} is listed twice", id.text));
    } else {
      claims(found);
    }
  }

  // 按顺序 申报日期: the field that orders the claims, smallest (earliest) first.
  if (decl.orderKey && scope.record >= 0) {
    const sema::RecordInfo& record = out_.symbols.records[scope.record];
    int field = record.find(decl.orderKey->text);
    if (field < 0) {
      reportUnknownField(record, *decl.orderKey);
      ok = false;
    } else {
      const sema::FieldInfo& info = record.fields[field];
      out_.names.uses.push_back({decl.orderKey->span, info.span, sema::NameKind::Field});
      if ((info.type.kind != K::Date && info.type.kind != K::Int) || info.type.optional)
        bad(decl.orderKey->span,
            fmt::format("a 资金池 is paid in the order of a date or a whole number every record has, "
                        "but {} is {}",
                        info.name, typeName(info.type)));
      else
        pool.orderField = field;
    }
  }
  if (!ok) return;
  int index = static_cast<int>(out_.program.pools.size());
  for (int32_t c : pool.members) out_.program.clauses[c].pool = index;
  out_.program.pools.push_back(std::move(pool));
}

}  // namespace zc
