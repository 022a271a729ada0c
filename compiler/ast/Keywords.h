// The keywords, each spelling of each, as the grammar's lexer rules give them
// (grammar/Zhengce.g4, read at configure time): for messages, the hint that
// a keyword must stand apart from the name after it, and the REPL's
// completion, so none of them can miss a keyword the lexer knows.
#pragma once

#include <string_view>

namespace zc::ast {

struct Keyword {
  std::string_view token;     // the lexer's token name: "PRO_RATA"
  std::string_view spelling;  // one way to write it: "按比例", "pro_rata"
};

inline constexpr Keyword kKeywords[] = {
#define ZC_KEYWORD(token, spelling) {#token, spelling},
#include "ZhengceKeywords.def"
#undef ZC_KEYWORD
};

// Written with characters beyond ASCII: 按比例, 无穷, ∞.
constexpr bool isChinese(std::string_view spelling) { return static_cast<unsigned char>(spelling[0]) >= 0x80; }

// The token's first spelling that is not ASCII ("PRO_RATA" → "按比例"); empty
// for a token that is not a keyword.
constexpr std::string_view chineseSpelling(std::string_view token) {
  for (const Keyword& k : kKeywords)
    if (k.token == token && isChinese(k.spelling)) return k.spelling;
  return {};
}

// The longest keyword the name starts with, when more follows it (条件规上企业
// is one name, since the longest name wins); empty if none.
constexpr std::string_view leadingKeyword(std::string_view name) {
  std::string_view best;
  for (const Keyword& k : kKeywords)
    if (isChinese(k.spelling) && name.size() > k.spelling.size() && name.starts_with(k.spelling) &&
        k.spelling.size() > best.size())
      best = k.spelling;
  return best;
}

}  // namespace zc::ast
