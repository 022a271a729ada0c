// The front end as one call: parse → check → lower, from files (or unsaved
// overlays of them) to the typed IR, its diagnostics and its names. It
// returns values and prints nothing; the driver, the REPL, tests, the
// benchmark and a language server all start here.
#pragma once

#include <string>
#include <vector>

#include "frontend/ModuleLoader.h"
#include "sema/CheckedRuleset.h"

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

// An expression over a checked ruleset's record and names (a test's
// formula): its IR is appended to the ruleset's program.
CheckedExpression checkExpression(Compilation& compilation, const std::string& name, const std::string& text);

// Fills program.locations: where each instruction's run-time error is reported.
void resolveLocations(const SourceManager& sources, ir::Program& program);

// ir::verify on a program the checker accepted, where the front end runs it:
// in a debug build always, a problem being a lowering bug that stops zc there,
// naming the instruction; in a release build when asked (zc check and zc repl
// --verify-ir, tests). Returns whether it ran; what it found is in `problems`.
bool verifyLowered(const ir::Program& program, bool asked, std::vector<std::string>& problems);

}  // namespace zc::frontend
