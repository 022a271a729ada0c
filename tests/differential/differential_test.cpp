// The engine matrix as a test: the JIT and the interpreter must give the
// same bytes — results and error messages — for thousands of random records,
// over the seed ruleset and over rulesets of random well-typed expressions.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <random>

#include "RecordGenerator.h"
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

// Random money expressions that are well typed by construction.
class ExpressionGenerator {
 public:
  explicit ExpressionGenerator(uint64_t seed) : engine_(seed) {}

  std::string money(int depth) {
    if (depth <= 0 || below(4) == 0) return moneyLeaf();
    switch (below(11)) {
      case 0: return fmt::format("({} + {})", money(depth - 1), money(depth - 1));
      case 1: return fmt::format("({} - {})", money(depth - 1), money(depth - 1));
      case 2: return fmt::format("({} × {})", money(depth - 1), ratio());
      case 3: return fmt::format("({} / {})", money(depth - 1), ratio());
      case 4: return fmt::format("最小({}, {})", money(depth - 1), money(depth - 1));
      case 5: return fmt::format("最大({}, {})", money(depth - 1), money(depth - 1));
      case 6: return fmt::format("(如果 {} 则 {} 否则 {})", condition(depth - 1), money(depth - 1), money(depth - 1));
      case 7:
        return fmt::format("(档位 金额A {{ [0 万元, 50 万元) => {}, [50 万元, 200 万元] => {}, (200 万元, ∞) => {}, 否则 => {} }})",
                           money(depth - 1), money(depth - 1), money(depth - 1), money(depth - 1));
      case 8: return fmt::format("求和(x 属于 费用 满足 x > {} => 最小(x, {}))", moneyLeaf(), money(depth - 1));
      case 9: return fmt::format("四舍五入({}, {})", money(depth - 1), below(4));
      default:
        return fmt::format("(跨越 (金额B, 金额A] {{ 1 万元 => {}, 50 万元 => {}, 300 万元 => {} }})", money(depth - 1),
                           money(depth - 1), money(depth - 1));
    }
  }

  std::string condition(int depth) {
    if (depth <= 0 || below(3) == 0) {
      switch (below(8)) {
        case 0: return fmt::format("{} < {}", moneyLeaf(), moneyLeaf());
        case 1: return fmt::format("{} ≥ {}", moneyLeaf(), moneyLeaf());
        case 2: return "标志A";
        case 3: return "级别 = 省级";
        case 4: return "次数 > 1";
        case 5: return "年度 属于 [2021, 2023]";
        case 6: return "(有(认定日期) 且 认定日期 < 2024-01-01)";
        default: return "行业 = \"制造业\"";
      }
    }
    switch (below(3)) {
      case 0: return fmt::format("({} 且 {})", condition(depth - 1), condition(depth - 1));
      case 1: return fmt::format("({} 或 {})", condition(depth - 1), condition(depth - 1));
      default: return fmt::format("非 ({})", condition(depth - 1));
    }
  }

 private:
  uint64_t below(uint64_t n) { return engine_() % n; }

  std::string moneyLeaf() {
    switch (below(8)) {
      case 0: return "金额A";
      case 1: return "金额B";
      case 2: return "单价 × 面积";
      case 3: return "外资 × 汇率";
      case 4: return fmt::format("({}.{:03} 万元)", below(300), below(1000));
      case 5: return "(0.005 元)";
      case 6: return "3 万元 × 次数";
      default: return "巨额";  // a parameter: overflows at run time, where a constant would not check
    }
  }

  std::string ratio() {
    switch (below(6)) {
      case 0: return "1.5%";
      case 1: return "比例";
      case 2: return "(金额A / 金额B)";
      case 3: return "3";
      case 4: return "0.333333";
      default: return "次数";
    }
  }

  std::mt19937_64 engine_;
};

std::string randomRuleset(uint64_t seed, int clauses) {
  ExpressionGenerator gen(seed);
  std::string text = R"(导入 "std/units.zc";
导入 "std/policy.zc";
枚举 等级 { 国家级, 省级, 市级 }
记录 样本 {
  id: 文本 键;
  金额A: 万元 = 0;
  金额B: 元 = 0;
  面积: 平方米 = 0;
  单价: 元/平方米 = 0;
  外资: 万美元 = 0;
  比例: 数 = 0;
  次数: 计数 = 0;
  年度: 整数 = 0;
  标志A: 标志 = 假;
  行业: 文本 = "";
  级别: 等级 = 市级;
  费用: 列表<元> = [];
  认定日期: 日期?;
}
参数 汇率: 元/美元 = 7.10 元/美元;
参数 巨额: 亿元 = 99999999999 亿元;
政策 "随机" 针对 样本 {
  适用 非 (金额B = 0.0001 元);
)";
  for (int i = 0; i < clauses; ++i) {
    text += fmt::format("  条款 \"R{:03}\" {{ 原文 \"随机\"; 受益方 企业; 条件 {}; 奖励 {}; }}\n", i, gen.condition(2),
                        gen.money(4));
  }
  return text + "}\n";
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
    auto loaded = load("random.zc", randomRuleset(seed, 60));
    Tally tally = compareEngines(*loaded, 1500, seed * 7919);
    CHECK(tally.awards > 100);
    CHECK(tally.errors > 0);
  }
}
