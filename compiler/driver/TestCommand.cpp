#include <fmt/format.h>

#include "driver/Commands.h"
#include "load/Ruleset.h"
#include "engine/ResultText.h"
#include "interp/Interpreter.h"
#include "jit/JitEngine.h"

namespace zc {

namespace {

std::string describeAward(const rt::Award& a) {
  std::string clause = clauseAndItem(a.clause, a.item);
  if (a.manual) return fmt::format("{} {} 一事一议", clause, a.beneficiary);
  if (!a.hasAmount) return fmt::format("{} {} 仅资格", clause, a.beneficiary);
  return fmt::format("{} {} = {} 元", clause, a.beneficiary, rt::formatMoney(a.amount));
}

std::string describeExpectation(const TestExpectation& e) {
  rt::Award a{e.clause, e.beneficiary, e.kind == rt::ResultKind::Award, e.kind == rt::ResultKind::Manual, e.amount, e.item};
  return describeAward(a);
}

// The differences between what a test expects and what the ruleset gives.
std::vector<std::string> compareAwards(const TestCase& test, const rt::RecordResult& result) {
  std::vector<std::string> problems;
  std::vector<bool> matched(result.awards.size());
  for (const TestExpectation& e : test.expectations) {
    bool found = false;
    for (size_t i = 0; i < result.awards.size(); ++i) {
      const rt::Award& a = result.awards[i];
      if (a.clause != e.clause || a.beneficiary != e.beneficiary || a.item != e.item) continue;
      found = matched[i] = true;
      if (a.amount != e.amount || a.hasAmount != (e.kind == rt::ResultKind::Award))
        problems.push_back(fmt::format("expected {}, got {}", describeExpectation(e), describeAward(a)));
    }
    if (!found) problems.push_back(fmt::format("expected {}, but the clause gave nothing", describeExpectation(e)));
  }
  for (size_t i = 0; i < result.awards.size(); ++i)
    if (!matched[i]) problems.push_back(fmt::format("unexpected {}", describeAward(result.awards[i])));
  return problems;
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
      Interpreter interpreter(ruleset->program);
      const rt::ResultTable& table = interpreter.resultTable();
      for (const auto& [index, value] : test.params) interpreter.setParam(index, value);
      rt::RecordOutcome outcome = interpreter.evaluate(test.input, false);
      if (engines == "jit") {
        std::unique_ptr<rt::Engine> engine = jit->clone();
        for (const auto& [index, value] : test.params) engine->setParam(index, value);
        engine->evaluate(&test.input, 1, &outcome);
      }
      std::vector<std::string> problems;
      if (outcome.error) {
        problems.push_back(rt::formatEvalError(table, *outcome.error));
      } else {
        problems = compareAwards(test, *outcome.result);
        for (const rt::ClauseError& e : outcome.result->errors)
          problems.push_back(fmt::format("clause {} failed: {}", e.clause, e.message));
      }
      if (engines == "both") {
        std::unique_ptr<rt::Engine> engine = jit->clone();
        for (const auto& [index, value] : test.params) engine->setParam(index, value);
        rt::RecordOutcome compiled;
        engine->evaluate(&test.input, 1, &compiled);
        std::string a = render(table, outcome), b = render(engine->resultTable(), compiled);
        if (a != b) problems.push_back(fmt::format("the engines disagree:\n    interpreter: {}\n    jit:         {}", a, b));
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
