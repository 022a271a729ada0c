#include "interp/Explanation.h"

#include <fmt/format.h>

namespace zc {

namespace {

std::string snippet(const SourceManager& sources, Span span) {
  std::string text(sources.text(span));
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

}  // namespace

std::string renderExplanation(const SourceManager& sources, const ir::Program& program, const Evaluation& evaluation) {
  std::string out;
  int policy = -1;
  for (const ClauseTrace& t : evaluation.trace) {
    const ir::Clause& clause = program.clauses[t.clause];
    if (clause.policy != policy) {
      policy = clause.policy;
      const ir::Policy& p = program.policies[policy];
      out += fmt::format("政策 {}{}: {}\n", p.id, p.title.empty() ? "" : " " + p.title,
                         t.policyFailed ? "出错 (error): " + formatEvalError(ResultTable::of(program), *t.error)
                         : t.applicable ? "适用 (applies)"
                                        : "不适用 (does not apply)");
      if (t.failedApplies >= 0) out += fmt::format("  不成立的适用条件: {}\n", snippet(sources, p.appliesSpans[t.failedApplies]));
      if (t.heldExclude >= 0) out += fmt::format("  成立的排除条件: {}\n", snippet(sources, p.excludesSpans[t.heldExclude]));
      for (const auto& [field, value] : t.policyInputs)
        out += fmt::format("  输入 {} = {}\n", program.schema.fields[field].name, value);
      if (!t.applicable) continue;
    } else if (!t.applicable) {
      continue;
    }
    std::string verdict;
    if (t.error) {
      out += fmt::format("  条款 {}: 出错 (error): {}\n", clause.id, formatEvalError(ResultTable::of(program), *t.error));
      out += fmt::format("    原文: {}\n", clause.source);
      continue;
    }
    if (t.fired) {
      verdict = clause.kind == ir::ResultKind::Award ? fmt::format("发放 {} 元给{}", rt::formatMoney(*t.amount), clause.beneficiary)
                : clause.kind == ir::ResultKind::Manual ? "一事一议 (case-by-case decision)"
                                                        : "符合资格 (eligible, no amount)";
    } else if (t.failedCondition >= 0) {
      verdict = "未触发 (a condition does not hold)";
    } else {
      verdict = "金额为零 (amount is zero, not reported)";
    }
    out += fmt::format("  条款 {}: {}\n", clause.id, verdict);
    out += fmt::format("    原文: {}\n", clause.source);
    if (t.failedCondition >= 0)
      out += fmt::format("    不成立的条件: {}\n", snippet(sources, clause.conditionSpans[t.failedCondition]));
    for (const auto& [field, value] : t.inputs) out += fmt::format("    输入 {} = {}\n", program.schema.fields[field].name, value);
    for (const auto& [param, value] : t.params) out += fmt::format("    参数 {} = {}\n", program.params[param].name, value);
    if (t.failedCondition < 0) {
      for (const auto& [name, value] : t.values) out += fmt::format("    设 {} = {}\n", name, value);
      if (!t.rawAmount.empty())
        out += fmt::format("    计算 {} → 四舍五入到分 {} 元\n", t.rawAmount, rt::formatMoney(*t.amount));
    }
  }
  return out;
}

}  // namespace zc
