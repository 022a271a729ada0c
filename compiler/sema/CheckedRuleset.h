// What the checker makes of a ruleset: its names, the typed IR the engines
// run and its tests; and the two ways into the checker that other phases
// have. The checker's own class (Checker.h) is private to sema.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/Ast.h"
#include "diag/Diagnostic.h"
#include "ir/Ir.h"
#include "sema/NameTable.h"
#include "sema/Symbols.h"

namespace zc {

struct TestExpectation {
  std::string clause;
  std::string beneficiary;
  rt::ResultKind kind = rt::ResultKind::Award;
  zc_dec amount{};                  // 元, for awards
  std::optional<std::string> item;  // a per-item clause's item, as results name it
  Span span;
  size_t record = 0;  // which of the test's records it is for
};

struct TestCase {
  std::string name;
  Span span;
  // One record, or a population (a 资金池 is settled over them): each
  // record's awards are compared with the expectations for it.
  std::vector<rt::Record> inputs;
  std::vector<std::pair<int, rt::Scalar>> params;
  std::vector<TestExpectation> expectations;
};

struct CheckedRuleset {
  sema::Symbols symbols;
  sema::NameTable names;
  ir::Program program;
  std::vector<TestCase> tests;
  int record = -1;  // the record the policies evaluate, in symbols.records
};

// An expression checked outside any clause: its type and the IR value that
// computes it (none for an error, or a list, which is not a single value).
struct CheckedExpression {
  sema::Type type;
  ir::ValueId value = ir::kNoValue;
  bool error() const { return type.isError(); }
};

namespace sema {

// Checks the modules as one ruleset and lowers it into `out`: declarations of
// all modules first (names are visible across files), then policies, then tests.
void checkRuleset(const SourceManager& sources, Diagnostics& diags, const std::vector<const ast::Module*>& modules,
                  CheckedRuleset& out);

// An expression over record `record` of a checked ruleset (-1: none), outside
// any clause (a REPL input, a test's formula). Its IR is appended to the
// ruleset's program.
CheckedExpression checkExpression(const SourceManager& sources, Diagnostics& diags, CheckedRuleset& ruleset,
                                  const ast::Expr& expr, int record);

}  // namespace sema
}  // namespace zc
