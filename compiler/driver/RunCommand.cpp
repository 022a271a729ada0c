#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "driver/BulkRunner.h"
#include "driver/Commands.h"
#include "driver/Ruleset.h"
#include "interp/Interpreter.h"
#include "jit/JitEngine.h"

namespace zc {

std::unique_ptr<Engine> makeEngine(const ir::Program& program, const std::string& name) {
  if (name == "interp") return makeInterpreterEngine(program);
  auto jit = makeJitEngine(program);
  if (!jit) {
    fmt::print(stderr, "zc: the JIT could not compile this ruleset: {}\n", llvm::toString(jit.takeError()));
    fmt::print(stderr, "zc: run it with --engine interp, and please report this\n");
    return nullptr;
  }
  return std::move(*jit);
}

int runRun(const RunOptions& options) {
  Session session;
  auto ruleset = loadPolicyRuleset(session, options.ruleset);
  if (!ruleset) return 1;
  std::unique_ptr<Engine> engine = makeEngine(ruleset->program, options.engine);
  if (!engine) return 1;
  for (const auto& assignment : options.params) {
    int index;
    rt::Scalar value;
    std::string problem = parseParamOverride(ruleset->program, assignment, index, value);
    if (!problem.empty()) {
      fmt::print(stderr, "zc: {}\n", problem);
      return 1;
    }
    engine->setParam(index, value);
  }

  std::FILE* out = stdout;
  if (!options.output.empty()) {
    out = std::fopen(options.output.c_str(), "wb");
    if (out == nullptr) {
      fmt::print(stderr, "zc: cannot write {}\n", options.output);
      return 1;
    }
  }
  BulkOptions bulk;
  bulk.inputName = options.input;
  bulk.format = options.format;
  if (bulk.format.empty()) bulk.format = options.output.empty() && stdoutIsTerminal() ? "table" : "jsonl";
  bulk.threads = options.threads;
  bulk.progress = !options.quiet && stderrIsTerminal();
  std::error_code ec;
  bulk.inputBytes = std::filesystem::file_size(options.input, ec);
  std::string inputFormat = options.inputFormat;
  if (inputFormat.empty()) inputFormat = std::filesystem::path(options.input).extension() == ".csv" ? "csv" : "jsonl";
  std::string problem;
  std::unique_ptr<RecordSource> source = inputFormat == "csv"
                                             ? openCsvSource(options.input, ruleset->program.schema, problem)
                                             : openJsonLinesSource(options.input, problem);
  if (!source) {
    fmt::print(stderr, "{}: {}\n", options.input, problem);
    return 1;
  }
  BulkSummary summary = runBulk(ruleset->program, session.sources, *engine, *source, out, bulk);
  if (out != stdout) std::fclose(out);
  else std::fflush(out);
  if (summary.failed > 0) {
    fmt::print(stderr, "zc: {} of {} records failed\n", summary.failed, summary.records);
    return 2;
  }
  return 0;
}

}  // namespace zc
