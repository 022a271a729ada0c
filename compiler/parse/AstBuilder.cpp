#include "parse/AstBuilder.h"

namespace zc {

using namespace ast;

Span AstBuilder::span(antlr4::Token* token) const {
  size_t last = byteOffsets_.size() - 1;
  return {file_, byteOffsets_[std::min(token->getStartIndex(), last)],
          byteOffsets_[std::min(token->getStopIndex() + 1, last)]};
}

Span AstBuilder::span(antlr4::tree::TerminalNode* node) const { return span(node->getSymbol()); }

Span AstBuilder::span(antlr4::ParserRuleContext* ctx) const {
  Span first = span(ctx->getStart());
  antlr4::Token* stop = ctx->getStop();
  if (stop == nullptr || stop->getTokenIndex() < ctx->getStart()->getTokenIndex()) return first;
  return Span::cover(first, span(stop));
}

Name AstBuilder::name(P::NameContext* ctx) const { return {ctx->getText(), span(ctx)}; }

UnitExpr AstBuilder::unit(P::UnitExprContext* ctx) const {
  UnitExpr out;
  if (ctx == nullptr) return out;
  for (auto* n : ctx->name()) out.parts.push_back(name(n));
  out.span = span(ctx);
  return out;
}

std::string AstBuilder::stringValue(antlr4::tree::TerminalNode* node) const { return stringValue(node->getSymbol()); }

std::string AstBuilder::stringValue(antlr4::Token* token) const {
  std::string raw = token->getText();
  std::string out;
  for (size_t i = 1; i + 1 < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 2 < raw.size()) {
      char c = raw[++i];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    } else {
      out += raw[i];
    }
  }
  return out;
}

TypeExpr AstBuilder::type(P::TypeExprContext* ctx) {
  TypeExpr out;
  out.span = span(ctx);
  out.optional = ctx->children.size() > 1;
  auto* base = ctx->baseType();
  if (dynamic_cast<P::TextTypeContext*>(base))
    out.kind = TypeExpr::Kind::Text;
  else if (dynamic_cast<P::FlagTypeContext*>(base))
    out.kind = TypeExpr::Kind::Flag;
  else if (dynamic_cast<P::IntTypeContext*>(base))
    out.kind = TypeExpr::Kind::Int;
  else if (dynamic_cast<P::CountTypeContext*>(base))
    out.kind = TypeExpr::Kind::Count;
  else if (dynamic_cast<P::DateTypeContext*>(base))
    out.kind = TypeExpr::Kind::Date;
  else if (dynamic_cast<P::NumberTypeContext*>(base))
    out.kind = TypeExpr::Kind::Number;
  else if (auto* list = dynamic_cast<P::ListTypeContext*>(base)) {
    out.kind = TypeExpr::Kind::List;
    out.element = std::make_unique<TypeExpr>(type(list->typeExpr()));
  } else if (auto* named = dynamic_cast<P::NamedTypeContext*>(base)) {
    out.kind = TypeExpr::Kind::Named;
    out.named = unit(named->unitExpr());
  }
  return out;
}

ExprPtr AstBuilder::make(ExprKind kind, antlr4::ParserRuleContext* ctx) const {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->span = span(ctx);
  return e;
}

ExprPtr AstBuilder::expr(P::ExprContext* ctx) {
  if (auto* c = dynamic_cast<P::PrimaryExprContext*>(ctx)) return primary(c->primary());
  if (auto* c = dynamic_cast<P::MemberExprContext*>(ctx)) {
    auto e = make(ExprKind::Member, ctx);
    e->operands.push_back(expr(c->expr()));
    e->name = name(c->name());
    return e;
  }
  if (auto* c = dynamic_cast<P::NegExprContext*>(ctx)) {
    auto e = make(ExprKind::Neg, ctx);
    e->operands.push_back(expr(c->expr()));
    return e;
  }
  if (auto* c = dynamic_cast<P::NotExprContext*>(ctx)) {
    auto e = make(ExprKind::Not, ctx);
    e->operands.push_back(expr(c->expr()));
    return e;
  }
  if (auto* c = dynamic_cast<P::MulExprContext*>(ctx)) {
    auto e = make(ExprKind::Arith, ctx);
    std::string op = c->op->getText();
    e->arithOp = (op == "*" || op == "×") ? ArithOp::Mul : ArithOp::Div;
    e->operands.push_back(expr(c->expr(0)));
    e->operands.push_back(expr(c->expr(1)));
    return e;
  }
  if (auto* c = dynamic_cast<P::AddExprContext*>(ctx)) {
    auto e = make(ExprKind::Arith, ctx);
    e->arithOp = c->op->getText() == "+" ? ArithOp::Add : ArithOp::Sub;
    e->operands.push_back(expr(c->expr(0)));
    e->operands.push_back(expr(c->expr(1)));
    return e;
  }
  if (auto* c = dynamic_cast<P::CompareExprContext*>(ctx)) {
    auto e = make(ExprKind::Compare, ctx);
    std::string op = c->op->getText();
    e->compareOp = op == "="                   ? CompareOp::Eq
                   : (op == "!=" || op == "≠") ? CompareOp::Ne
                   : op == "<"                 ? CompareOp::Lt
                   : (op == "<=" || op == "≤") ? CompareOp::Le
                   : op == ">"                 ? CompareOp::Gt
                                               : CompareOp::Ge;
    e->operands.push_back(expr(c->expr(0)));
    e->operands.push_back(expr(c->expr(1)));
    return e;
  }
  if (auto* c = dynamic_cast<P::InExprContext*>(ctx)) {
    auto* target = c->setOrInterval();
    if (auto* named = dynamic_cast<P::NamedSetContext*>(target)) {
      auto e = make(ExprKind::InSet, ctx);
      e->operands.push_back(expr(c->expr()));
      e->name = name(named->name());
      return e;
    }
    if (auto* set = dynamic_cast<P::SetLiteralContext*>(target)) {
      auto e = make(ExprKind::InSet, ctx);
      e->operands.push_back(expr(c->expr()));
      for (auto* member : set->expr()) e->set.push_back(expr(member));
      return e;
    }
    auto e = make(ExprKind::InInterval, ctx);
    e->operands.push_back(expr(c->expr()));
    e->interval = interval(dynamic_cast<P::IntervalLiteralContext*>(target)->interval());
    return e;
  }
  if (auto* c = dynamic_cast<P::AndExprContext*>(ctx)) {
    auto e = make(ExprKind::And, ctx);
    e->operands.push_back(expr(c->expr(0)));
    e->operands.push_back(expr(c->expr(1)));
    return e;
  }
  if (auto* c = dynamic_cast<P::OrExprContext*>(ctx)) {
    auto e = make(ExprKind::Or, ctx);
    e->operands.push_back(expr(c->expr(0)));
    e->operands.push_back(expr(c->expr(1)));
    return e;
  }
  auto* c = dynamic_cast<P::IfExprContext*>(ctx);
  auto e = make(ExprKind::If, ctx);
  for (auto* part : c->expr()) e->operands.push_back(expr(part));
  return e;
}

ExprPtr AstBuilder::primary(P::PrimaryContext* ctx) {
  if (auto* c = dynamic_cast<P::PercentLitContext*>(ctx)) {
    auto e = make(ExprKind::Percent, ctx);
    e->text = c->NUMBER()->getText();
    e->per = c->sign->getText() == "‰" ? 1000 : 100;
    return e;
  }
  if (auto* c = dynamic_cast<P::NumberLitContext*>(ctx)) {
    auto e = make(ExprKind::Number, ctx);
    e->text = c->NUMBER()->getText();
    e->unit = unit(c->unitExpr());
    return e;
  }
  if (auto* c = dynamic_cast<P::DateLitContext*>(ctx)) {
    auto e = make(ExprKind::Date, ctx);
    e->text = c->DATE()->getText();
    return e;
  }
  if (auto* c = dynamic_cast<P::StringLitContext*>(ctx)) {
    auto e = make(ExprKind::String, ctx);
    e->text = stringValue(c->STRING());
    return e;
  }
  if (auto* c = dynamic_cast<P::BoolLitContext*>(ctx)) {
    auto e = make(ExprKind::Bool, ctx);
    e->boolValue = c->TRUE_LIT() != nullptr;
    return e;
  }
  if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) {
    auto e = make(ExprKind::Call, ctx);
    e->name = name(c->name());
    for (auto* arg : c->expr()) e->operands.push_back(expr(arg));
    return e;
  }
  if (auto* c = dynamic_cast<P::NameExprContext*>(ctx)) {
    auto e = make(ExprKind::Name, ctx);
    e->name = name(c->name());
    e->text = e->name.text;
    return e;
  }
  if (auto* c = dynamic_cast<P::ClauseRefExprContext*>(ctx)) {
    auto e = make(ExprKind::ClauseRef, ctx);
    e->text = stringValue(c->STRING());
    return e;
  }
  if (auto* c = dynamic_cast<P::ReceivedExprContext*>(ctx)) {
    auto e = make(ExprKind::Received, ctx);
    if (c->clauseList() != nullptr) e->ids = clauseList(c->clauseList());
    return e;
  }
  if (auto* c = dynamic_cast<P::ParenExprContext*>(ctx)) {
    auto inner = expr(c->expr());
    inner->span = span(ctx);
    return inner;
  }
  if (auto* c = dynamic_cast<P::MatchExprContext*>(ctx)) {
    auto e = make(ExprKind::Match, ctx);
    e->operands.push_back(expr(c->expr()));
    for (auto* arm : c->matchArm()) {
      MatchArm out;
      out.span = span(arm);
      for (auto* p : arm->pattern()) {
        Pattern pattern{Pattern::Kind::Wildcard, "", span(p)};
        if (dynamic_cast<P::NonePatternContext*>(p))
          pattern.kind = Pattern::Kind::None;
        else if (auto* n = dynamic_cast<P::NamePatternContext*>(p))
          pattern = {Pattern::Kind::Name, n->getText(), span(p)};
        else if (auto* s = dynamic_cast<P::StringPatternContext*>(p))
          pattern = {Pattern::Kind::String, stringValue(s->STRING()), span(p)};
        out.patterns.push_back(std::move(pattern));
      }
      out.value = expr(arm->expr());
      e->arms.push_back(std::move(out));
    }
    return e;
  }
  if (auto* c = dynamic_cast<P::TierExprContext*>(ctx)) return tiered(ExprKind::Tier, ctx, c->expr(), c->tierArm());
  if (auto* c = dynamic_cast<P::ProgressiveExprContext*>(ctx))
    return tiered(ExprKind::Progressive, ctx, c->expr(), c->tierArm());
  if (auto* c = dynamic_cast<P::CrossedExprContext*>(ctx)) {
    auto e = make(ExprKind::Crossed, ctx);
    e->interval = interval(c->interval());
    for (auto* arm : c->thresholdArm()) e->thresholds.push_back({expr(arm->expr(0)), expr(arm->expr(1))});
    return e;
  }
  if (auto* c = dynamic_cast<P::SumExprContext*>(ctx)) {
    auto e = make(ExprKind::Sum, ctx);
    e->name = name(c->name());
    e->operands.push_back(expr(c->expr(0)));
    e->hasFilter = c->WHERE() != nullptr;
    e->operands.push_back(expr(c->expr(e->hasFilter ? 2 : 1)));
    if (e->hasFilter) e->operands.push_back(expr(c->expr(1)));
    return e;
  }
  if (auto* c = dynamic_cast<P::CountExprContext*>(ctx)) {
    auto e = make(ExprKind::Count, ctx);
    e->name = name(c->name());
    e->operands.push_back(expr(c->expr(0)));
    e->hasFilter = c->WHERE() != nullptr;
    if (e->hasFilter) e->operands.push_back(expr(c->expr(1)));
    return e;
  }
  if (auto* c = dynamic_cast<P::ListLitContext*>(ctx)) {
    auto e = make(ExprKind::List, ctx);
    for (auto* element : c->expr()) e->operands.push_back(expr(element));
    return e;
  }
  return recordLiteral(dynamic_cast<P::RecordLitContext*>(ctx)->recordLiteral());
}

ExprPtr AstBuilder::recordLiteral(P::RecordLiteralContext* ctx) {
  auto e = make(ExprKind::Record, ctx);
  for (auto* init : ctx->fieldInit()) e->fields.push_back({name(init->name()), expr(init->expr())});
  return e;
}

ExprPtr AstBuilder::tiered(ExprKind kind, antlr4::ParserRuleContext* ctx, P::ExprContext* value,
                           const std::vector<P::TierArmContext*>& arms) {
  auto e = make(kind, ctx);
  e->operands.push_back(expr(value));
  for (auto* arm : arms) {
    TierArm out;
    out.span = span(arm);
    if (arm->interval() != nullptr) out.interval = interval(arm->interval());
    out.value = expr(arm->expr());
    e->tiers.push_back(std::move(out));
  }
  return e;
}

Window AstBuilder::window(antlr4::ParserRuleContext* item, P::IntervalContext* dates) {
  Window out{interval(dates), span(item)};
  out.span.end = out.dates.span.end;  // without the ';'
  return out;
}

ExprPtr AstBuilder::bound(P::BoundContext* ctx) {
  if (ctx->UNBOUNDED() != nullptr) return nullptr;
  return expr(ctx->expr());
}

Interval AstBuilder::interval(P::IntervalContext* ctx) {
  Interval out;
  out.span = span(ctx);
  out.loClosed = ctx->lo->getText() == "[";
  out.hiClosed = ctx->hi->getText() == "]";
  out.lo = bound(ctx->bound(0));
  out.hi = bound(ctx->bound(1));
  return out;
}

ClauseDecl AstBuilder::clause(P::ClauseDeclContext* ctx) {
  ClauseDecl out;
  out.id = stringValue(ctx->STRING());
  out.idSpan = span(ctx->STRING());
  out.span = span(ctx);
  for (auto* item : ctx->clauseItem()) {
    if (auto* c = dynamic_cast<P::ClauseSourceContext*>(item)) {
      if (out.source) {
        out.repeated.push_back({"原文", span(item), out.sourceSpan});
        continue;
      }
      out.source = stringValue(c->STRING());
      out.sourceSpan = span(item);
    } else if (auto* c = dynamic_cast<P::ClauseBeneficiaryContext*>(item)) {
      if (out.beneficiary) {
        out.repeated.push_back({"受益方", span(item), out.beneficiarySpan});
        continue;
      }
      out.beneficiary = name(c->name());
      out.beneficiarySpan = span(item);
    } else if (auto* c = dynamic_cast<P::ClauseLetContext*>(item))
      out.lets.push_back({name(c->name()), expr(c->expr())});
    else if (auto* c = dynamic_cast<P::ClauseWhenContext*>(item))
      out.conditions.push_back(expr(c->expr()));
    else if (auto* c = dynamic_cast<P::ClauseInForceContext*>(item))
      out.inForce.push_back(window(item, c->interval()));
    else if (auto* c = dynamic_cast<P::ClauseAwardContext*>(item))
      out.results.push_back({ResultKind::Award, expr(c->expr()), span(item)});
    else if (dynamic_cast<P::ClauseEligibleContext*>(item))
      out.results.push_back({ResultKind::Eligible, nullptr, span(item)});
    else if (auto* c = dynamic_cast<P::ClauseEachContext*>(item))
      out.each.push_back({name(c->name()), expr(c->expr()), span(item)});
    else if (auto* c = dynamic_cast<P::ClausePayerContext*>(item))
      out.payer.push_back(name(c->name()));
    else if (auto* c = dynamic_cast<P::ClauseAtMostContext*>(item)) {
      out.atMost.push_back({expr(c->expr()), span(item)});
      out.atMost.back().span.end = out.atMost.back().years->span.end;  // without the ';'
    } else
      out.results.push_back({ResultKind::Manual, nullptr, span(item)});
  }
  return out;
}

void AstBuilder::addPolicy(P::PolicyDeclContext* ctx, Module& module) {
  PolicyDecl out;
  out.id = stringValue(ctx->STRING());
  out.idSpan = span(ctx->STRING());
  out.target = name(ctx->name());
  out.span = span(ctx);
  for (auto* item : ctx->policyItem()) {
    if (auto* c = dynamic_cast<P::PolicyTitleContext*>(item))
      out.title = stringValue(c->STRING());
    else if (auto* c = dynamic_cast<P::PolicyAppliesContext*>(item))
      out.applies.push_back(expr(c->expr()));
    else if (auto* c = dynamic_cast<P::PolicyExcludesContext*>(item))
      out.excludes.push_back(expr(c->expr()));
    else if (auto* c = dynamic_cast<P::PolicyAsOfContext*>(item))
      out.asOf.push_back(expr(c->expr()));
    else if (auto* c = dynamic_cast<P::PolicyInForceContext*>(item))
      out.inForce.push_back(window(item, c->interval()));
    else if (auto* c = dynamic_cast<P::PolicyLetContext*>(item)) {
      LetDecl let{name(c->name()), expr(c->expr()), std::nullopt};
      if (c->STRING() != nullptr) let.source = stringValue(c->STRING());
      out.lets.push_back(std::move(let));
    } else if (auto* c = dynamic_cast<P::PolicyHighestContext*>(item))
      out.groups.push_back(
          {ClauseGroupDecl::Kind::Highest, clauseList(c->clauseList()), nullptr, c->EACH() != nullptr, span(item)});
    else if (auto* c = dynamic_cast<P::PolicyCapContext*>(item))
      out.groups.push_back(
          {c->how->getType() == P::PRO_RATA ? ClauseGroupDecl::Kind::CapProRata : ClauseGroupDecl::Kind::CapInOrder,
           clauseList(c->clauseList()), expr(c->limit), c->EACH() != nullptr, span(item),
           c->received != nullptr ? expr(c->received) : nullptr});
    else if (auto* c = dynamic_cast<P::PolicyPoolContext*>(item)) {
      PoolDecl pool{expr(c->expr()), {}, c->PRO_RATA() != nullptr, std::nullopt, span(item)};
      if (c->clauseList() != nullptr) pool.clauses = clauseList(c->clauseList());
      if (c->key != nullptr) pool.orderKey = name(c->key);
      out.pools.push_back(std::move(pool));
    } else if (auto* c = dynamic_cast<P::PolicyRankingContext*>(item)) {
      RankingDecl ranking{name(c->rank), {}, RankingDecl::Ties::Unstated, span(item)};
      for (auto* key : c->rankKey()) ranking.keys.push_back({name(key->name()), key->order->getType() == P::DESC});
      if (c->ties != nullptr)
        ranking.ties = c->ties->getType() == P::ALL_IN ? RankingDecl::Ties::AllIn : RankingDecl::Ties::NoneIn;
      out.rankings.push_back(std::move(ranking));
    } else
      out.clauses.push_back(clause(dynamic_cast<P::PolicyClauseContext*>(item)->clauseDecl()));
  }
  module.policies.push_back(std::move(out));
}

std::vector<Name> AstBuilder::clauseList(P::ClauseListContext* ctx) {
  std::vector<Name> out;
  for (auto* id : ctx->STRING()) out.push_back({stringValue(id), span(id)});
  return out;
}

Expectation AstBuilder::expectation(Expectation::Kind kind, antlr4::Token* who, antlr4::Token* clause,
                                    P::ItemRefContext* item, P::NameContext* beneficiary, ExprPtr amount,
                                    antlr4::ParserRuleContext* ctx) {
  Expectation out{kind, stringValue(clause), name(beneficiary), std::move(amount), span(ctx)};
  if (who != nullptr) {
    out.record = stringValue(who);
    out.recordSpan = span(who);
  }
  if (item != nullptr) {
    out.item = item->STRING() != nullptr ? stringValue(item->STRING()) : item->NUMBER()->getText();
    out.itemSpan = span(item);
  }
  return out;
}

void AstBuilder::addTest(P::TestDeclContext* ctx, Module& module) {
  TestDecl out;
  out.name = stringValue(ctx->STRING());
  out.span = span(ctx);
  for (auto* item : ctx->testItem()) {
    if (auto* c = dynamic_cast<P::TestInputContext*>(item))
      out.inputs.push_back(recordLiteral(c->recordLiteral()));
    else if (auto* c = dynamic_cast<P::TestParamContext*>(item))
      out.params.push_back({name(c->name()), expr(c->expr())});
    else if (auto* c = dynamic_cast<P::TestExpectAmountContext*>(item))
      out.expectations.push_back(
          expectation(Expectation::Kind::Amount, c->who, c->clause, c->itemRef(), c->name(), expr(c->expr()), item));
    else if (auto* c = dynamic_cast<P::TestExpectEligibleContext*>(item))
      out.expectations.push_back(
          expectation(Expectation::Kind::Eligible, c->who, c->clause, c->itemRef(), c->name(), nullptr, item));
    else if (auto* c = dynamic_cast<P::TestExpectManualContext*>(item))
      out.expectations.push_back(
          expectation(Expectation::Kind::Manual, c->who, c->clause, c->itemRef(), c->name(), nullptr, item));
    else if (!out.expectNone)
      out.expectNone = span(item);
  }
  module.tests.push_back(std::move(out));
}

void AstBuilder::addDeclaration(P::DeclarationContext* ctx, Module& module) {
  if (auto* c = ctx->importDecl()) {
    module.imports.push_back({stringValue(c->STRING()), span(c)});
  } else if (auto* c = ctx->dimensionDecl()) {
    module.dimensions.push_back({name(c->name(0)), name(c->name(1)), span(c)});
  } else if (auto* c = ctx->unitDecl()) {
    UnitDecl out;
    out.name = name(c->name());
    auto numbers = c->scaleFactor()->NUMBER();
    out.numerator = numbers[0]->getText();
    if (numbers.size() > 1) out.denominator = numbers[1]->getText();
    out.factorSpan = span(c->scaleFactor());
    if (c->unitExpr() != nullptr) out.of = unit(c->unitExpr());
    out.span = span(c);
    module.units.push_back(std::move(out));
  } else if (auto* c = ctx->enumDecl()) {
    EnumDecl out{name(c->name()), {}, span(c)};
    for (auto* m : c->enumMember())
      out.members.push_back(m->name() != nullptr ? name(m->name()) : Name{stringValue(m->STRING()), span(m)});
    module.enums.push_back(std::move(out));
  } else if (auto* c = ctx->setDecl()) {
    SetDecl out{name(c->name()), {}, span(c)};
    for (auto* m : c->STRING()) out.members.push_back({stringValue(m), span(m)});
    module.sets.push_back(std::move(out));
  } else if (auto* c = ctx->recordDecl()) {
    RecordDecl out{name(c->name()), {}, span(c)};
    for (auto* f : c->fieldDecl()) {
      FieldDecl field;
      field.name = name(f->name());
      field.type = type(f->typeExpr());
      if (f->interval() != nullptr) field.range = interval(f->interval());
      field.key = f->KEY() != nullptr;
      if (f->expr() != nullptr) field.defaultValue = expr(f->expr());
      field.span = span(f);
      out.fields.push_back(std::move(field));
    }
    module.records.push_back(std::move(out));
  } else if (auto* c = ctx->paramDecl()) {
    ParamDecl out;
    out.name = name(c->name());
    if (c->typeExpr() != nullptr) out.type = type(c->typeExpr());
    if (c->interval() != nullptr) out.range = interval(c->interval());
    if (c->expr() != nullptr) out.value = expr(c->expr());
    if (auto* dated = c->datedValues()) {
      for (auto* v : dated->datedValue()) out.dated.push_back({v->DATE()->getText(), span(v->DATE()), expr(v->expr())});
    }
    out.span = span(c);
    module.params.push_back(std::move(out));
  } else if (auto* c = ctx->beneficiaryDecl()) {
    BeneficiaryDecl out;
    for (auto* b : c->beneficiary())
      out.entries.push_back(
          {name(b->name()), b->STRING() != nullptr ? stringValue(b->STRING()) : b->name()->getText()});
    module.beneficiaries.push_back(std::move(out));
  } else if (auto* c = ctx->policyDecl()) {
    addPolicy(c, module);
  } else if (auto* c = ctx->testDecl()) {
    addTest(c, module);
  }
}

}  // namespace zc
