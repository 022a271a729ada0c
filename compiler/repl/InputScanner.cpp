#include "repl/InputScanner.h"

#include <algorithm>
#include <set>

#include "ast/Keywords.h"
#include "source/Utf8.h"

namespace zc::repl {

namespace {

// The code point at text[i] and how many bytes it takes (1 for a stray byte).
char32_t decode(std::string_view text, size_t i, size_t& length) {
  size_t next = i;
  char32_t cp = decodeUtf8(text, next);
  length = next - i;
  return cp;
}

bool isSpace(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000; }

struct Scan {
  int depth = 0;
  bool inBlockComment = false;
  bool anyToken = false;
  bool lastIsName = false;
  std::string last;  // the last token's text (a name or one operator)
  int ifs = 0;       // 如果 seen
  int elses = 0;     // 否则 seen, not counting a 档位's 否则 => arm
};

Scan scan(std::string_view text) {
  Scan s;
  size_t i = 0;
  while (i < text.size()) {
    if (s.inBlockComment) {
      if (text.substr(i, 2) == "*/") {
        s.inBlockComment = false;
        i += 2;
      } else {
        ++i;
      }
      continue;
    }
    if (text[i] == '"') {
      size_t j = i + 1;
      while (j < text.size() && text[j] != '"' && text[j] != '\n') j += text[j] == '\\' && j + 1 < text.size() ? 2 : 1;
      if (j < text.size() && text[j] == '"') ++j;
      s.anyToken = true;
      s.lastIsName = false;
      s.last = "\"";
      i = j;
      continue;
    }
    if (text.substr(i, 2) == "//") {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (text.substr(i, 2) == "/*") {
      s.inBlockComment = true;
      i += 2;
      continue;
    }
    size_t length;
    char32_t cp = decode(text, i, length);
    if (isSpace(cp)) {
      i += length;
      continue;
    }
    s.anyToken = true;
    if (isNameCharacter(cp)) {
      size_t j = i;
      while (j < text.size()) {
        size_t l;
        if (!isNameCharacter(decode(text, j, l))) break;
        j += l;
      }
      s.lastIsName = true;
      s.last = std::string(text.substr(i, j - i));
      if (s.last == "如果" || s.last == "if") ++s.ifs;
      if (s.last == "否则" || s.last == "else") ++s.elses;
      i = j;
      continue;
    }
    if (s.lastIsName && (s.last == "否则" || s.last == "else") && text.substr(i, 2) == "=>") --s.elses;
    s.lastIsName = false;
    std::string_view two = text.substr(i, 2);
    if (two == "=>" || two == "!=" || two == "<=" || two == ">=") {
      s.last = std::string(two);
      i += 2;
      continue;
    }
    s.last = std::string(text.substr(i, length));
    if (cp == '(' || cp == '[' || cp == '{') ++s.depth;
    if ((cp == ')' || cp == ']' || cp == '}') && s.depth > 0) --s.depth;
    i += length;
  }
  return s;
}

}  // namespace

bool needsContinuation(std::string_view text) {
  static const std::set<std::string> operators = {"+",  "-", "×", "*",  "/", "÷", "=",  "≠", "!=", "<",
                                                  "<=", "≤", ">", ">=", "≥", ",", "=>", "|", ":",  "."};
  // Keywords after which something must follow. Literals (真, 无, ∞), types
  // (文本, 计数 …) and 键, 仅资格, 一事一议 can end a line.
  static const std::set<std::string> openKeywords = {
      "且",          "and",      "或",     "or",       "非",      "not",    "如果",   "if",      "则",
      "then",        "否则",     "else",   "属于",     "in",      "满足",   "where",  "匹配",    "match",
      "档位",        "tier",     "跨越",   "crossed",  "求和",    "sum",    "个数",   "累进",    "progressive",
      "截至",        "as_of",    "有效期", "in_force", "按日期",  "dated",  "就高",   "highest", "封顶",
      "cap",         "逐项",     "each",   "最长",     "at_most", "导入",   "import", "量纲",    "dimension",
      "单位",        "unit",     "枚举",   "enum",     "记录",    "record", "参数",   "param",   "受益方",
      "beneficiary", "政策",     "policy", "针对",     "for",     "标题",   "title",  "适用",    "applies",
      "排除",        "excludes", "条款",   "clause",   "原文",    "source", "设",     "let",     "条件",
      "when",        "奖励",     "award",  "测试",     "test",    "输入",   "input",  "期望",    "expect"};
  Scan s = scan(text);
  if (s.inBlockComment || s.depth > 0 || s.ifs > s.elses) return true;
  if (!s.anyToken) return false;
  return s.lastIsName ? openKeywords.count(s.last) > 0 : operators.count(s.last) > 0;
}

bool isBlank(std::string_view text) {
  Scan s = scan(text);
  return !s.anyToken && !s.inBlockComment;
}

std::string_view trim(std::string_view text) {
  size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = text.find_last_not_of(" \t\r\n");
  return text.substr(b, e - b + 1);
}

std::string commandText(std::string_view input) {
  constexpr std::string_view kFullWidthColon = "：";
  std::string_view text = trim(input);
  if (text.starts_with(':')) return std::string(text);
  if (text.starts_with(kFullWidthColon)) return ":" + std::string(text.substr(kFullWidthColon.size()));
  return "";
}

std::string historyLine(std::string_view text) {
  std::string out;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
        out += c;
        out += text[++i];
        continue;
      }
      if (c == '"' || c == '\n') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    if (c == '\n' || c == '\r') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      if (!out.empty()) out += ' ';
      while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) ++i;  // the next line's indent
      continue;
    }
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

size_t nameStart(std::string_view text) {
  // Walk forward, remembering where the current run of name characters began.
  size_t start = text.size();
  bool inRun = false;
  for (size_t i = 0; i < text.size();) {
    size_t length;
    bool name = isNameCharacter(decode(text, i, length));
    if (name && !inRun) start = i;
    inRun = name;
    i += length;
  }
  return inRun ? start : text.size();
}

std::string commonPrefix(const std::vector<std::string>& candidates) {
  if (candidates.empty()) return "";
  std::string prefix = candidates.front();
  for (const auto& c : candidates) {
    size_t n = 0;
    while (n < prefix.size() && n < c.size() && prefix[n] == c[n]) ++n;
    prefix.resize(n);
  }
  // Do not end inside a multi-byte character.
  size_t start = prefix.size();
  while (start > 0 && isContinuationByte(prefix[start - 1])) --start;
  if (start > 0 && utf8CharacterLength(prefix, start - 1) == 0) prefix.resize(start - 1);
  return prefix;
}

const std::vector<std::string>& keywords() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> spellings;
    for (const ast::Keyword& k : ast::kKeywords)
      if (k.spelling != "∞") spellings.emplace_back(k.spelling);  // typed as 无穷 or inf
    return spellings;
  }();
  return all;
}

}  // namespace zc::repl
