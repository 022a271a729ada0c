#include <fmt/format.h>

#include "driver/Commands.h"
#include "engine/PoolSettings.h"
#include "engine/RankSettings.h"
#include "engine/ResultText.h"
#include "interp/Interpreter.h"
#include "jit/JitEngine.h"
#include "load/Ruleset.h"
#include "zc/pool.h"

namespace zc {

namespace {

std::string describeAward(const rt::Award& a) {
  std::string clause = clauseAndItem(a.clause, a.item);
  if (a.manual) return fmt::format("{} {} 一事一议", clause, a.beneficiary);
  if (!a.hasAmount) return fmt::format("{} {} 仅资格", clause, a.beneficiary);
  return fmt::format("{} {} = {} 元", clause, a.beneficiary, rt::formatMoney(a.amount));
}

std::string describeExpectation(const TestExpectation& e) {
  rt::Award a{e.clause, e.beneficiary, e.kind == rt::ResultKind::Award, e.kind == rt::ResultKind::Manual,
              e.amount, e.item};
  return describeAward(a);
}

// The differences between what a test expects of its record `record` and what the ruleset gives.
std::vector<std::string> compareAwards(const TestCase& test, size_t record, const rt::RecordResult& result) {
  std::vector<std::string> problems;
  std::vector<bool> matched(result.awards.size());
  // In a test of several records, each problem names its record.
  std::string who = test.inputs.size() > 1 ? fmt::format("record {}: ", test.inputs[record].id) : "";
  for (const TestExpectation& e : test.expectations) {
    if (e.record != record) continue;
    bool found = false;
    for (size_t i = 0; i < result.awards.size(); ++i) {
      const rt::Award& a = result.awards[i];
      if (a.clause != e.clause || a.beneficiary != e.beneficiary || a.item != e.item) continue;
      found = matched[i] = true;
      if (a.amount != e.amount || a.hasAmount != (e.kind == rt::ResultKind::Award))
        problems.push_back(fmt::format("{}expected {}, got {}", who, describeExpectation(e), describeAward(a)));
    }
    if (!found)
      problems.push_back(fmt::format("{}expected {}, but the clause gave nothing", who, describeExpectation(e)));
  }
  for (size_t i = 0; i < result.awards.size(); ++i)
    if (!matched[i]) problems.push_back(fmt::format("{}unexpected {}", who, describeAward(result.awards[i])));
  return problems;
}

// The test's records ranked among themselves, as zc run ranks a run
// (zc/ranking.h): a rank the test gives is refused, since nothing in a test
// is silently replaced.
std::vector<rt::Record> rankTest(const ir::Program& program, const TestCase& test, std::string& problem) {
  std::vector<rt::Record> records = test.inputs;
  if (program.rankings.empty()) return records;
  rt::RankTable ranks = rankTable(program);
  for (size_t r = 0; r < records.size(); ++r) {
    for (const ir::Ranking& ranking : program.rankings)
      if (records[r].fields[ranking.rankField].present)
        problem = fmt::format("record {} gives {}, the rank zc test decides over the test's records: leave it out",
                              records[r].id, ranking.name);
    ranks.add(r, &records[r]);
  }
  ranks.rank();
  for (size_t r = 0; r < records.size(); ++r) ranks.apply(r, records[r]);
  return records;
}

// The test's records ranked, through one engine, then its pools settled over
// them as zc run settles a run (zc/pool.h): the awards a population's records get.
std::vector<rt::RecordOutcome> evaluateTest(const ir::Program& program, const TestCase& test, rt::Engine& engine,
                                            std::string& problem) {
  std::vector<rt::Scalar> params;
  for (const ir::Param& p : program.params) params.push_back(p.value);
  for (const auto& [index, value] : test.params) {
    engine.setParam(index, value);
    params[index] = value;
  }
  std::vector<rt::Record> records = rankTest(program, test, problem);
  std::vector<rt::RecordOutcome> outcomes(records.size());
  engine.evaluate(records.data(), records.size(), outcomes.data());
  if (program.pools.empty()) return outcomes;
  rt::PoolLayout layout = poolLayout(program);
  std::vector<rt::PoolClaim> claims;
  for (size_t r = 0; r < outcomes.size(); ++r)
    if (outcomes[r].result && !layout.claims(*outcomes[r].result, records[r], claims, problem)) return outcomes;
  std::vector<std::vector<int64_t>> granted(program.pools.size()), keys(program.pools.size());
  for (const rt::PoolClaim& c : claims) {
    granted[c.pool].push_back(c.cents);
    keys[c.pool].push_back(c.key);
  }
  rt::PoolLayout::Shares shares;
  for (size_t p = 0; p < program.pools.size(); ++p) {
    std::optional<int64_t> amount = poolCents(program.pools[p], params, problem);
    if (!amount) return outcomes;
    const int64_t* orderKeys = program.pools[p].orderField >= 0 ? keys[p].data() : nullptr;
    zc_status status = zc_pool_settle(granted[p].data(), orderKeys, granted[p].size(), *amount,
                                      program.pools[p].proRata, granted[p].data());
    if (status != ZC_OK) {
      problem = fmt::format("{} cannot be settled: {}", program.pools[p].name, zc_status_message(status));
      return outcomes;
    }
    shares.emplace_back(granted[p]);
  }
  std::vector<size_t> next(program.pools.size(), 0);
  for (rt::RecordOutcome& outcome : outcomes)
    if (outcome.result && !layout.settle(*outcome.result, shares, next))
      problem = "a claim of the test has no share of its 资金池";
  return outcomes;
}

// What an outcome looks like for comparing engines: the JSON line (with any
// clause errors) or the record's error.
std::string render(const rt::ResultTable& table, const rt::RecordOutcome& outcome) {
  if (outcome.error) return "error: " + rt::formatEvalError(table, *outcome.error);
  std::string out = rt::toJsonLine(*outcome.result);
  for (const rt::ClauseError& e : outcome.result->errors) out += fmt::format(" [{}: {}]", e.clause, e.message);
  return out;
}

}  // namespace

int runTests(const std::vector<std::string>& files, const std::string& engines, bool verbose) {
  size_t passed = 0, failed = 0;
  bool broken = false;
  for (const auto& file : files) {
    auto compilation = loadRuleset({file});
    if (!compilation) {
      fmt::print("FAIL {}: the ruleset has errors, so its tests did not run\n", file);
      broken = true;
      continue;
    }
    const CheckedRuleset* ruleset = &compilation->ruleset;
    const SourceManager& sources = compilation->sources;
    std::unique_ptr<rt::Engine> jit;
    if (engines != "interp" && !ruleset->tests.empty()) {
      // The code a run settles on, whichever run comes first.
      auto compiled = makeJitEngine(ruleset->program, Tiering::Optimized);
      if (!compiled) {
        fmt::print("FAIL {}: the JIT cannot compile it: {}\n", file, llvm::toString(compiled.takeError()));
        broken = true;
        continue;
      }
      jit = std::move(*compiled);
    }
    for (const TestCase& test : ruleset->tests) {
      std::unique_ptr<rt::Engine> interpreter = makeInterpreterEngine(ruleset->program);
      const rt::ResultTable& table = interpreter->resultTable();
      std::string problem;
      std::vector<rt::RecordOutcome> outcomes = evaluateTest(ruleset->program, test, *interpreter, problem);
      std::unique_ptr<rt::Engine> engine = jit ? jit->clone() : nullptr;
      std::vector<rt::RecordOutcome> compiled;
      if (engine) compiled = evaluateTest(ruleset->program, test, *engine, problem);
      if (engines == "jit") outcomes = std::move(compiled);
      std::vector<std::string> problems;
      if (!problem.empty()) problems.push_back(problem);
      for (size_t r = 0; r < outcomes.size() && problem.empty(); ++r) {
        const rt::RecordOutcome& outcome = outcomes[r];
        if (outcome.error) {
          problems.push_back(rt::formatEvalError(table, *outcome.error));
          continue;
        }
        std::vector<std::string> found = compareAwards(test, r, *outcome.result);
        problems.insert(problems.end(), found.begin(), found.end());
        for (const rt::ClauseError& e : outcome.result->errors)
          problems.push_back(fmt::format("clause {} failed: {}", e.clause, e.message));
        if (engines == "both") {
          std::string a = render(table, outcome), b = render(engine->resultTable(), compiled[r]);
          if (a != b)
            problems.push_back(fmt::format("the engines disagree:\n    interpreter: {}\n    jit:         {}", a, b));
        }
      }
      const SourceFile& source = sources.file(test.span.file);
      LineColumn where = source.lineColumn(test.span.begin);
      if (problems.empty()) {
        ++passed;
        if (verbose) fmt::print("PASS {}:{}: {}\n", source.path(), where.line, test.name);
        continue;
      }
      ++failed;
      fmt::print("FAIL {}:{}: {}\n", source.path(), where.line, test.name);
      for (const auto& p : problems) fmt::print("  {}\n", p);
    }
  }
  fmt::print("{} passed, {} failed\n", passed, failed);
  return failed > 0 || broken ? 1 : 0;
}

}  // namespace zc
