// The front end as one call: parse → check → lower, from files (or unsaved
// overlays of them) to the typed IR, its diagnostics and its names. It
// returns values and prints nothing; the driver, the REPL, tests, the
// benchmark and a language server all start here.
#pragma once

#include <string>
#include <vector>

#include "frontend/ModuleLoader.h"
#include "sema/Checker.h"

namespace zc::frontend {

struct CompileRequest {
  std::vector<std::string> paths;
  const SourceOverlay* overlay = nullptr;
};

struct Compilation {
  SourceManager sources;
  Diagnostics diagnostics;
  // As far as checking got; complete and lowered only when ok().
  CheckedRuleset ruleset;
  std::vector<std::string> unreadable;  // named files that could not be read
  bool ok() const { return !diagnostics.hasErrors() && unreadable.empty(); }
};

Compilation compile(const CompileRequest& request);

// An expression over a checked ruleset's record and names (a REPL input, a
// test's formula): its IR is appended to the ruleset's program.
Typed checkExpression(Compilation& compilation, const std::string& name, const std::string& text);

// Fills program.locations: where each instruction's run-time error is reported.
void resolveLocations(const SourceManager& sources, ir::Program& program);

}  // namespace zc::frontend
