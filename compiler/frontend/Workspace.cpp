#include "frontend/Workspace.h"

#include "frontend/Frontend.h"

namespace zc::frontend {

Workspace::Workspace(const SourceManager& sources, Diagnostics& diags, const std::vector<const ast::Module*>& modules,
                     bool verifyIr)
    : sources_(sources), diags_(diags), verifyIr_(verifyIr) {
  sema::checkRuleset(sources_, diags_, modules, ruleset_);
  record_ = ruleset_.record;
  if (record_ < 0) {
    const auto& records = ruleset_.symbols.records;
    int keyed = -1, count = 0;
    for (size_t i = 0; i < records.size(); ++i)
      if (records[i].schema.keyField >= 0) keyed = static_cast<int>(i), ++count;
    if (count == 1) {
      record_ = keyed;
      ruleset_.program.schema = records[keyed].schema;
    }
  }
  if (diags_.hasErrors()) return;
  resolveLocations(sources_, ruleset_.program);
  verify();
}

CheckedExpression Workspace::check(const ast::Expr& expr) {
  CheckedExpression checked = sema::checkExpression(sources_, diags_, ruleset_, expr, record_);
  if (diags_.hasErrors() || checked.error()) return checked;
  resolveLocations(sources_, ruleset_.program);
  verify();
  return checked;
}

void Workspace::verify() {
  irProblems_.clear();
  if (verifyLowered(ruleset_.program, verifyIr_, irProblems_)) ++verifications_;
}

}  // namespace zc::frontend
