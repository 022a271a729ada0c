#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "driver/Commands.h"
#include "engine/RankSettings.h"
#include "engine/ResultText.h"
#include "interp/Explanation.h"
#include "interp/ExplanationJson.h"
#include "interp/Interpreter.h"
#include "interp/PartialEvaluation.h"
#include "interp/PartialEvaluationText.h"
#include "ir/Dependencies.h"
#include "load/Ruleset.h"
#include "zc/json_reader.h"

namespace zc {

int runEval(const EvalOptions& options) {
  auto compilation = loadPolicyRuleset(options.ruleset);
  if (!compilation) return 1;
  const ir::Program& program = compilation->ruleset.program;
  Interpreter interpreter(program);
  if (!applyParams(program, options.params, [&](int i, const rt::Scalar& v) { interpreter.setParam(i, v); })) return 1;

  std::ifstream in(options.input, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  rt::JsonRecordReader reader(program.schema);
  rt::Record record;
  std::string_view json = text.view();
  if (json.starts_with(rt::kUtf8ByteOrderMark)) json.remove_prefix(rt::kUtf8ByteOrderMark.size());
  rt::DecodeOutcome outcome = reader.decode(json, record);
  for (const auto& field : outcome.unknownFields)
    fmt::print(stderr, "{}: warning: unknown field '{}' is ignored\n", options.input, field);
  if (!outcome.ok) {
    fmt::print(stderr, "{}: record{}: {}\n", options.input, outcome.id.empty() ? "" : " " + outcome.id,
               outcome.describe());
    return 1;
  }
  if (options.partial) {
    ir::DependencyAnalysis dependencies(program);
    PartialEvaluation partial =
        evaluatePartial(interpreter, program, dependencies, record, fieldsNamed(program.schema, json));
    if (partial.evaluation.error) {
      fmt::print(stderr, "{}: record {}: {}\n", options.input, record.id,
                 rt::formatEvalError(interpreter.resultTable(), *partial.evaluation.error));
      return 1;
    }
    if (options.json)
      fmt::print("{}\n", renderPartialJson(compilation->sources, program, partial));
    else
      fmt::print("{}", renderPartialText(compilation->sources, program, partial));
    // Only a decided clause's error is the record's: the others were evaluated with stand-ins.
    bool failed = false;
    for (const PartialVerdict& v : partial.clauses)
      for (const rt::ClauseError& e : partial.evaluation.result->errors)
        if (v.kind == PartialVerdict::Kind::Decided && e.clause == program.clauses[v.clause].id) failed = true;
    return failed ? 2 : 0;
  }
  Evaluation evaluation = interpreter.evaluate(record, !options.explain.empty());
  if (evaluation.error) {
    fmt::print(stderr, "{}: record {}: {}\n", options.input, record.id,
               rt::formatEvalError(interpreter.resultTable(), *evaluation.error));
    return 1;
  }
  // The JSON explanation holds the result; nothing else goes to stdout with it.
  if (options.explain == "json") {
    fmt::print("{}\n", renderExplanationJson(compilation->sources, program, evaluation));
  } else {
    if (options.explain == "text") fmt::print("{}\n", renderExplanation(compilation->sources, program, evaluation));
    if (options.json)
      fmt::print("{}\n", rt::toJsonLine(*evaluation.result));
    else
      fmt::print("{}", renderAwards(*evaluation.result));
  }
  for (const rt::ClauseError& e : evaluation.result->errors)
    fmt::print(stderr, "{}: record {}: {} ({})\n", options.input, record.id, e.message, failedIn(e));
  // One record cannot settle a pool: say so where this record claims one.
  std::string notes = poolNotes(program, *evaluation.result);
  if (!notes.empty()) fmt::print(stderr, "{}: record {}: {}", options.input, record.id, notes);
  // Nor rank the run: the record shows the rank it brings, or none.
  for (const ir::Ranking& ranking : program.rankings)
    fmt::print(stderr, "{}: record {}: {}", options.input, record.id, rankNote(program, ranking, record));
  return evaluation.result->errors.empty() ? 0 : 2;
}

}  // namespace zc
