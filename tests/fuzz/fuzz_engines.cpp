// libFuzzer target, structure-aware: the input's bytes are the choices of the
// differential test's generator, so every input is a well-typed ruleset. It
// must check clean and verify as IR, and the JIT must give the interpreter's
// bytes on records drawn for it, before its 资金池s are settled over them and
// after, and each pool must pay exactly its amount (or all that was asked,
// when that is less). Any difference aborts.
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "PoolSettlement.h"
#include "RecordGenerator.h"
#include "RulesetGenerator.h"
#include "frontend/Frontend.h"
#include "interp/Interpreter.h"
#include "ir/IrVerifier.h"
#include "jit/JitEngine.h"

namespace {

std::string render(const zc::rt::ResultTable& table, const zc::rt::RecordOutcome& outcome) {
  if (outcome.error) return "error: " + zc::rt::formatEvalError(table, *outcome.error);
  std::string out = zc::rt::toJsonLine(*outcome.result);
  for (const zc::rt::ClauseError& e : outcome.result->errors) out += fmt::format(" [{}: {}]", e.clause, e.message);
  return out;
}

[[noreturn]] void fail(const std::string& what, const std::string& ruleset) {
  std::fprintf(stderr, "%s\n--- ruleset ---\n%s\n", what.c_str(), ruleset.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  // Two bytes choose the number of clauses, the kind of JIT code and the
  // records' seed; the rest are the generator's choices, then zeros: the
  // smallest forms.
  int clauses = 1 + data[0] % 4;
  zc::Tiering tiering = (data[0] >> 2) % 2 == 0 ? zc::Tiering::Quick : zc::Tiering::Optimized;
  uint64_t recordSeed = data[1];
  size_t next = 2;
  zc::testing::Choices choices = [&]() -> uint64_t { return next < size ? data[next++] : 0; };
  std::string text = zc::testing::randomRuleset(choices, clauses);

  zc::SourceOverlay overlay;
  overlay["random.zc"] = text;
  zc::frontend::Compilation loaded = zc::frontend::compile({.paths = {"random.zc"}, .overlay = &overlay});
  if (!loaded.ok()) fail(zc::renderDiagnostics(loaded.sources, loaded.diagnostics, {}), text);
  const zc::ir::Program& program = loaded.ruleset.program;
  // The front end verifies only in debug builds; the fuzzers are built for speed.
  if (auto problems = zc::ir::verify(program); !problems.empty()) fail("IR: " + problems.front(), text);

  constexpr size_t kRecords = 64;
  zc::testing::RecordGenerator generator(program, recordSeed, 0.05);
  std::vector<zc::rt::Record> records;
  for (size_t i = 0; i < kRecords; ++i) records.push_back(generator.next());
  std::vector<zc::rt::RecordOutcome> interpreted(kRecords), compiled(kRecords);
  auto interpreter = zc::makeInterpreterEngine(program);
  interpreter->evaluate(records.data(), kRecords, interpreted.data());
  auto jit = zc::makeJitEngine(program, tiering, std::nullopt);
  if (!jit) fail(llvm::toString(jit.takeError()), text);
  (*jit)->evaluate(records.data(), kRecords, compiled.data());
  if (!((*jit)->resultTable() == interpreter->resultTable())) fail("the result tables differ", text);
  for (size_t i = 0; i < kRecords; ++i) {
    std::string a = render(interpreter->resultTable(), interpreted[i]);
    std::string b = render((*jit)->resultTable(), compiled[i]);
    if (a != b) fail("record " + generator.toJson(records[i]) + "\ninterpreter: " + a + "\njit: " + b, text);
  }
  if (program.pools.empty()) return 0;
  zc::testing::SettledRun byInterpreter = zc::testing::settleRun(program, records, interpreted);
  zc::testing::SettledRun byJit = zc::testing::settleRun(program, records, compiled);
  if (byInterpreter.problem != byJit.problem)
    fail("settling the pools: interpreter: " + byInterpreter.problem + "\njit: " + byJit.problem, text);
  if (!byInterpreter.problem.empty()) return 0;  // a claim too large for a pool: zc run stops too
  std::string problem = zc::testing::poolTotalsProblem(program, byInterpreter);
  if (!problem.empty()) fail(problem, text);
  for (size_t i = 0; i < kRecords; ++i) {
    std::string a = render(interpreter->resultTable(), byInterpreter.outcomes[i]);
    std::string b = render((*jit)->resultTable(), byJit.outcomes[i]);
    if (a != b)
      fail("after the pools, record " + generator.toJson(records[i]) + "\ninterpreter: " + a + "\njit: " + b, text);
  }
  return 0;
}
