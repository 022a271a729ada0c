#include "driver/Ruleset.h"

#include <fmt/format.h>
#include <unistd.h>

#include "driver/ModuleLoader.h"

namespace zc {

bool stderrIsTerminal() { return isatty(STDERR_FILENO) != 0; }
bool stdoutIsTerminal() { return isatty(STDOUT_FILENO) != 0; }

std::optional<CheckedRuleset> loadRuleset(Session& session, const std::vector<std::string>& paths) {
  ModuleLoader loader(session.sources, session.diags);
  for (const auto& path : paths) loader.load(path);
  CheckedRuleset ruleset;
  if (!session.diags.hasErrors() && !loader.failedToOpen()) {
    Checker checker(session.sources, session.diags, ruleset);
    checker.checkRuleset(loader.modules());
  }
  RenderOptions options;
  options.color = stderrIsTerminal();
  fmt::print(stderr, "{}", renderDiagnostics(session.sources, session.diags, options));
  if (session.diags.hasErrors()) {
    size_t n = session.diags.errorCount();
    fmt::print(stderr, "{} error{}\n", n, n == 1 ? "" : "s");
    return std::nullopt;
  }
  for (const auto& path : loader.unreadable()) fmt::print(stderr, "zc: cannot read {}\n", path);
  if (loader.failedToOpen()) return std::nullopt;
  return ruleset;
}

std::optional<CheckedRuleset> loadPolicyRuleset(Session& session, const std::string& path) {
  auto ruleset = loadRuleset(session, {path});
  if (ruleset && ruleset->record < 0) {
    fmt::print(stderr, "zc: {} has no policy to evaluate\n", path);
    return std::nullopt;
  }
  return ruleset;
}

std::string parseParamOverride(const ir::Program& program, const std::string& assignment, int& index, rt::Scalar& value) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos) return fmt::format("--param takes NAME=VALUE, not '{}'", assignment);
  std::string name = assignment.substr(0, eq);
  std::string text = assignment.substr(eq + 1);
  index = -1;
  for (size_t i = 0; i < program.params.size(); ++i)
    if (program.params[i].name == name) index = static_cast<int>(i);
  if (index < 0) {
    std::string known;
    for (const auto& p : program.params) known += (known.empty() ? "" : ", ") + p.name;
    return fmt::format("the ruleset has no parameter '{}'{}", name, known.empty() ? "" : " (it has: " + known + ")");
  }
  value = program.params[index].value;
  bool absent = false;
  std::string problem = rt::parseScalarText(program.params[index].schema, text, rt::ScalarSyntax::Plain, value, &absent);
  if (!problem.empty()) return fmt::format("--param {}: {}", name, problem);
  return "";
}

}  // namespace zc

namespace zc {

bool applyParams(const ir::Program& program, const std::vector<std::string>& params, Interpreter& interpreter) {
  for (const auto& assignment : params) {
    int index;
    rt::Scalar value;
    std::string problem = parseParamOverride(program, assignment, index, value);
    if (!problem.empty()) {
      fmt::print(stderr, "zc: {}\n", problem);
      return false;
    }
    interpreter.setParam(index, value);
  }
  return true;
}

}  // namespace zc
