#include "engine/ParamOverride.h"

#include <fmt/format.h>

#include "ir/ParamRange.h"

namespace zc {

std::string parseParamOverride(const ir::Program& program, const std::string& assignment, int& index, rt::Scalar& value) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos) return fmt::format("--param takes NAME=VALUE, not '{}'", assignment);
  std::string name = assignment.substr(0, eq);
  std::string text = assignment.substr(eq + 1);
  index = -1;
  for (size_t i = 0; i < program.params.size() && index < 0; ++i)
    if (program.params[i].name == name) index = static_cast<int>(i);
  if (index < 0) {
    std::string known;
    for (size_t i = 0; i < program.params.size(); ++i)
      if (i == 0 || program.params[i].name != program.params[i - 1].name) known += (known.empty() ? "" : ", ") + program.params[i].name;
    return fmt::format("the ruleset has no parameter '{}'{}", name, known.empty() ? "" : " (it has: " + known + ")");
  }
  value = program.params[index].value;
  bool absent = false;
  std::string problem = rt::parseScalarText(program.params[index].schema, text, rt::ScalarSyntax::Plain, value, &absent);
  if (!problem.empty()) return fmt::format("--param {}: {}", name, problem);
  if (!ir::inRange(program.params[index], value))
    return fmt::format("--param {}: {} is outside the range {} that the ruleset declares for it", name, text,
                       program.params[index].range->text);
  return "";
}

}  // namespace zc
