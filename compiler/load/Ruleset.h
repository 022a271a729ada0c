// Loading a ruleset for a command: the front end, then its diagnostics
// rendered once to stderr.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "frontend/Frontend.h"
#include "zc/engine.h"

namespace zc {

// Compiles the files and renders the diagnostics to stderr; returns the
// compilation only when it has no error.
std::optional<frontend::Compilation> loadRuleset(const std::vector<std::string>& paths);

// The same, for evaluating: also refuses a ruleset with no policy.
std::optional<frontend::Compilation> loadPolicyRuleset(const std::string& path);

// `--engine auto` runs a ruleset of more clauses than this on the
// interpreter, which starts at once: past it the JIT compiles for most of a
// CPU-minute and more, and most of a gigabyte and more (docs/performance.md).
inline constexpr size_t kAutoJitClauses = 20'000;

// The engine named jit, interp or auto (zc run --engine): auto is the JIT,
// or the interpreter past kAutoJitClauses, said in one line on stderr that
// names `path`, the ruleset (empty: not said again, for a ruleset that
// zc diff runs twice). Nothing, with a message on stderr, when the JIT cannot
// compile the program.
std::unique_ptr<rt::Engine> makeEngine(const ir::Program& program, const std::string& name, const std::string& path);

// What --help says of auto.
std::string autoEngineHelp();

// Reads each --param and hands it to `set`; false, with a message on stderr, on a bad one.
bool applyParams(const ir::Program& program, const std::vector<std::string>& params,
                 const std::function<void(int, const rt::Scalar&)>& set);

bool stderrIsTerminal();
bool stdoutIsTerminal();

}  // namespace zc
