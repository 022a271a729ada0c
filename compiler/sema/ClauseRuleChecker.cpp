// 就高 and 封顶: rules over a policy's clauses, checked here and lowered to
// one IR step each, which every engine applies with the same runtime call.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "ir/RuntimeFunction.h"
#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

void Checker::checkClauseRule(const ast::ClauseGroupDecl& rule, int firstClause, Scope scope) {
  bool highest = rule.kind == ast::ClauseGroupDecl::Kind::Highest;
  const char* keyword = highest ? "就高" : "封顶";
  ir::Step step{.kind = highest ? ir::StepKind::Highest : ir::StepKind::Cap,
                .proRata = rule.kind == ast::ClauseGroupDecl::Kind::CapProRata,
                .perItem = rule.perItem,
                .span = rule.span};
  bool ok = true;
  for (const ast::Name& id : rule.clauses) {
    auto found = clauseIndex_.find(id.text);
    if (found == clauseIndex_.end() || found->second < firstClause) {
      auto& d = diags_.report(DiagKind::UnknownClauseInRule, id.span,
                              fmt::format("this policy has no clause '{}' for {} to combine", id.text, keyword));
      std::vector<std::string> ids;
      for (size_t c = firstClause; c < out_.program.clauses.size(); ++c) ids.push_back(out_.program.clauses[c].id);
      std::string near = closestName(id.text, ids);
      if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
      ok = false;
      continue;
    }
    int clause = found->second;
    const ir::Clause& member = out_.program.clauses[clause];
    if (std::find(step.members.begin(), step.members.end(), clause) != step.members.end()) {
      diags_.report(DiagKind::InvalidRuleMember, id.span, fmt::format("{} is listed twice", id.text));
      ok = false;
    } else if (member.kind != rt::ResultKind::Award) {
      auto& d = diags_.report(DiagKind::InvalidRuleMember, id.span,
                              fmt::format("{} pays no amount ({}), so {} has nothing of it to combine", id.text,
                                          member.kind == rt::ResultKind::Eligible ? "仅资格" : "一事一议", keyword));
      d.notes.push_back({member.span, "the clause"});
      ok = false;
    } else if (!step.members.empty() && out_.program.clauses[step.members[0]].beneficiary != member.beneficiary) {
      const ir::Clause& first = out_.program.clauses[step.members[0]];
      auto& d = diags_.report(DiagKind::InvalidRuleMember, id.span,
                              fmt::format("{} pays {}, but {} pays {}: {} combines awards to one beneficiary", id.text,
                                          member.beneficiary, first.id, first.beneficiary, keyword));
      d.notes.push_back({first.span, "the first clause named"});
      ok = false;
    } else if (rule.perItem && member.itemList < 0) {
      auto& d = diags_.report(
          DiagKind::InvalidRuleMember, id.span,
          fmt::format("{} pays once, not per item: {} 逐项 combines the awards of each item", id.text, keyword));
      d.notes.push_back({member.span, "the clause"});
      d.hint = fmt::format("drop 逐项 to combine whole clauses, or give {} a 逐项 line", id.text);
      ok = false;
    } else if (rule.perItem && !step.members.empty() &&
               out_.program.clauses[step.members[0]].itemList != member.itemList) {
      const ir::Clause& first = out_.program.clauses[step.members[0]];
      auto& d =
          diags_.report(DiagKind::InvalidRuleMember, id.span,
                        fmt::format("{} pays per item of another list than {}: {} 逐项 combines the awards of one item",
                                    id.text, first.id, keyword));
      d.notes.push_back({first.itemSpan, "the first clause's items"});
      d.notes.push_back({member.itemSpan, "this clause's items"});
      ok = false;
    }
    step.members.push_back(clause);
  }
  if (highest && rule.clauses.size() < 2) {
    diags_.report(DiagKind::InvalidRuleMember, rule.span, "就高 chooses between two or more clauses");
    ok = false;
  }
  const NamedUnit* yuan = out_.symbols.yuan();
  // An amount of money in 元, or nothing after a diagnostic.
  auto inYuan = [&](const ast::Expr& expr, const char* what) -> std::optional<ir::ValueId> {
    Typed value = check(expr, scope);
    if (value.error()) return std::nullopt;
    bool money = yuan != nullptr &&
                 (value.zero || (value.type.kind == K::Quantity && value.type.unit.sameDimension(yuan->unit)));
    if (!money) {
      diags_
          .report(DiagKind::AwardNotMoney, expr.span,
                  fmt::format("{} is an amount of money, but this is {}", what, typeName(value.type)))
          .hint = notMoneyHint(value.type, expr);
      return std::nullopt;
    }
    return convert(value, Type::quantity(yuan->unit), expr.span);
  };
  if (rule.limit) {
    // The limit as written, 扣除 included, so an explanation shows its inputs.
    Span at = rule.limit->span;
    if (rule.received) at = Span::cover(at, rule.received->span);
    std::optional<ir::ValueId> limit = inYuan(*rule.limit, "a 封顶 limit");
    // A bare 已享受 there counts what was received under the rule's own
    // clauses, or under their policy as a whole.
    std::vector<ast::Name> counted = rule.clauses;
    counted.push_back({out_.program.policies.back().id, rule.span});
    scope.ruleClauses = &counted;
    std::optional<ir::ValueId> received =
        rule.received ? inYuan(*rule.received, "what 扣除 takes from a 封顶 limit") : std::nullopt;
    scope.ruleClauses = nullptr;
    ok = ok && limit && (!rule.received || received);
    if (limit && received) {
      // What is left of a lifetime limit: never below 0, since having received more pays nothing and is no error.
      ir::ValueId left = ir_.call(static_cast<int>(ir::RuntimeFn::DecSub), ir::Type::Dec, {*limit, *received}, at);
      limit = ir_.call(static_cast<int>(ir::RuntimeFn::DecMax), ir::Type::Dec, {left, ir_.constDec({0, 1}, at)}, at);
    }
    // Rounded down: 不超过 a limit with a fraction of a 分 allows no part of it.
    if (limit)
      step.value =
          ir_.call(static_cast<int>(ir::RuntimeFn::DecFloor), ir::Type::Dec, {*limit, ir_.constInt(2, at)}, at);
  }
  if (ok) out_.program.steps.push_back(std::move(step));
}

}  // namespace zc
