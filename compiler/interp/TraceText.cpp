#include "interp/TraceText.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "ir/IrQueries.h"

namespace zc {

namespace {

// Runs of white space as one space.
std::string oneLine(std::string_view text) {
  std::string line;
  for (char c : text) {
    bool space = c == '\n' || c == ' ' || c == '\t' || c == '\r';
    if (!space) line += c;
    else if (!line.empty() && line.back() != ' ') line += ' ';
  }
  return line;
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

}  // namespace

std::string snippet(const SourceManager& sources, Span span) { return oneLine(sources.text(span)); }

std::string sourceWithValues(const SourceManager& sources, Span source, const std::vector<ShownValue>& leaves,
                             const std::vector<std::pair<std::string, std::string>>& lets) {
  std::string_view text = sources.text(source);
  // (offset in text, what to insert there)
  std::vector<std::pair<size_t, std::string>> inserts;
  for (const ShownValue& leaf : leaves) inserts.push_back({leaf.span.end - source.begin, leaf.text});
  for (const auto& [name, value] : lets) {
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
  return oneLine(out);
}

std::string formulaWithValues(const SourceManager& sources, const ClauseTrace& t) {
  std::vector<std::pair<std::string, std::string>> lets = t.values;
  lets.insert(lets.end(), t.sharedValues.begin(), t.sharedValues.end());
  return sourceWithValues(sources, t.formula, t.leaves, lets);
}

bool clauseComputed(const ClauseTrace& t) { return t.applicable && !t.policyFailed && !t.error && t.failedCondition < 0; }

std::vector<std::pair<int, std::string>> sharedLetsShown(const std::vector<ClauseTrace>& trace, int policy,
                                                         const ir::Program& program) {
  std::vector<std::pair<int, std::string>> shown;
  for (const ClauseTrace& t : trace) {
    if (program.clauses[t.clause].policy != policy || !clauseComputed(t)) continue;
    for (size_t i = 0; i < t.sharedLets.size(); ++i) {
      bool again = std::any_of(shown.begin(), shown.end(), [&](const auto& s) { return s.first == t.sharedLets[i]; });
      if (!again) shown.push_back({t.sharedLets[i], t.sharedValues[i].second});
    }
  }
  std::sort(shown.begin(), shown.end());
  return shown;
}

std::string ruleText(const SourceManager& sources, Span rule) {
  std::string text = snippet(sources, rule);
  if (!text.empty() && text.back() == ';') text.pop_back();
  return text;
}

PolicyVerdict policyVerdict(const ClauseTrace& first) {
  return first.policyFailed ? PolicyVerdict::Error : first.applicable ? PolicyVerdict::Applies : PolicyVerdict::DoesNotApply;
}

std::string policyVerdictText(const ir::Program& program, const ClauseTrace& first) {
  switch (policyVerdict(first)) {
    case PolicyVerdict::Error: return "出错 (error): " + rt::formatEvalError(ir::resultTable(program), *first.error);
    case PolicyVerdict::Applies: return "适用 (applies)";
    case PolicyVerdict::DoesNotApply: return "不适用 (does not apply)";
  }
  return "";
}

ClauseVerdict clauseVerdict(const ir::Program& program, const ClauseTrace& t) {
  if (t.error) return ClauseVerdict::Error;
  if (t.fired) {
    switch (program.clauses[t.clause].kind) {
      case rt::ResultKind::Award: return ClauseVerdict::Paid;
      case rt::ResultKind::Manual: return ClauseVerdict::Manual;
      case rt::ResultKind::Eligible: return ClauseVerdict::Eligible;
    }
  }
  if (t.failedCondition >= 0) return ClauseVerdict::NotTriggered;
  if (lastChange(t)) return ClauseVerdict::RuledOut;
  return ClauseVerdict::Zero;
}

std::string itemText(const ClauseTrace& trace) {
  if (trace.item < 0) return "";
  std::string position = std::to_string(trace.item + 1);
  return trace.itemName == position ? fmt::format(" [第{}项]", position) : fmt::format(" [第{}项 {}]", position, trace.itemName);
}

std::string clauseVerdictText(const ir::Program& program, const ClauseTrace& t) {
  const ir::Clause& clause = program.clauses[t.clause];
  if (t.error) return "出错 (error): " + rt::formatEvalError(ir::resultTable(program), *t.error);
  if (t.fired)
    return clause.kind == rt::ResultKind::Award
               ? fmt::format("发放 {} 元给{}", rt::formatMoney(t.paid ? *t.paid : *t.amount), clause.beneficiary)
           : clause.kind == rt::ResultKind::Manual ? "一事一议 (case-by-case decision)"
                                                   : "符合资格 (eligible, no amount)";
  if (t.failedCondition >= 0) return "未触发 (a condition does not hold)";
  if (const RuleEffect* change = lastChange(t)) return ruleEffectText(program, *change);
  return "金额为零 (amount is zero, not reported)";
}

std::string conditionPartText(const SourceManager& sources, const ConditionPart& part) {
  std::string text = sourceWithValues(sources, part.part, part.inputs, {});
  return text.empty() ? snippet(sources, part.part) : text;
}

const RuleEffect* lastChange(const ClauseTrace& t) {
  for (auto r = t.rules.rbegin(); r != t.rules.rend(); ++r)
    if (r->changed()) return &*r;
  return nullptr;
}

std::string ruleEffectText(const ir::Program& program, const RuleEffect& e) {
  using K = RuleEffect::Kind;
  auto clauseId = [&](int c) -> const std::string& { return program.clauses[c].id; };
  switch (e.kind) {
    case K::Failed: return "出错";
    case K::SetAside:
      if (e.winner < 0) return "不发放: 同组另有更高的奖励 (set aside for a higher award)";
      return e.tie ? fmt::format("不发放: 与 {} 并列 {} 元, 并列时取规则中列在前的 {} (a tie: the clause listed first wins)",
                                 clauseId(e.winner), rt::formatMoney(e.winnerAmount), clauseId(e.winner))
                   : fmt::format("不发放: 同组 {} 的 {} 元更高 (set aside for a higher award)", clauseId(e.winner),
                                 rt::formatMoney(e.winnerAmount));
    case K::Cut:
      return e.amount.num == 0 ? "削减为 0.00 元 (cut to nothing)" : fmt::format("削减为 {} 元 (cut)", rt::formatMoney(e.amount));
    case K::Within: return "未超过上限 (within the limit)";
    case K::SettledAway:
      if (e.highest && e.winner >= 0)
        return fmt::format("不发放: 整条款让位于 {} 的 {} 元 (the whole clause was set aside for a higher award)",
                           clauseId(e.winner), rt::formatMoney(e.winnerAmount));
      return "不发放: 整条款被取消 (the whole clause was set aside or cut to nothing)";
    case K::SettledCut: return fmt::format("削减为 {} 元: 随整条款削减 (cut with the whole clause)", rt::formatMoney(e.amount));
  }
  return "";
}

std::string capLimitText(const SourceManager& sources, const RuleEffect& e) {
  if (e.highest || !e.limit) return "";
  std::string source = sourceWithValues(sources, e.limitSource, e.limitInputs, e.limitLets);
  if (source.empty()) source = snippet(sources, e.limitSource);
  std::string text = fmt::format("上限 {} = {} 元", source, rt::formatMoney(*e.limit));
  if (e.total) text += fmt::format(", 规则内合计 {} 元", rt::formatMoney(*e.total));
  return text;
}

ChoiceText choiceText(const SourceManager& sources, const Choice& choice) {
  std::string what = snippet(sources, choice.expression);
  std::string keyword = what.substr(0, what.find(' '));
  bool branch = keyword == "档位" || keyword == "匹配" || keyword == "如果" || keyword == "tier" || keyword == "match" ||
                keyword == "if";
  if (!branch) return {"跨越", false, what, ""};
  return {keyword, true, what, snippet(sources, choice.arm)};
}

}  // namespace zc
