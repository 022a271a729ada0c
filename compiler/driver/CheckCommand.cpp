#include <fmt/format.h>

#include "driver/Commands.h"
#include "driver/Ruleset.h"
#include "ir/IrPrinter.h"

namespace zc {

int runCheck(const std::vector<std::string>& files, bool dumpIr) {
  int status = 0;
  for (const auto& file : files) {
    Session session;
    auto ruleset = loadRuleset(session, {file});
    if (!ruleset) {
      status = 1;
      continue;
    }
    if (dumpIr) fmt::print("{}", ir::printProgram(ruleset->program));
    fmt::print(stderr, "{}: ok ({} clauses, {} tests)\n", file, ruleset->program.clauses.size(), ruleset->tests.size());
  }
  return status;
}

}  // namespace zc
