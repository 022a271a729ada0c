// The engine matrix as a test: the JIT and the interpreter must give the
// same bytes — results and error messages — for thousands of random records,
// over the seed ruleset and over rulesets of random well-typed expressions.
#include <catch2/catch.hpp>

#include <fmt/format.h>


#include "RecordGenerator.h"
#include "RulesetGenerator.h"
#include "frontend/Frontend.h"
#include "interp/Interpreter.h"
#include "jit/JitEngine.h"

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
  return loaded;
}

// An outcome as bytes: the JSON line with its clause errors, or the record's error.
std::string render(const ResultTable& table, const RecordOutcome& outcome) {
  if (outcome.error) return "error: " + formatEvalError(table, *outcome.error);
  std::string out = rt::toJsonLine(*outcome.result);
  for (const rt::ClauseError& e : outcome.result->errors) out += fmt::format(" [{}: {}]", e.clause, e.message);
  return out;
}

struct Tally {
  size_t awards = 0, errors = 0;
};

// Runs both engines over the same records and compares every outcome.
Tally compareEngines(const Loaded& loaded, size_t count, uint64_t seed) {
  const ir::Program& program = loaded.ruleset.program;
  testing::RecordGenerator generator(program, seed, 0.02);
  std::vector<rt::Record> records;
  for (size_t i = 0; i < count; ++i) records.push_back(generator.next());
  std::vector<RecordOutcome> interpreted(count), compiled(count);
  auto interpreter = makeInterpreterEngine(program);
  interpreter->evaluate(records.data(), count, interpreted.data());
  auto jit = makeJitEngine(program);
  if (!jit) FAIL(llvm::toString(jit.takeError()));
  (*jit)->evaluate(records.data(), count, compiled.data());
  // The JIT assembles its results from the table compiled into its module.
  REQUIRE((*jit)->resultTable() == interpreter->resultTable());
  Tally tally;
  for (size_t i = 0; i < count; ++i) {
    std::string a = render(interpreter->resultTable(), interpreted[i]);
    std::string b = render((*jit)->resultTable(), compiled[i]);
    if (a != b) {
      INFO("record " << generator.toJson(records[i]));
      REQUIRE(a == b);
    }
    if (interpreted[i].error) {
      ++tally.errors;
    } else {
      tally.awards += interpreted[i].result->awards.size();
      tally.errors += interpreted[i].result->errors.size();
    }
  }
  return tally;
}

}  // namespace

TEST_CASE("the JIT and the interpreter agree on the seed ruleset") {
  auto loaded = load(std::string(ZC_SOURCE_DIR) + "/examples/seed-policies/all.zc");
  Tally tally = compareEngines(*loaded, 20000, 20261122);
  CHECK(tally.awards > 1000);  // the generator reaches the clauses
  CHECK(tally.errors > 0);     // and, now and then, an overflow
}

TEST_CASE("the JIT and the interpreter agree on random expressions") {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    INFO("seed " << seed);
    auto loaded = load("random.zc", testing::randomRuleset(seed, 60));
    Tally tally = compareEngines(*loaded, 1500, seed * 7919);
    CHECK(tally.awards > 100);
    CHECK(tally.errors > 0);
  }
}
