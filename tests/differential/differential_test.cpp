// The engine matrix as a test: the JIT, the interpreter and a library built
// by zc build must give the same bytes — results and error messages — for
// thousands of random records, over the seed ruleset and over rulesets of
// random well-typed expressions.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <functional>
#include <map>
#include <random>

#include "CompiledLibrary.h"
#include "RecordGenerator.h"
#include "RulesetGenerator.h"
#include "frontend/Frontend.h"
#include "interp/Interpreter.h"
#include "ir/IrVerifier.h"
#include "jit/JitEngine.h"
#include "zc/columnar.h"
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
}

struct Tally {
  size_t awards = 0, errors = 0;
};

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
  }
  Tally tally;
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
  for (uint64_t i = 0, n = 2 + below(3); i < n; ++i) chain.push_back({below(3) == 0, factors[below(std::size(factors))]});
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
  size_t itemAwards = 0, itemErrors = 0;
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
  }
  // The generator reaches per-item clauses, and items that fail alone.
  CHECK(itemAwards > 100);
  CHECK(itemErrors > 0);
}
