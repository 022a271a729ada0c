#include "interp/Explanation.h"

#include <fmt/format.h>

#include "engine/ResultText.h"
#include "interp/TraceText.h"
#include "ir/IrQueries.h"

namespace zc {

namespace {

void renderItems(const SourceManager& sources, const ClauseTrace& t, std::string& out) {
  const ListItem* previous = nullptr;
  for (const ListItem& item : t.items) {
    if (previous == nullptr || previous->loop.begin != item.loop.begin)
      out += fmt::format("    逐项 {}:\n", snippet(sources, item.loop));
    std::string counted = item.value.empty() ? "计入" : "计入 " + item.value;
    out += fmt::format("      第{}项 {}: {}\n", item.position + 1, item.item,
                       item.kept ? counted : "未计入 (不满足筛选条件)");
    previous = &item;
  }
}

}  // namespace

std::string renderExplanation(const SourceManager& sources, const ir::Program& program, const Evaluation& evaluation,
                              const RunFigures* run) {
  std::string out;
  SharedLets shared = sharedLetsShown(evaluation.trace, program);
  int policy = -1;
  for (const ClauseTrace& t : evaluation.trace) {
    const ir::Clause& clause = program.clauses[t.clause];
    if (clause.policy != policy) {
      policy = clause.policy;
      const ir::Policy& p = program.policies[policy];
      out += fmt::format("政策 {}{}: {}\n", p.id, p.title.empty() ? "" : " " + p.title, policyVerdictText(program, t));
      if (t.failedApplies >= 0)
        out += fmt::format("  不成立的适用条件: {}\n", snippet(sources, p.appliesSpans[t.failedApplies]));
      if (t.heldExclude >= 0)
        out += fmt::format("  成立的排除条件: {}\n", snippet(sources, p.excludesSpans[t.heldExclude]));
      for (const auto& [field, value] : t.policyInputs)
        out += fmt::format("  输入 {} = {}\n", program.schema.fields[field].name, value);
      // Shared by its clauses, so explained here once.
      for (const auto& [let, value] : shared.of(policy)) {
        out += fmt::format("  设 {} = {}\n", p.lets[let].name, value);
        if (!p.lets[let].source.empty()) out += fmt::format("    原文: {}\n", p.lets[let].source);
      }
      if (!t.applicable) continue;
    } else if (!t.applicable) {
      continue;
    }
    out += fmt::format("  条款 {}{}: {}\n", clause.id, itemText(t), clauseVerdictText(program, t));
    out += fmt::format("    原文: {}\n", clause.source);
    if (t.item >= 0) out += fmt::format("    本项: {}\n", t.itemValues);
    if (t.error) continue;
    if (t.failedCondition >= 0)
      out += fmt::format("    不成立的条件: {}\n", snippet(sources, clause.conditionSpans[t.failedCondition]));
    for (const ConditionPart& part : t.conditionParts)
      if (!part.held)
        out += fmt::format("      其中不成立的部分: {} (this part does not hold)\n", conditionPartText(sources, part));
    for (const auto& [field, value] : t.inputs)
      out += fmt::format("    输入 {} = {}\n", program.schema.fields[field].name, value);
    for (const RankRead& read : rankReads(program, t.inputs, run))
      out += fmt::format("    排名 {}: {}\n", read.ranking->name, rankReadText(program, read));
    for (const auto& [param, value] : t.params) {
      const ir::Param& p = program.params[param];
      out += fmt::format("    参数 {} = {}{}\n", p.name, value, p.from ? fmt::format(" ({} 起)", ir::dateFrom(p)) : "");
    }
    if (t.failedCondition < 0) {
      for (const ConditionPart& part : t.conditionParts)
        if (part.held)
          out += fmt::format("    条件 {}: 成立, 因为 {} (an alternative holds)\n",
                             snippet(sources, clause.conditionSpans[part.condition]), conditionPartText(sources, part));
      for (const auto& [name, value] : t.values) out += fmt::format("    设 {} = {}\n", name, value);
      renderItems(sources, t, out);
      for (const Choice& choice : t.choices) {
        ChoiceText c = choiceText(sources, choice);
        if (c.branch)
          out += fmt::format("    {}{} 取 {}{}\n", c.keyword, c.subject.empty() ? "" : " " + c.subject, c.arm,
                             choice.otherwise ? " (否则)" : "");
        else
          out += fmt::format("    跨越 {}: {}\n", c.expression, choice.crossed ? "是 (crossed)" : "否 (not crossed)");
      }
      for (const BracketPart& b : t.brackets)
        out += fmt::format("    累进 {}: {}\n", snippet(sources, b.span),
                           b.reached ? bracketText(sources, b) : "未达到 (not reached)");
      for (const ShownValue& cap : t.caps)
        out += fmt::format("    封顶 {} = {}\n", snippet(sources, cap.span), cap.text);
      if (!t.rawAmount.empty()) {
        std::string formula = formulaWithValues(sources, t);
        std::string rounded = t.halfUp ? fmt::format("四舍五入到分 {} 元超过上限, 取不超过上限的 {} 元",
                                                     rt::formatMoney(*t.halfUp), rt::formatMoney(*t.amount))
                                       : fmt::format("四舍五入到分 {} 元", rt::formatMoney(*t.amount));
        out += fmt::format("    计算 {}{} → {}\n", formula.empty() ? "" : formula + " = ", t.rawAmount, rounded);
      }
      for (const RuleEffect& rule : t.rules) {
        std::string limit = capLimitText(sources, rule);
        out += fmt::format("    {}: {}{}\n", ruleText(sources, rule.rule), ruleEffectText(program, rule),
                           limit.empty() ? "" : "; " + limit);
      }
      // One record cannot settle a fund the whole run shares; a run did.
      const PoolShare* share = run != nullptr ? poolShareOf(program, *run, t) : nullptr;
      if (share != nullptr)
        out += fmt::format("    结算 {}\n", poolShareText(program, *run, *share));
      else if (clause.pool >= 0 && t.amount && run == nullptr)
        out += fmt::format("    资金池: 以上为资金池结算前的金额 (before the pool): {}; zc run 在全部记录评估后结算\n",
                           describePool(program, program.pools[clause.pool]));
    }
  }
  return out;
}

}  // namespace zc
