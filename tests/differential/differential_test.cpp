// The engine matrix as a test: the JIT, the interpreter and a library built
// by zc build must give the same bytes — results and error messages — for
// thousands of random records, over the seed ruleset and over rulesets of
// random well-typed expressions.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <random>

#include "CompiledLibrary.h"
#include "PoolSettlement.h"
#include "RecordGenerator.h"
#include "RulesetGenerator.h"
#include "engine/PoolSettings.h"
#include "frontend/Frontend.h"
#include "interp/Interpreter.h"
#include "ir/IrVerifier.h"
#include "jit/JitEngine.h"
#include "zc/columnar.h"
#include "zc/pool.h"
#include "zc/pool_claims.h"
#include "zc/record_evaluator.h"

namespace {

using namespace zc;

using Loaded = frontend::Compilation;

// The ruleset at path, or `text` standing in for it.
std::unique_ptr<Loaded> load(const std::string& path, const std::string& text = "") {
  SourceOverlay overlay;
  if (!text.empty()) overlay[path] = text;
  auto loaded = std::make_unique<Loaded>(frontend::compile({.paths = {path}, .overlay = &overlay}));
  INFO(renderDiagnostics(loaded->sources, loaded->diagnostics, {}));
  REQUIRE(loaded->ok());
  // A release build's front end skips the verifier: every program compared here must pass it.
  std::vector<std::string> problems = ir::verify(loaded->ruleset.program);
  INFO("IR: " << fmt::format("{}", fmt::join(problems, "\nIR: ")));
  REQUIRE(problems.empty());
  return loaded;
}

// An outcome as bytes: the JSON line with its clause errors, or the record's error.
std::string render(const rt::ResultTable& table, const rt::RecordOutcome& outcome) {
  if (outcome.error) return "error: " + rt::formatEvalError(table, *outcome.error);
  std::string out = rt::toJsonLine(*outcome.result);
  for (const rt::ClauseError& e : outcome.result->errors) out += fmt::format(" [{}: {}]", e.clause, e.message);
  return out;
}

// The compiled library, given the records as JSON Lines, must write what zc
// run writes for them on the interpreter (the evaluation core both use);
// given them as a columnar batch, it must give the interpreter's outcomes.
void compareLibrary(const ir::Program& program, const testing::RecordGenerator& generator,
                    const std::vector<rt::Record>& records, const rt::ResultTable& table,
                    const std::vector<rt::RecordOutcome>& outcomes) {
  std::string input;
  for (const rt::Record& record : records) input += generator.toJson(record) + "\n";
  std::vector<rt::JsonLine> lines;
  rt::cutJsonLines(input, records.size(), lines);
  rt::RecordEvaluator interpreted(program.schema, makeInterpreterEngine(program));
  std::string expected;
  rt::JsonLinesTally tally;
  rt::evaluateJsonLines(interpreted, lines, expected, tally);
  REQUIRE(tally.records == records.size());

  testing::CompiledLibrary library(program);
  std::string output = library.evaluateJsonLines(input);
  size_t at = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    size_t end = expected.find('\n', at) + 1;
    std::string_view want(expected.data() + at, end - at);
    if (output.compare(at, want.size(), want) != 0) {
      INFO("record " << generator.toJson(records[i]));
      REQUIRE(output.substr(at, want.size()) == want);
    }
    at = end;
  }
  REQUIRE(output.size() == expected.size());

  rt::ColumnarBatch batch(program.schema);
  batch.assign(records.data(), records.size());
  size_t clauses = table.clauses.size();
  std::vector<uint8_t> fired(records.size() * clauses);
  std::vector<zc_dec> amounts(fired.size());
  std::vector<int32_t> status(fired.size()), site(fired.size());
  rt::ItemResults items;
  zc_batch_result result{fired.data(), amounts.data(), status.data(), site.data(), &items};
  library.evaluateBatch(batch.view(), &result);
  int64_t cursor = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    size_t c = i * clauses;
    rt::ClauseOutcomes outcome_arrays{&fired[c], &amounts[c], &status[c], &site[c]};
    items.takeRow(static_cast<int64_t>(i), cursor, outcome_arrays);
    rt::RecordOutcome outcome = rt::assembleOutcome(table, records[i], outcome_arrays);
    REQUIRE(render(table, outcome) == render(table, outcomes[i]));
  }
  if (program.pools.empty()) return;

  // A run with 资金池s: the library's three steps (claims, one settlement,
  // the settled rows) must write what the interpreter's core writes with
  // the same steps, which zc run takes.
  std::vector<rt::PoolClaim> claims;
  std::string problem;
  rt::PoolLayout layout = poolLayout(program);
  REQUIRE(rt::poolClaimsOfJsonLines(interpreted, lines, layout, claims, problem));
  testing::CompiledLibrary::Settled settled = library.evaluateSettled(input);
  REQUIRE(settled.claims == claims.size());
  std::vector<rt::Scalar> params;
  for (const ir::Param& p : program.params) params.push_back(p.value);
  std::vector<std::vector<int64_t>> granted(program.pools.size()), keys(program.pools.size());
  for (const rt::PoolClaim& claim : claims) {
    granted[claim.pool].push_back(claim.cents);
    keys[claim.pool].push_back(claim.key);
  }
  for (size_t p = 0; p < program.pools.size(); ++p) {
    std::optional<int64_t> amount = poolCents(program.pools[p], params, problem);
    REQUIRE(amount);
    const int64_t* order = program.pools[p].orderField >= 0 ? keys[p].data() : nullptr;
    REQUIRE(zc_pool_settle(granted[p].data(), order, granted[p].size(), *amount, program.pools[p].proRata,
                           granted[p].data()) == ZC_OK);
  }
  rt::PoolLayout::Shares shares(granted.begin(), granted.end());
  std::vector<size_t> next(program.pools.size(), 0);
  std::string settledExpected;
  rt::JsonLinesTally settledTally;
  REQUIRE(rt::evaluateJsonLinesSettled(interpreted, lines, layout, shares, next, settledExpected, settledTally));
  REQUIRE(settled.output == settledExpected);
}

struct Tally {
  size_t awards = 0, errors = 0;
  // Of the 资金池s settled: those asked for more than they hold (cut), and
  // those that paid all that was asked.
  size_t poolsCut = 0, poolsPaidInFull = 0;
};

// The pools settled over the interpreter's outcomes and over the JIT's give
// the same rows, and each pool pays exactly its amount, or all that was
// asked when that is less.
void compareSettled(const ir::Program& program, const std::vector<rt::Record>& records,
                    const testing::RecordGenerator& generator, const rt::ResultTable& table,
                    const std::vector<rt::RecordOutcome>& interpreted, const std::vector<rt::RecordOutcome>& compiled,
                    Tally& tally) {
  testing::SettledRun byInterpreter = testing::settleRun(program, records, interpreted);
  testing::SettledRun byJit = testing::settleRun(program, records, compiled);
  // The generator bounds the pooled awards, so a run settles.
  REQUIRE(byInterpreter.problem == "");
  REQUIRE(byJit.problem == "");
  REQUIRE(testing::poolTotalsProblem(program, byInterpreter) == "");
  for (size_t i = 0; i < records.size(); ++i) {
    std::string a = render(table, byInterpreter.outcomes[i]);
    if (a != render(table, byJit.outcomes[i])) {
      INFO("after the pools, record " << generator.toJson(records[i]));
      REQUIRE(a == render(table, byJit.outcomes[i]));
    }
  }
  for (const testing::SettledPool& pool : byInterpreter.pools) {
    tally.poolsCut += pool.asked > pool.amount;
    tally.poolsPaidInFull += pool.asked <= pool.amount && pool.claims > 0;
  }
}

// Runs the three engines over the same records and compares every outcome;
// each outcome, equal on all, is then given to `inspect` while the engines
// that its names point into are alive.
Tally compareEngines(const Loaded& loaded, size_t count, uint64_t seed,
                     const std::function<void(const rt::RecordOutcome&)>& inspect = {}) {
  const ir::Program& program = loaded.ruleset.program;
  testing::RecordGenerator generator(program, seed, 0.02);
  std::vector<rt::Record> records;
  for (size_t i = 0; i < count; ++i) records.push_back(generator.next());
  std::vector<rt::RecordOutcome> interpreted(count);
  auto interpreter = makeInterpreterEngine(program);
  interpreter->evaluate(records.data(), count, interpreted.data());
  // Both kinds of JIT code, each compiled here, not taken from the object
  // cache: the quick code a first run starts on, and the optimised code it
  // moves to.
  Tally tally;
  for (Tiering tiering : {Tiering::Quick, Tiering::Optimized}) {
    INFO((tiering == Tiering::Quick ? "the quick code" : "the optimised code"));
    std::vector<rt::RecordOutcome> compiled(count);
    auto jit = makeJitEngine(program, tiering, std::nullopt);
    if (!jit) FAIL(llvm::toString(jit.takeError()));
    (*jit)->evaluate(records.data(), count, compiled.data());
    // The JIT assembles its results from the table compiled into its module.
    REQUIRE((*jit)->resultTable() == interpreter->resultTable());
    for (size_t i = 0; i < count; ++i) {
      std::string a = render(interpreter->resultTable(), interpreted[i]);
      std::string b = render((*jit)->resultTable(), compiled[i]);
      if (a != b) {
        INFO("record " << generator.toJson(records[i]));
        REQUIRE(a == b);
      }
    }
    if (!program.pools.empty())
      compareSettled(program, records, generator, interpreter->resultTable(), interpreted, compiled, tally);
  }
  for (size_t i = 0; i < count; ++i) {
    if (interpreted[i].error) {
      ++tally.errors;
    } else {
      tally.awards += interpreted[i].result->awards.size();
      tally.errors += interpreted[i].result->errors.size();
    }
  }
  compareLibrary(program, generator, records, interpreter->resultTable(), interpreted);
  if (inspect)
    for (const rt::RecordOutcome& outcome : interpreted) inspect(outcome);
  return tally;
}

// One amount written with its brackets in different places: the same chain of
// factors grouped from the left, from the right, and with its divisions
// turned into multiplications by a reciprocal; and a sum, grouped both ways
// and multiplied out. Exact arithmetic makes every form the same number.
std::vector<std::string> reassociated(std::mt19937_64& engine) {
  auto below = [&](uint64_t n) { return engine() % n; };
  static const char* const money[] = {"金额A", "金额B", "单价 × 面积", "外资 × 汇率", "(30000.03 元)", "(0.07 元)"};
  static const char* const factors[] = {"1.5%", "比例", "3", "0.333333", "次数", "7", "50%", "(1 / 3)", "(2 / 7)"};
  std::string m = money[below(std::size(money))];
  if (below(3) == 0) {
    std::string a = money[below(std::size(money))], b = money[below(std::size(money))];
    std::string k = factors[below(std::size(factors))];
    return {fmt::format("{} × (({} + {}) + {})", k, m, a, b), fmt::format("{} × ({} + ({} + {}))", k, m, a, b),
            fmt::format("{} × {} + {} × {} + {} × {}", k, m, k, a, k, b)};
  }
  std::vector<std::pair<bool, std::string>> chain;  // (divides, factor)
  for (uint64_t i = 0, n = 2 + below(3); i < n; ++i)
    chain.push_back({below(3) == 0, factors[below(std::size(factors))]});
  std::string left = m, right, reciprocal = m;
  for (const auto& [divides, f] : chain) {
    left = fmt::format("({} {} {})", left, divides ? "/" : "×", f);
    reciprocal = fmt::format("({} × {})", reciprocal, divides ? "(1 / " + f + ")" : f);
  }
  for (size_t i = chain.size(); i-- > 0;) {
    const auto& [divides, f] = chain[i];
    std::string term = divides ? "(1 / " + f + ")" : f;
    right = right.empty() ? term : fmt::format("({} × {})", term, right);
  }
  return {left, fmt::format("{} × {}", m, right), reciprocal};
}

}  // namespace

TEST_CASE("brackets never change an amount, on either engine") {
  std::mt19937_64 engine(20261130);
  constexpr int kFormulas = 40;
  std::string text = std::string(testing::sampleDeclarations()) + "政策 \"括号\" 针对 样本 {\n";
  size_t forms = 0;
  for (int i = 0; i < kFormulas; ++i) {
    std::vector<std::string> variants = reassociated(engine);
    forms = variants.size();
    for (size_t v = 0; v < variants.size(); ++v)
      text += fmt::format("  条款 \"F{:02}-{}\" {{ 原文 \"括号\"; 受益方 企业; 奖励 {}; }}\n", i, v, variants[v]);
  }
  auto loaded = load("brackets.zc", text + "}\n");
  size_t agreed = 0, nonzero = 0;
  compareEngines(*loaded, 3000, 17, [&](const rt::RecordOutcome& outcome) {
    if (!outcome.result) return;  // the totals overflowed
    std::map<std::string, std::string> paid, failed;
    for (const rt::Award& a : outcome.result->awards) paid[std::string(a.clause)] = rt::formatMoney(a.amount);
    for (const rt::ClauseError& e : outcome.result->errors) failed[std::string(e.clause)] = e.message;
    for (int i = 0; i < kFormulas; ++i) {
      std::string first = fmt::format("F{:02}-0", i);
      if (failed.count(first)) continue;  // an overflow or a zero divisor in one form may not be in another
      for (size_t v = 1; v < forms; ++v) {
        std::string other = fmt::format("F{:02}-{}", i, v);
        if (failed.count(other)) continue;
        INFO(other << " against " << first);
        CHECK((paid.count(other) ? paid[other] : "none") == (paid.count(first) ? paid[first] : "none"));
        ++agreed;
        nonzero += paid.count(first);
      }
    }
  });
  CHECK(agreed > 100000);  // most pairs are computed, not lost to errors
  CHECK(nonzero > agreed / 2);
}

TEST_CASE("the JIT, the interpreter and the compiled library agree on the seed ruleset") {
  auto loaded = load(std::string(ZC_SOURCE_DIR) + "/examples/seed-policies/all.zc");
  Tally tally = compareEngines(*loaded, 20000, 20261122);
  CHECK(tally.awards > 1000);  // the generator reaches the clauses
  CHECK(tally.errors > 0);     // and, now and then, an overflow
}

TEST_CASE("the JIT, the interpreter and the compiled library agree on random expressions") {
  size_t itemAwards = 0, itemErrors = 0, pooled = 0, historied = 0, poolsCut = 0, poolsPaidInFull = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    INFO("seed " << seed);
    auto loaded = load("random.zc", testing::randomRuleset(seed, 60));
    Tally tally = compareEngines(*loaded, 1500, seed * 7919, [&](const rt::RecordOutcome& outcome) {
      if (!outcome.result) return;
      for (const rt::Award& a : outcome.result->awards) itemAwards += a.item.has_value();
      for (const rt::ClauseError& e : outcome.result->errors) itemErrors += e.item.has_value();
    });
    CHECK(tally.awards > 100);
    CHECK(tally.errors > 0);
    pooled += !loaded->ruleset.program.pools.empty();
    historied += loaded->ruleset.program.history >= 0;
    poolsCut += tally.poolsCut;
    poolsPaidInFull += tally.poolsPaidInFull;
  }
  // Every random ruleset has 资金池s and reads a history; some pools are
  // asked for more than they hold and some are not (per kind of JIT code).
  WARN(pooled << " pooled rulesets, " << historied << " with a history; pools cut " << poolsCut << ", paid in full "
              << poolsPaidInFull);
  CHECK(pooled == 8);
  CHECK(historied == 8);
  CHECK(poolsCut > 0);
  CHECK(poolsPaidInFull > 0);
  // The generator reaches per-item clauses, and items that fail alone.
  CHECK(itemAwards > 100);
  CHECK(itemErrors > 0);
}
