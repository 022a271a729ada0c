#include "parse/NestingLimit.h"

namespace zc {

namespace {

using P = grammar::ZhengceParser;

bool isLevel(const antlr4::RuleContext* rule) {
  return rule->getRuleIndex() == P::RuleExpr || rule->getRuleIndex() == P::RuleTypeExpr;
}

bool isLevel(const antlr4::tree::ParseTree* node) {
  auto* rule = dynamic_cast<const antlr4::RuleContext*>(node);
  return rule != nullptr && isLevel(rule);
}

// Levels from ctx up to the root (a parent is always a rule context).
// Counting stops past the limit, so a check costs at most kMaxNesting steps
// however deep the input.
size_t levelsAbove(const antlr4::RuleContext* ctx) {
  size_t levels = 0;
  for (auto* node = ctx; node != nullptr && levels <= kMaxNesting;
       node = static_cast<const antlr4::RuleContext*>(node->parent))
    if (isLevel(node)) ++levels;
  return levels;
}

// Levels of a left-recursive chain below ctx: a + b + c is Add(Add(a, b), c),
// and its first operand sits one level deeper for each operator.
size_t leftChainBelow(const antlr4::tree::ParseTree* ctx) {
  size_t levels = 0;
  for (const antlr4::tree::ParseTree* node = ctx; !node->children.empty() && levels <= kMaxNesting;) {
    node = node->children.front();
    if (!isLevel(node)) break;
    ++levels;
  }
  return levels;
}

}  // namespace

void NestingLimitedParser::checkLevels(antlr4::ParserRuleContext* ctx) {
  if (levelsAbove(ctx) + leftChainBelow(ctx) > kMaxNesting) throw NestingTooDeep{getCurrentToken()};
}

void NestingLimitedParser::enterRule(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex) {
  ZhengceParser::enterRule(ctx, state, ruleIndex);
  if (ruleIndex == RuleTypeExpr) checkLevels(ctx);
}

void NestingLimitedParser::enterRecursionRule(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex,
                                              int precedence) {
  ZhengceParser::enterRecursionRule(ctx, state, ruleIndex, precedence);
  checkLevels(ctx);
}

void NestingLimitedParser::pushNewRecursionContext(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex) {
  ZhengceParser::pushNewRecursionContext(ctx, state, ruleIndex);
  checkLevels(ctx);
}

}  // namespace zc
