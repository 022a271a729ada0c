// Loading a ruleset from its files through parsing and checking, with
// diagnostics rendered once at the end.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "interp/Interpreter.h"
#include "sema/Checker.h"

namespace zc {

struct Session {
  SourceManager sources;
  Diagnostics diags;
};

// Parses and checks the files with their imports. Renders the diagnostics to
// stderr; returns the ruleset only when there is no error.
std::optional<CheckedRuleset> loadRuleset(Session& session, const std::vector<std::string>& paths);

// The same, for evaluating: also refuses a ruleset with no policy.
std::optional<CheckedRuleset> loadPolicyRuleset(Session& session, const std::string& path);

// Reads --param NAME=VALUE into the parameter's index and value. Returns an
// error message naming the parameter, or empty.
std::string parseParamOverride(const ir::Program& program, const std::string& assignment, int& index, rt::Scalar& value);
// Sets each --param on the interpreter; false, with a message, on a bad one.
bool applyParams(const ir::Program& program, const std::vector<std::string>& params, Interpreter& interpreter);

bool stderrIsTerminal();
bool stdoutIsTerminal();

}  // namespace zc
