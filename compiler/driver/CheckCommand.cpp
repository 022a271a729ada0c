#include <fmt/format.h>

#include "driver/Commands.h"
#include "engine/RankSettings.h"
#include "engine/ResultText.h"
#include "ir/IrPrinter.h"
#include "ir/IrVerifier.h"
#include "load/Ruleset.h"

namespace zc {

int runCheck(const std::vector<std::string>& files, const CheckOptions& options) {
  int status = 0;
  for (const auto& file : files) {
    auto compilation = loadRuleset({file});
    if (!compilation) {
      status = 1;
      continue;
    }
    const CheckedRuleset* ruleset = &compilation->ruleset;
    if (options.dumpIr) fmt::print("{}", ir::printProgram(ruleset->program));
    // The front end verifies only in debug builds; this is for a release build's tests and bug reports.
    if (options.verifyIr) {
      std::vector<std::string> problems = ir::verify(ruleset->program);
      for (const auto& problem : problems) fmt::print(stderr, "{}: internal error: IR: {}\n", file, problem);
      if (!problems.empty()) {
        status = 1;
        continue;
      }
    }
    size_t clauses = ruleset->program.clauses.size(), tests = ruleset->tests.size();
    fmt::print(stderr, "{}: ok ({} clause{}, {} test{}{})\n", file, clauses, clauses == 1 ? "" : "s", tests,
               tests == 1 ? "" : "s", options.verifyIr ? "; IR verified" : "");
    // Rules over the whole run: one record alone cannot show what they pay.
    for (const ir::Pool& pool : ruleset->program.pools)
      fmt::print(stderr, "{}: note: {}: zc run settles it after every record; zc eval shows amounts before it\n", file,
                 describePool(ruleset->program, pool));
    for (const ir::Ranking& ranking : ruleset->program.rankings)
      fmt::print(stderr,
                 "{}: note: 排名 {}: zc run ranks every record before evaluating any; zc eval reads the rank the "
                 "record gives\n",
                 file, describeRanking(ruleset->program, ranking));
  }
  return status;
}

}  // namespace zc
