#include "driver/RunExplanation.h"

#include <fmt/format.h>

#include "engine/PoolSettings.h"
#include "engine/ResultText.h"
#include "interp/Explanation.h"
#include "interp/ExplanationJson.h"
#include "interp/Interpreter.h"

namespace zc {

bool writeRunExplanations(const SourceManager& sources, const ir::Program& program,
                          const std::vector<rt::Scalar>& params, const BulkSummary& summary,
                          const std::string& inputName, bool json, std::FILE* out) {
  Interpreter interpreter(program);
  for (size_t i = 0; i < params.size(); ++i) interpreter.setParam(static_cast<int>(i), params[i]);
  rt::PoolLayout pools = poolLayout(program);
  bool ok = true;
  for (const BulkSummary::Explained& explained : summary.explained) {
    Evaluation evaluation = interpreter.evaluate(explained.record, true);
    if (!evaluation.result) {
      fmt::print(stderr, "{}:{}: record {}: cannot be explained: {}\n", inputName, explained.line,
                 rt::printable(explained.record.id), rt::formatEvalError(interpreter.resultTable(), *evaluation.error));
      ok = false;
      continue;
    }
    RunFigures figures{summary.pools, summary.ranked, explained.shares};
    // The row the run wrote: each claim paid what the pool granted it.
    std::vector<std::vector<int64_t>> granted(program.pools.size());
    for (PoolShare& share : figures.shares) {
      granted[share.pool].push_back(share.granted);
      if (int field = program.pools[share.pool].orderField; field >= 0)
        share.orderKey = rt::formatScalar(program.schema.fields[field], explained.record.fields[field].scalar);
    }
    rt::PoolLayout::Shares shares(granted.begin(), granted.end());
    std::vector<size_t> next(program.pools.size(), 0);
    if (!pools.settle(*evaluation.result, shares, next)) {
      fmt::print(stderr, "{}:{}: record {}: the interpreter's awards are not the run's claims\n", inputName,
                 explained.line, rt::printable(explained.record.id));
      ok = false;
      continue;
    }
    std::string text;
    if (json) {
      text = renderExplanationJson(sources, program, evaluation, &figures, false) + "\n";
    } else {
      text = fmt::format("记录 {} ({}:{})\n{}\n{}\n", rt::printable(evaluation.result->id), inputName, explained.line,
                         renderExplanation(sources, program, evaluation, &figures), renderAwards(*evaluation.result));
    }
    std::fwrite(text.data(), 1, text.size(), out);
  }
  return ok;
}

}  // namespace zc
