#include "engine/ParamOverride.h"

#include <fmt/format.h>

namespace zc {

std::string parseParamOverride(const ir::Program& program, const std::string& assignment, int& index,
                               rt::Scalar& value) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos) return fmt::format("--param takes NAME=VALUE, not '{}'", assignment);
  std::string name = assignment.substr(0, eq);
  std::string text = assignment.substr(eq + 1);
  index = -1;
  for (size_t i = 0; i < program.params.size() && index < 0; ++i)
    if (program.params[i].name == name) index = static_cast<int>(i);
  if (index < 0) {
    std::vector<std::string_view> names;
    for (const ir::Param& p : program.params) names.push_back(p.name);
    return rt::unknownParam(name, names);
  }
  const ir::Param& param = program.params[index];
  value = param.value;
  std::string problem = rt::readParamValue(param.schema, param.range ? &*param.range : nullptr, text, value);
  if (!problem.empty()) return fmt::format("--param {}: {}", name, problem);
  return "";
}

}  // namespace zc
