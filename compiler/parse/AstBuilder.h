// Builds the AST from ANTLR's parse tree. No semantics: it only copies text
// and spans (converted from code point indices to byte offsets).
#pragma once

#include <vector>

#include "ZhengceParser.h"
#include "ast/Ast.h"

namespace zc {

class AstBuilder {
 public:
  AstBuilder(FileId file, const std::vector<uint32_t>& byteOffsets) : file_(file), byteOffsets_(byteOffsets) {}

  void addDeclaration(grammar::ZhengceParser::DeclarationContext* ctx, ast::Module& module);
  ast::ExprPtr expr(grammar::ZhengceParser::ExprContext* ctx);

 private:
  using P = grammar::ZhengceParser;

  Span span(antlr4::ParserRuleContext* ctx) const;
  Span span(antlr4::tree::TerminalNode* node) const;
  Span span(antlr4::Token* token) const;
  ast::Name name(P::NameContext* ctx) const;
  ast::UnitExpr unit(P::UnitExprContext* ctx) const;
  ast::TypeExpr type(P::TypeExprContext* ctx);
  std::string stringValue(antlr4::tree::TerminalNode* node) const;
  std::string stringValue(antlr4::Token* token) const;

  ast::ExprPtr primary(P::PrimaryContext* ctx);
  ast::ExprPtr make(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) const;
  ast::Interval interval(P::IntervalContext* ctx);
  ast::ExprPtr bound(P::BoundContext* ctx);
  ast::Window window(antlr4::ParserRuleContext* item, P::IntervalContext* dates);
  ast::ExprPtr recordLiteral(P::RecordLiteralContext* ctx);
  // 档位 and 累进: a value and its arms, each an interval (or 否则) and a value.
  ast::ExprPtr tiered(ast::ExprKind kind, antlr4::ParserRuleContext* ctx, P::ExprContext* value,
                      const std::vector<P::TierArmContext*>& arms);
  void addPolicy(P::PolicyDeclContext* ctx, ast::Module& module);
  ast::ClauseDecl clause(P::ClauseDeclContext* ctx);
  std::vector<ast::Name> clauseList(P::ClauseListContext* ctx);
  ast::Expectation expectation(ast::Expectation::Kind kind, antlr4::Token* who, antlr4::Token* clause,
                               P::ItemRefContext* item, P::NameContext* beneficiary, ast::ExprPtr amount,
                               antlr4::ParserRuleContext* ctx);
  void addTest(P::TestDeclContext* ctx, ast::Module& module);

  FileId file_;
  const std::vector<uint32_t>& byteOffsets_;
};

}  // namespace zc
