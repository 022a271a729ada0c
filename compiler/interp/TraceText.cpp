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
  return oneLine(out);
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
  if (!t.rules.empty()) return ClauseVerdict::RuledOut;
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
  if (!t.rules.empty()) return t.rules.back().second;
  return "金额为零 (amount is zero, not reported)";
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
