#include "sema/CheckedRuleset.h"

#include "sema/Checker.h"

namespace zc::sema {

void checkRuleset(const SourceManager& sources, Diagnostics& diags, const std::vector<const ast::Module*>& modules,
                  CheckedRuleset& out) {
  Checker(sources, diags, out).checkRuleset(modules);
}

CheckedExpression checkExpression(const SourceManager& sources, Diagnostics& diags, CheckedRuleset& ruleset,
                                  const ast::Expr& expr, int record) {
  Typed typed = Checker(sources, diags, ruleset).checkStandalone(expr, record);
  return {typed.type, typed.value};
}

}  // namespace zc::sema
