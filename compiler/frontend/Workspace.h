// A ruleset made of modules the caller parsed and keeps — the REPL's session,
// which adds declarations as they come — checked and lowered as compile()
// does, and expressions tried over it. Every program it holds has been
// through the front end's verification (verifyLowered) once complete.
#pragma once

#include <string>
#include <vector>

#include "ast/Ast.h"
#include "diag/Diagnostic.h"
#include "ir/IrBuilder.h"
#include "sema/CheckedRuleset.h"

namespace zc::frontend {

class Workspace {
 public:
  // Checks the modules as one ruleset; errors are left in `diags`. With
  // `verifyIr`, a release build verifies the IR too (zc repl --verify-ir).
  Workspace(const SourceManager& sources, Diagnostics& diags, const std::vector<const ast::Module*>& modules,
            bool verifyIr);
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  const CheckedRuleset& ruleset() const { return ruleset_; }
  const ir::Program& program() const { return ruleset_.program; }
  // The record expressions read: the policies', or, before any policy, the
  // one record with a 键 field if there is exactly one (formulas are tried on
  // it first); -1 when there is none.
  int record() const { return record_; }

  // An expression over record(): checked, appended to the program, its errors
  // located and the program verified. Roll back to a mark taken before to drop it.
  CheckedExpression check(const ast::Expr& expr);
  ir::IrBuilder::Mark mark() { return ir::IrBuilder(ruleset_.program).mark(); }
  void rollback(const ir::IrBuilder::Mark& mark) { ir::IrBuilder(ruleset_.program).rollback(mark); }

  // What ir::verify found wrong with the program at its last verification: a
  // lowering bug, empty unless it ran and found one.
  const std::vector<std::string>& irProblems() const { return irProblems_; }
  // How many times the program has been verified here (the ruleset, then each
  // expression): none in a release build unless asked.
  size_t verifications() const { return verifications_; }

 private:
  void verify();

  const SourceManager& sources_;
  Diagnostics& diags_;
  bool verifyIr_;
  CheckedRuleset ruleset_;
  int record_ = -1;
  std::vector<std::string> irProblems_;
  size_t verifications_ = 0;
};

}  // namespace zc::frontend
