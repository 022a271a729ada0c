#include "sema/UnguardedSubtraction.h"

#include <string>
#include <utility>
#include <vector>

namespace zc::sema {

namespace {

// (larger, smaller) source texts that some condition in force orders.
using Ordering = std::pair<std::string, std::string>;

class SubtractionFinder {
 public:
  SubtractionFinder(const ast::ClauseDecl& clause, const SourceManager& sources) : clause_(clause), sources_(sources) {
    for (const ast::ExprPtr& condition : clause.conditions) addOrdering(*condition);
  }

  std::optional<Span> find(const ast::Expr& expr) {
    visit(expr, false);
    return found_;
  }

 private:
  std::string text(const ast::Expr& e) const {
    std::string out;
    for (char c : sources_.text(e.span))
      if (c != ' ' && c != '\t') out += c;
    return out;
  }

  void addOrdering(const ast::Expr& condition) {
    if (condition.kind == ast::ExprKind::And) {
      for (const ast::ExprPtr& operand : condition.operands) addOrdering(*operand);
      return;
    }
    if (condition.kind != ast::ExprKind::Compare) return;
    const ast::Expr& l = *condition.operands[0];
    const ast::Expr& r = *condition.operands[1];
    switch (condition.compareOp) {
      case ast::CompareOp::Gt:
      case ast::CompareOp::Ge:
        orderings_.push_back({text(l), text(r)});
        break;
      case ast::CompareOp::Lt:
      case ast::CompareOp::Le:
        orderings_.push_back({text(r), text(l)});
        break;
      default:
        break;
    }
    // a − b > c (or ≥ c) with a constant c ≥ 0 orders a and b too, and
    // x ≥ c makes x itself (a 设 that subtracts, say) no smaller than 0.
    bool above = condition.compareOp == ast::CompareOp::Gt || condition.compareOp == ast::CompareOp::Ge;
    if (above && nonNegativeConstant(r)) {
      nonNegative_.push_back(text(l));
      if (l.kind == ast::ExprKind::Arith && l.arithOp == ast::ArithOp::Sub)
        orderings_.push_back({text(*l.operands[0]), text(*l.operands[1])});
    }
  }

  static bool calls(const ast::Expr& e, std::string_view chinese, std::string_view english) {
    return e.kind == ast::ExprKind::Call && (e.name.text == chinese || e.name.text == english);
  }

  // a − 最小(…, a, …) is never below 0.
  bool subtractsItsOwnMinimum(const ast::Expr& sub) const {
    const ast::Expr& right = *sub.operands[1];
    if (!calls(right, "最小", "min")) return false;
    std::string left = text(*sub.operands[0]);
    for (const ast::ExprPtr& arg : right.operands)
      if (text(*arg) == left) return true;
    return false;
  }

  bool knownNonNegative(const ast::Expr& e) const {
    std::string t = text(e);
    for (const std::string& n : nonNegative_)
      if (n == t) return true;
    return false;
  }

  static bool nonNegativeConstant(const ast::Expr& e) {
    return (e.kind == ast::ExprKind::Number || e.kind == ast::ExprKind::Percent) && !e.text.empty() && e.text[0] != '-';
  }

  bool ordered(const ast::Expr& a, const ast::Expr& b) const {
    Ordering wanted{text(a), text(b)};
    for (const Ordering& o : orderings_)
      if (o == wanted) return true;
    return false;
  }

  const ast::LetDecl* let(const std::string& name) const {
    for (const ast::LetDecl& l : clause_.lets)
      if (l.name.text == name) return &l;
    return nullptr;
  }

  void visit(const ast::Expr& e, bool guarded) {
    if (found_ || knownNonNegative(e)) return;
    switch (e.kind) {
      case ast::ExprKind::Arith:
        if (e.arithOp == ast::ArithOp::Sub && !guarded && !ordered(*e.operands[0], *e.operands[1]) &&
            !subtractsItsOwnMinimum(e))
          found_ = e.span;
        break;
      case ast::ExprKind::Neg:
        if (!guarded) found_ = e.span;
        break;
      case ast::ExprKind::Call:
        if (calls(e, "绝对值", "abs")) return;  // never below 0, whatever it holds
        if (calls(e, "最大", "max")) {
          for (const ast::ExprPtr& arg : e.operands) guarded = guarded || nonNegativeConstant(*arg);
        }
        break;
      case ast::ExprKind::Name:
        if (const ast::LetDecl* l = let(e.text); l != nullptr && !visiting(l)) {
          letsOpen_.push_back(l);
          visit(*l->value, guarded);
          letsOpen_.pop_back();
        }
        return;
      case ast::ExprKind::If: {
        // What the test shows holds in the 则 branch only.
        size_t orderingsBefore = orderings_.size(), nonNegativeBefore = nonNegative_.size();
        addOrdering(*e.operands[0]);
        visit(*e.operands[1], guarded);
        orderings_.resize(orderingsBefore);
        nonNegative_.resize(nonNegativeBefore);
        visit(*e.operands[2], guarded);
        return;
      }
      case ast::ExprKind::Tier:
      case ast::ExprKind::Match:
      case ast::ExprKind::Crossed:
      case ast::ExprKind::Progressive:
        // What is chosen from is not the amount; the arms are.
        for (const ast::MatchArm& arm : e.arms) visit(*arm.value, guarded);
        for (const ast::TierArm& arm : e.tiers) visit(*arm.value, guarded);
        for (const ast::ThresholdArm& arm : e.thresholds) visit(*arm.value, guarded);
        return;
      case ast::ExprKind::Compare:
      case ast::ExprKind::And:
      case ast::ExprKind::Or:
      case ast::ExprKind::Not:
      case ast::ExprKind::InSet:
      case ast::ExprKind::InInterval:
        return;  // flags, not amounts
      default:
        break;
    }
    for (const ast::ExprPtr& operand : e.operands) visit(*operand, guarded);
  }

  bool visiting(const ast::LetDecl* l) const {
    for (const ast::LetDecl* open : letsOpen_)
      if (open == l) return true;
    return false;
  }

  const ast::ClauseDecl& clause_;
  const SourceManager& sources_;
  std::vector<Ordering> orderings_;
  std::vector<std::string> nonNegative_;  // texts a condition holds ≥ 0
  std::vector<const ast::LetDecl*> letsOpen_;
  std::optional<Span> found_;
};

}  // namespace

std::optional<Span> findUnguardedSubtraction(const ast::ClauseDecl& clause, const SourceManager& sources) {
  for (const ast::ClauseResult& result : clause.results)
    if (result.kind == ast::ResultKind::Award && result.amount)
      return SubtractionFinder(clause, sources).find(*result.amount);
  return std::nullopt;
}

}  // namespace zc::sema
