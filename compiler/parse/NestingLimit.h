// Deep input ends in a diagnostic, never in a stack overflow. Every phase
// after the parser (AstBuilder, the checker, the interpreter, the code
// generator) recurses over expressions, so the parser refuses to nest them
// deeper than a stated limit (docs/language.md, "Limits"). One level is: a
// bracket, a prefix operator (-, 非, 如果 … 则 … 否则), an operator whose left
// operand is another operator (a + b + c uses two), a . access, a 列表<…>.
#pragma once

#include <cstddef>

#include "ZhengceParser.h"

namespace zc {

constexpr size_t kMaxNesting = 256;

// Thrown out of the parser when a level beyond kMaxNesting begins at token.
struct NestingTooDeep {
  antlr4::Token* token;
};

// The generated parser, counting levels as each rule begins.
class NestingLimitedParser : public grammar::ZhengceParser {
 public:
  using grammar::ZhengceParser::enterRecursionRule;
  using grammar::ZhengceParser::ZhengceParser;

  void enterRule(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex) override;
  void enterRecursionRule(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex, int precedence) override;
  void pushNewRecursionContext(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex) override;

 private:
  void checkLevels(antlr4::ParserRuleContext* ctx);
};

}  // namespace zc
