#include "interp/PlainExplanation.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "interp/TraceText.h"

namespace zc {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isInfinite(std::string_view bound) { return bound == "∞" || bound == "+∞" || bound == "-∞"; }

// "1234567" → "1,234,567".
std::string grouped(std::string_view digits) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// An arm "[15%, ∞) => 20 万元" as its test in words and its value: {"15% 及以上", "20 万元"}.
std::pair<std::string, std::string> armParts(std::string_view arm) {
  size_t at = arm.rfind("=>");
  if (at == std::string_view::npos) return {intervalWords(arm), ""};
  return {intervalWords(arm.substr(0, at)), std::string(trimmed(arm.substr(at + 2)))};
}

// Where the bracket opening at text[open] closes, across nested brackets
// and quoted texts; npos if it never does.
size_t closing(std::string_view text, size_t open) {
  int depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      size_t end = text.find('"', i + 1);
      if (end == std::string_view::npos) return end;
      i = end;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The text cut at each `separator` outside brackets and quotes.
std::vector<std::string_view> topLevelParts(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> parts;
  size_t from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"' || c == '(' || c == '[' || c == '{') {
      size_t end = c == '"' ? text.find('"', i + 1) : closing(text, i);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (text.compare(i, separator.size(), separator) == 0) {
      parts.push_back(trimmed(text.substr(from, i - from)));
      from = i + separator.size();
      i = from - 1;
    }
  }
  parts.push_back(trimmed(text.substr(from)));
  return parts;
}

// Whether a name ends at text[at) (a call's name is not the end of a longer one).
bool startsWord(std::string_view text, size_t at) {
  if (at == 0) return true;
  char before = text[at - 1];
  return before == ' ' || before == '(' || before == '[' || before == '{' || before == ',';
}

std::string plainCall(std::string_view name, std::string_view arguments);

// The formula with each builtin call (最小(…), 求和(…), 有(…), 四舍五入(…), …) said in words.
std::string plainCalls(std::string_view text) {
  constexpr std::string_view kCalls[] = {"最小(",     "最大(",     "求和(", "个数(",   "有(",      "四舍五入(",
                                         "向下取整(", "向上取整(", "截断(", "绝对值(", "天数差(",  "月数差(",
                                         "年份(",     "月份(",     "日(",   "加月(",   "构造日期("};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    std::string_view call;
    for (std::string_view c : kCalls)
      if (text.compare(i, c.size(), c) == 0 && startsWord(text, i)) call = c;
    size_t close = call.empty() ? std::string_view::npos : closing(text, i + call.size() - 1);
    if (close == std::string_view::npos) {
      out += text[i++];
      continue;
    }
    std::string_view arguments = text.substr(i + call.size(), close - i - call.size());
    // 非 有(x) reads "x 未填写", not "非 （x 已填写）".
    constexpr std::string_view kNot = "非 ";
    bool absent = call == "有(" && std::string_view(out).ends_with(kNot);
    if (absent) out.resize(out.size() - kNot.size());
    std::string words =
        absent ? plainCalls(arguments) + " 未填写" : plainCall(call.substr(0, call.size() - 1), arguments);
    // Inside a larger formula the words are bracketed, as the call was.
    bool whole = i == 0 && close + 1 == text.size();
    out += whole ? words : "（" + words + "）";
    i = close + 1;
  }
  return out;
}

// 最小(a, b) → "a 与 b 中较小者"; 求和(p 属于 项目 满足 c => x) → "项目 中满足 c 的每项 p 的 x 之和";
// 个数(p 属于 项目 满足 c) → "项目 中满足 c 的项数"; 四舍五入(x, 2) → "x 四舍五入保留 2 位小数";
// 有(x) → "x 已填写". A form it does not know stays as written.
std::string plainCall(std::string_view name, std::string_view arguments) {
  if (name == "求和" || name == "个数") {
    std::vector<std::string_view> arrow = topLevelParts(arguments, " => ");
    std::vector<std::string_view> in = topLevelParts(arrow.front(), " 属于 ");
    bool sum = name == "求和";
    if (arrow.size() != (sum ? 2u : 1u) || in.size() != 2) return fmt::format("{}({})", name, arguments);
    std::vector<std::string_view> filter = topLevelParts(in[1], " 满足 ");
    if (filter.size() > 2) return fmt::format("{}({})", name, arguments);
    std::string list(filter[0]);
    std::string which = filter.size() == 2 ? fmt::format("中满足 {} 的", plainCalls(filter[1])) : "";
    if (!sum) return fmt::format("{} {}项数", list, which.empty() ? "的" : which);
    return fmt::format("{} {}每项 {} 的 {} 之和", list, which.empty() ? "中" : which, in[0], plainCalls(arrow[1]));
  }
  std::vector<std::string_view> args = topLevelParts(arguments, ", ");
  std::vector<std::string> said;
  for (std::string_view a : args) said.push_back(plainCalls(a));
  // An argument that is itself a sum or product, bracketed so the words after it read on all of it.
  auto operand = [&](size_t i) {
    bool compound = false;
    for (std::string_view op : {" × ", " / ", " + ", " - "})
      compound = compound || topLevelParts(args[i], op).size() > 1;
    return compound ? "（" + said[i] + "）" : said[i];
  };
  if (name == "有" && said.size() == 1) return said[0] + " 已填写";
  if (name == "绝对值" && said.size() == 1) return operand(0) + " 的绝对值";
  if ((name == "年份" || name == "月份" || name == "日") && said.size() == 1)
    return fmt::format("{} 的{}", said[0], name);
  if (name == "天数差" && said.size() == 2) return fmt::format("{} 至 {} 的天数", said[0], said[1]);
  if (name == "月数差" && said.size() == 2) return fmt::format("{} 至 {} 的整月数", said[0], said[1]);
  if (name == "加月" && said.size() == 2) return fmt::format("{} 加 {} 个月", said[0], said[1]);
  if (name == "构造日期" && said.size() == 3) return fmt::format("{} 年 {} 月 {} 日", said[0], said[1], said[2]);
  if (name == "四舍五入" || name == "向下取整" || name == "向上取整" || name == "截断") {
    if (said.empty() || said.size() > 2) return fmt::format("{}({})", name, arguments);
    std::string_view how = name == "截断" ? "截去小数" : name;
    if (said.size() == 1 || args[1] == "0") return fmt::format("{} {}至整数", operand(0), how);
    return fmt::format("{} {}保留 {} 位小数", operand(0), how, said[1]);
  }
  if (name != "最小" && name != "最大") return fmt::format("{}({})", name, arguments);
  std::string listed;
  for (size_t v = 0; v < said.size(); ++v) listed += (v == 0 ? "" : v + 1 == said.size() ? " 与 " : "、") + said[v];
  return listed + (name == "最小" ? " 中较小者" : " 中较大者");
}

}  // namespace

std::string intervalWords(std::string_view interval) {
  std::string_view text = trimmed(interval);
  size_t comma = text.find(',');
  if (text.size() < 2 || (text.front() != '[' && text.front() != '(') || (text.back() != ']' && text.back() != ')') ||
      comma == std::string_view::npos)
    return std::string(text);
  bool loClosed = text.front() == '[', hiClosed = text.back() == ']';
  std::string lo(trimmed(text.substr(1, comma - 1))), hi(trimmed(text.substr(comma + 1, text.size() - comma - 2)));
  if (isInfinite(hi)) return loClosed ? lo + " 及以上" : "超过 " + lo;
  if (isInfinite(lo)) return hiClosed ? hi + " 及以下" : "低于 " + hi;
  return (loClosed ? "" : "超过 ") + lo + " 至 " + hi + (hiClosed ? "" : "（不含）");
}

std::string plainText(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    // " (a condition does not hold)": a gloss, a space and a parenthesis opening on a Latin letter.
    if (text.compare(i, 2, " (") == 0 && i + 2 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 2]))) {
      size_t close = text.find_first_of("()", i + 2);
      if (close != std::string_view::npos && text[close] == ')') {
        i = close + 1;
        continue;
      }
    }
    // "200000.00 元": digits not after a digit, a point, two digits, then the unit.
    if (isDigit(text[i]) && (i == 0 || (!isDigit(text[i - 1]) && text[i - 1] != '.' && text[i - 1] != ','))) {
      size_t end = i;
      while (end < text.size() && isDigit(text[end])) ++end;
      if (text.compare(end, 1, ".") == 0 && end + 3 <= text.size() && isDigit(text[end + 1]) &&
          isDigit(text[end + 2]) && text.compare(end + 3, std::string_view(" 元").size(), " 元") == 0) {
        out += grouped(text.substr(i, end - i));
        i = end;
        continue;
      }
      out.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::string plainChoice(const SourceManager& sources, const Choice& choice) {
  ChoiceText c = choiceText(sources, choice);
  if (!c.branch) return fmt::format("{}：{}该门槛", c.expression, choice.crossed ? "达到" : "未达到");
  auto [test, value] = armParts(c.arm);
  std::string then = value.empty() ? "" : " → " + value;
  std::string what = c.subject.empty() ? c.expression : c.subject;
  bool ifElse = c.keyword == "如果" || c.keyword == "if";
  if (choice.otherwise && ifElse) return fmt::format("不满足所列条件，按其他情形{}", then);
  if (choice.otherwise) return fmt::format("{} 不属于所列各种情形，按其他情形{}", what, then);
  if (c.keyword == "档位" || c.keyword == "tier") return fmt::format("{} 落在“{}”一档{}", what, test, then);
  if (c.keyword == "匹配" || c.keyword == "match") {
    std::erase(test, '"');  // a pattern's quotes are the DSL's: "50项目" is 50项目
    for (size_t bar = test.find(" | "); bar != std::string::npos; bar = test.find(" | ", bar))
      test.replace(bar, 3, "、");  // one arm for several patterns: 中型、小型
    return fmt::format("{} {}“{}”{}", what, test.find("、") == std::string::npos ? "为" : "属于", test, then);
  }
  return fmt::format("满足“{}”{}", test, then);
}

std::string plainBracket(const SourceManager& sources, const BracketPart& bracket) {
  std::string words = armParts(snippet(sources, bracket.span)).first;
  return bracket.reached ? fmt::format("{}的部分 {}，得 {}", words, bracket.part, bracket.earned)
                         : fmt::format("{}的部分：未达到", words);
}

std::string plainBasis(const SourceManager& sources, const ir::Program& program, const ClauseTrace& trace) {
  if (trace.error) return "出错：" + plainText(rt::chineseEvalError(program.locations, *trace.error));
  if (!clauseComputed(trace)) return plainText(clauseVerdictText(program, trace));
  std::vector<std::string> parts;
  for (const Choice& choice : trace.choices) parts.push_back(plainChoice(sources, choice));
  if (!trace.rawAmount.empty()) {
    // An award that is a choice itself (奖励 档位 增幅 {…}) was said by the choice, its source is
    // DSL: the amount follows the arm taken. One that reads nothing is its amount.
    std::string source = snippet(sources, trace.formula);
    bool awardIsChoice = false;
    for (std::string_view keyword : {"档位 ", "匹配 ", "跨越 ", "如果 ", "tier ", "match ", "crossed ", "if "})
      awardIsChoice = awardIsChoice || source.starts_with(keyword);
    std::string formula = formulaWithValues(sources, trace);
    if (awardIsChoice && !trace.choices.empty() && trace.choices.back().kind != ir::Choice::Kind::Threshold &&
        parts.back().find(" → ") == std::string::npos)
      parts.back() += " → " + trace.rawAmount;
    else if (awardIsChoice || formula.empty())
      parts.push_back("金额 " + trace.rawAmount);
    else
      parts.push_back(fmt::format("{} = {}", plainCalls(formula), trace.rawAmount));
  }
  for (const RuleEffect& rule : trace.rules)
    if (rule.changed()) parts.push_back(plainText(ruleEffectText(program, rule)));
  if (parts.empty()) parts.push_back(plainText(clauseVerdictText(program, trace)));  // 仅资格, 一事一议
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "；") + part;
  return out;
}

}  // namespace zc
