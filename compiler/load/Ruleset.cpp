#include "load/Ruleset.h"

#include <fmt/format.h>
#include <unistd.h>

#include "diag/TerminalColor.h"
#include "engine/ParamOverride.h"
#include "interp/Interpreter.h"
#include "ir/IrQueries.h"
#include "jit/JitEngine.h"

namespace zc {

bool stderrIsTerminal() { return isatty(STDERR_FILENO) != 0; }
bool stdoutIsTerminal() { return isatty(STDOUT_FILENO) != 0; }

std::optional<frontend::Compilation> loadRuleset(const std::vector<std::string>& paths) {
  frontend::Compilation c = frontend::compile({.paths = paths});
  RenderOptions options;
  options.color = wantsColor(STDERR_FILENO);
  fmt::print(stderr, "{}", renderDiagnostics(c.sources, c.diagnostics, options));
  if (c.diagnostics.hasErrors()) {
    size_t n = c.diagnostics.errorCount();
    fmt::print(stderr, "{} error{}\n", n, n == 1 ? "" : "s");
    return std::nullopt;
  }
  for (const auto& path : c.unreadable) fmt::print(stderr, "zc: cannot read {}\n", path);
  if (!c.ok()) return std::nullopt;
  return c;
}

std::optional<frontend::Compilation> loadPolicyRuleset(const std::string& path) {
  auto c = loadRuleset({path});
  if (c && c->ruleset.record < 0) {
    fmt::print(stderr, "zc: {} has no policy to evaluate\n", path);
    return std::nullopt;
  }
  return c;
}

std::unique_ptr<rt::Engine> makeEngine(const ir::Program& program, const std::string& name, const std::string& path) {
  if (name == "interp") return makeInterpreterEngine(program);
  if (name == "auto" && program.clauses.size() > kAutoJitClauses) {
    if (!path.empty())
      fmt::print(stderr,
                 "zc: {}: {} clauses, more than the {} --engine auto compiles: running on the interpreter "
                 "(--engine jit to compile them)\n",
                 path, program.clauses.size(), kAutoJitClauses);
    return makeInterpreterEngine(program);
  }
  auto jit = makeJitEngine(program);
  if (!jit) {
    fmt::print(stderr, "zc: the JIT could not compile this ruleset: {}\n", llvm::toString(jit.takeError()));
    fmt::print(stderr, "zc: run it with --engine interp, and please report this\n");
    return nullptr;
  }
  return std::move(*jit);
}

std::string autoEngineHelp() {
  return fmt::format(
      "auto (the default: jit, or interp for a ruleset of more than {} clauses), jit (compiled with "
      "LLVM) or interp",
      kAutoJitClauses);
}

bool applyParams(const ir::Program& program, const std::vector<std::string>& params,
                 const std::function<void(int, const rt::Scalar&)>& set) {
  for (const auto& assignment : params) {
    int index;
    rt::Scalar value;
    std::string problem = parseParamOverride(program, assignment, index, value);
    if (!problem.empty()) {
      fmt::print(stderr, "zc: {}\n", problem);
      return false;
    }
    for (int entry : ir::entriesOf(program, index)) set(entry, value);
  }
  return true;
}

}  // namespace zc
