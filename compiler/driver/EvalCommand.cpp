#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "driver/Commands.h"
#include "driver/Explain.h"
#include "driver/Ruleset.h"
#include "interp/Interpreter.h"
#include "zc/json_reader.h"

namespace zc {

int runEval(const EvalOptions& options) {
  Session session;
  auto ruleset = loadPolicyRuleset(session, options.ruleset);
  if (!ruleset) return 1;
  Interpreter interpreter(ruleset->program);
  if (!applyParams(ruleset->program, options.params, interpreter)) return 1;

  std::ifstream in(options.input, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  rt::JsonRecordReader reader(ruleset->program.schema);
  rt::Record record;
  rt::DecodeOutcome outcome = reader.decode(text.str(), record);
  for (const auto& field : outcome.unknownFields)
    fmt::print(stderr, "{}: warning: unknown field '{}' is ignored\n", options.input, field);
  if (!outcome.ok) {
    fmt::print(stderr, "{}: record{}: {}\n", options.input, outcome.id.empty() ? "" : " " + outcome.id, outcome.describe());
    return 1;
  }
  Evaluation evaluation = interpreter.evaluate(record, options.explain);
  if (evaluation.error) {
    fmt::print(stderr, "{}: record {}: {}\n", options.input, record.id, formatEvalError(session.sources, *evaluation.error));
    return 1;
  }
  if (options.explain) fmt::print("{}\n", renderExplanation(session.sources, ruleset->program, evaluation));
  if (options.json) fmt::print("{}\n", rt::toJsonLine(*evaluation.result));
  else fmt::print("{}", renderAwards(*evaluation.result));
  return 0;
}

}  // namespace zc
