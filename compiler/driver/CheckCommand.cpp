#include <fmt/format.h>

#include "driver/Commands.h"
#include "load/Ruleset.h"
#include "ir/IrPrinter.h"

namespace zc {

int runCheck(const std::vector<std::string>& files, bool dumpIr) {
  int status = 0;
  for (const auto& file : files) {
    auto compilation = loadRuleset({file});
    if (!compilation) {
      status = 1;
      continue;
    }
    const CheckedRuleset* ruleset = &compilation->ruleset;
    if (dumpIr) fmt::print("{}", ir::printProgram(ruleset->program));
    size_t clauses = ruleset->program.clauses.size(), tests = ruleset->tests.size();
    fmt::print(stderr, "{}: ok ({} clause{}, {} test{})\n", file, clauses, clauses == 1 ? "" : "s", tests, tests == 1 ? "" : "s");
  }
  return status;
}

}  // namespace zc
