#include "interp/Explanation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace zc {

namespace {

// Source text on one line, runs of white space as one space.
std::string snippet(const SourceManager& sources, Span span) {
  std::string text;
  for (char c : sources.text(span)) {
    bool space = c == '\n' || c == ' ' || c == '\t' || c == '\r';
    if (!space) text += c;
    else if (!text.empty() && text.back() != ' ') text += ' ';
  }
  return text;
}

// Whether the code point starting at text[i] can be part of a name: ASCII
// letters, digits and _, and the CJK ideographs; operators and brackets
// (×, ≥, （, …) cannot.
bool nameByteAt(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return std::isalnum(c) || c == '_';
  if ((c & 0xF0) != 0xE0 || i + 2 >= text.size() + 0) return false;
  unsigned cp = (c & 0x0F) << 12 | (static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6 |
                (static_cast<unsigned char>(text[i + 2]) & 0x3F);
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

// The start of the code point that ends just before text[i].
size_t previousCodePoint(std::string_view text, size_t i) {
  do --i;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80);
  return i;
}

// The award's source with each value it read written after it:
// 50% × 省级高成长奖励 (29.14 万元). Empty when it read nothing.
std::string formulaWithValues(const SourceManager& sources, const ClauseTrace& t) {
  std::string_view text = sources.text(t.formula);
  // (offset in text, what to insert there)
  std::vector<std::pair<size_t, std::string>> inserts;
  for (const ShownValue& leaf : t.leaves) inserts.push_back({leaf.span.end - t.formula.begin, leaf.text});
  for (const auto& [name, value] : t.values) {
    for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + name.size())) {
      size_t end = at + name.size();
      bool whole = (at == 0 || !nameByteAt(text, previousCodePoint(text, at))) && (end == text.size() || !nameByteAt(text, end));
      if (whole) inserts.push_back({end, value});
    }
  }
  if (inserts.empty()) return "";
  std::sort(inserts.begin(), inserts.end());
  std::string out;
  size_t from = 0;
  for (const auto& [at, value] : inserts) {
    out.append(text.substr(from, at - from));
    out += fmt::format(" ({})", value);
    from = at;
  }
  out.append(text.substr(from));
  std::string line;
  for (char c : out) {
    bool space = c == '\n' || c == ' ' || c == '\t' || c == '\r';
    if (!space) line += c;
    else if (!line.empty() && line.back() != ' ') line += ' ';
  }
  return line;
}

void renderItems(const SourceManager& sources, const ClauseTrace& t, std::string& out) {
  const ListItem* previous = nullptr;
  for (const ListItem& item : t.items) {
    if (previous == nullptr || previous->loop.begin != item.loop.begin)
      out += fmt::format("    逐项 {}:\n", snippet(sources, item.loop));
    std::string counted = item.value.empty() ? "计入" : "计入 " + item.value;
    out += fmt::format("      第{}项 {}: {}\n", item.position + 1, item.item, item.kept ? counted : "未计入 (不满足筛选条件)");
    previous = &item;
  }
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
      verdict = clause.kind == ir::ResultKind::Award
                    ? fmt::format("发放 {} 元给{}", rt::formatMoney(t.paid ? *t.paid : *t.amount), clause.beneficiary)
                : clause.kind == ir::ResultKind::Manual ? "一事一议 (case-by-case decision)"
                                                        : "符合资格 (eligible, no amount)";
    } else if (t.failedCondition >= 0) {
      verdict = "未触发 (a condition does not hold)";
    } else if (!t.rules.empty()) {
      verdict = t.rules.back().second;
    } else {
      verdict = "金额为零 (amount is zero, not reported)";
    }
    out += fmt::format("  条款 {}: {}\n", clause.id, verdict);
    out += fmt::format("    原文: {}\n", clause.source);
    if (t.failedCondition >= 0)
      out += fmt::format("    不成立的条件: {}\n", snippet(sources, clause.conditionSpans[t.failedCondition]));
    for (const auto& [field, value] : t.inputs) out += fmt::format("    输入 {} = {}\n", program.schema.fields[field].name, value);
    for (const auto& [param, value] : t.params) {
      const ir::Param& p = program.params[param];
      char from[16] = "";
      if (p.from) zc_date_format(*p.from, from);
      out += fmt::format("    参数 {} = {}{}\n", p.name, value, p.from ? fmt::format(" ({} 起)", from) : "");
    }
    if (t.failedCondition < 0) {
      for (const auto& [name, value] : t.values) out += fmt::format("    设 {} = {}\n", name, value);
      renderItems(sources, t, out);
      for (const Choice& choice : t.choices) {
        std::string what = snippet(sources, choice.expression);
        std::string keyword = what.substr(0, what.find(' '));
        // A 跨越 threshold is an If of its own, spanning the threshold.
        bool branch = keyword == "档位" || keyword == "匹配" || keyword == "如果" || keyword == "tier" || keyword == "match" ||
                      keyword == "if";
        if (branch) out += fmt::format("    {} 取 {}{}\n", keyword, snippet(sources, choice.arm), choice.tested ? "" : " (否则)");
        else out += fmt::format("    跨越 {}: {}\n", what, choice.tested ? "是 (crossed)" : "否 (not crossed)");
      }
      for (const BracketPart& b : t.brackets)
        out += b.reached ? fmt::format("    累进 {}: 计入 {} → {}\n", snippet(sources, b.span), b.part, b.earned)
                         : fmt::format("    累进 {}: 未达到 (not reached)\n", snippet(sources, b.span));
      for (const ShownValue& cap : t.caps) out += fmt::format("    封顶 {} = {}\n", snippet(sources, cap.span), cap.text);
      if (!t.rawAmount.empty()) {
        std::string formula = formulaWithValues(sources, t);
        out += fmt::format("    计算 {}{} → 四舍五入到分 {} 元\n", formula.empty() ? "" : formula + " = ", t.rawAmount,
                           rt::formatMoney(*t.amount));
      }
      for (const auto& [rule, what] : t.rules) {
        std::string text = snippet(sources, rule);
        if (!text.empty() && text.back() == ';') text.pop_back();
        out += fmt::format("    {}: {}\n", text, what);
      }
    }
  }
  return out;
}

}  // namespace zc
