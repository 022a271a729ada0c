#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>

#include "driver/BulkRunner.h"
#include "driver/CommandInput.h"
#include "driver/Commands.h"
#include "driver/Provenance.h"
#include "driver/RunExplanation.h"
#include "engine/PoolSettings.h"
#include "engine/RankSettings.h"
#include "io/OutputFile.h"
#include "load/Ruleset.h"

namespace zc {

int runRun(const RunOptions& options) {
  auto compilation = loadPolicyRuleset(options.ruleset);
  if (!compilation) return 1;
  const ir::Program& program = compilation->ruleset.program;
  std::unique_ptr<rt::Engine> engine = makeEngine(program, options.engine, options.ruleset);
  if (!engine) return 1;
  std::vector<rt::Scalar> params;
  for (const ir::Param& p : program.params) params.push_back(p.value);
  if (!applyParams(program, options.params, [&](int i, const rt::Scalar& v) {
        engine->setParam(i, v);
        params[i] = v;
      }))
    return 1;
  std::vector<int64_t> poolAmounts;
  for (const ir::Pool& pool : program.pools) {
    std::string problem;
    std::optional<int64_t> amount = poolCents(pool, params, problem);
    if (!amount) {
      fmt::print(stderr, "zc: {}: {}\n", pool.name, problem);
      return 1;
    }
    poolAmounts.push_back(*amount);
  }

  std::string inputName;
  std::unique_ptr<RecordSource> source = openCommandInput(options.input, program.schema, inputName);
  if (!source) return 1;
  std::string problem;
  std::vector<ReadFile> reads;
  bool fromFile = !options.input.input.empty() && options.input.input != "-";
  if (fromFile) reads.push_back({options.input.input, "the input file"});
  for (ReadFile& file : rulesetFiles(compilation->sources)) reads.push_back(std::move(file));
  if (options.format == "xlsx" && options.output.empty() && stdoutIsTerminal()) {
    fmt::print(stderr, "zc: a workbook is not for a terminal: name it with --output 兑现结果.xlsx\n");
    return 1;
  }
  std::unique_ptr<OutputFile> out = OutputFile::open(options.output, reads, problem);
  if (!out) {
    fmt::print(stderr, "zc: {}\n", problem);
    return 1;
  }
  std::unique_ptr<OutputFile> summaryFile;
  if (!options.summary.empty()) {
    if (!options.output.empty()) reads.push_back({options.output, "the output file"});
    summaryFile = OutputFile::open(options.summary, reads, problem, "--summary");
    if (!summaryFile) {
      fmt::print(stderr, "zc: {}\n", problem);
      return 1;
    }
  }
  BulkOptions bulk;
  bulk.inputName = inputName;
  bulk.format = options.format;
  if (bulk.format.empty() && std::filesystem::path(options.output).extension() == ".xlsx") bulk.format = "xlsx";
  if (bulk.format.empty()) bulk.format = options.output.empty() && stdoutIsTerminal() ? "table" : "jsonl";
  bulk.provenance = provenanceOf(*compilation);
  bulk.provenanceLine = options.provenance;
  bulk.sources = &compilation->sources;
  bulk.threads = options.threads;
  bulk.progress = !options.quiet && stderrIsTerminal();
  std::error_code ec;
  if (fromFile) bulk.inputBytes = std::filesystem::file_size(options.input.input, ec);
  bulk.poolCents = poolAmounts;
  // --explain: the explanations take the results' place, which go nowhere.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> discarded(nullptr, &std::fclose);
  std::set<std::string, std::less<>> chosen(options.records.begin(), options.records.end());
  if (!options.explain.empty()) {
    discarded.reset(std::fopen("/dev/null", "w"));
    if (!discarded) {
      fmt::print(stderr, "zc: cannot open /dev/null for the results --explain leaves out\n");
      return 1;
    }
    bulk.format = "jsonl";
    bulk.provenanceLine = false;
    bulk.explain = [&chosen](std::string_view id) { return chosen.empty() || chosen.contains(id); };
  }
  BulkSummary summary;
  RunSummary totals(program);
  try {
    summary = runBulk(program, *engine, *source, discarded ? discarded.get() : out->stream(), bulk, totals);
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "zc: {}\n", e.what());
    return 1;
  }
  bool explained = true;
  if (!options.explain.empty()) {
    explained = writeRunExplanations(compilation->sources, program, params, summary, inputName,
                                     options.explain == "json", out->stream());
    for (const BulkSummary::Explained& e : summary.explained) chosen.erase(e.record.id);
    for (const std::string& id : chosen) {
      fmt::print(stderr, "zc: --record {}: no record of this id was evaluated (none has it, or it could not be read)\n",
                 rt::printable(id));
      explained = false;
    }
  }
  if (!out->commit(problem)) {
    fmt::print(stderr, "zc: {}\n", problem);
    return 1;
  }
  if (summaryFile) {
    std::string json = totals.json();
    if (options.provenance) json.insert(1, provenanceJson(bulk.provenance) + ", ");
    std::fwrite(json.data(), 1, json.size(), summaryFile->stream());
    if (!summaryFile->commit(problem)) {
      fmt::print(stderr, "zc: {}\n", problem);
      return 1;
    }
  }
  if (!options.quiet) fmt::print(stderr, "{}", totals.text());
  // Each ranking's field of competitors: the 共 N 家 its places are out of.
  if (!options.quiet)
    for (size_t r = 0; r < program.rankings.size(); ++r)
      fmt::print(stderr, "  排名 {}: 共 {} 家 ranked of {} records\n", describeRanking(program, program.rankings[r]),
                 summary.ranked[r], summary.records);
  if (!explained) return 1;
  if (summary.failed > 0) {
    fmt::print(stderr, "zc: {} of {} records failed\n", summary.failed, summary.records);
    return 2;
  }
  return 0;
}

}  // namespace zc
