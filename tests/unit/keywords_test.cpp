// The keyword table is read from the grammar: every spelling in it must lex
// as the token it names, and the messages and the REPL must know them all.
#include "ast/Keywords.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "ANTLRInputStream.h"
#include "ZhengceLexer.h"
#include "repl/InputScanner.h"

using namespace zc;

TEST_CASE("each keyword spelling lexes as its token") {
  size_t tokens = 0;
  for (const ast::Keyword& k : ast::kKeywords) {
    antlr4::ANTLRInputStream input{std::string(k.spelling)};
    grammar::ZhengceLexer lexer(&input);
    auto token = lexer.nextToken();
    INFO(k.spelling);
    CHECK(lexer.getVocabulary().getSymbolicName(token->getType()) == std::string(k.token));
    CHECK(lexer.nextToken()->getType() == antlr4::Token::EOF);
    tokens += ast::chineseSpelling(k.token) == k.spelling;
  }
  CHECK(tokens >= 55);
}

TEST_CASE("keywords the hand-written lists once missed are known") {
  CHECK(ast::chineseSpelling("AS_OF") == "截至");
  CHECK(ast::chineseSpelling("EACH") == "逐项");
  CHECK(ast::chineseSpelling("IDENT").empty());
  CHECK(ast::leadingKeyword("无穷大") == "无穷");
  CHECK(ast::leadingKeyword("条件规上企业") == "条件");
  const auto& completions = repl::keywords();
  for (const char* k : {"按日期", "dated", "逐项", "each", "无穷", "inf"})
    CHECK(std::find(completions.begin(), completions.end(), k) != completions.end());
}
