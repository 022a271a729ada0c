// The checker's units and types, seen through small programs: what it
// accepts evaluates exactly and checks with no diagnostic at all, as
// well-formed IR; what it rejects names the right diagnostic, and only it.
#include <catch2/catch.hpp>

#include "diag/Diagnostic.h"
#include "frontend/Frontend.h"
#include "interp/Interpreter.h"
#include "ir/IrVerifier.h"

namespace {

using namespace zc;

struct Compiled : frontend::Compilation {
  const Diagnostics& diags = diagnostics;

  bool has(DiagKind kind) const {
    for (const auto& d : diags.all())
      if (d.kind == kind) return true;
    return false;
  }
  std::string text() const { return renderDiagnostics(sources, diags, {}); }
};

const char* kPrelude = "导入 \"std/units.zc\";\n导入 \"std/policy.zc\";\n";

// Checks a program (the prelude imported), as unsaved text of test.zc, and,
// when given, one expression.
std::unique_ptr<Compiled> compile(const std::string& program, const std::string& expression, CheckedExpression* typed) {
  auto c = std::make_unique<Compiled>();
  SourceOverlay overlay{{"test.zc", kPrelude + program}};
  static_cast<frontend::Compilation&>(*c) = frontend::compile({.paths = {"test.zc"}, .overlay = &overlay});
  if (!expression.empty() && c->unreadable.empty()) *typed = frontend::checkExpression(*c, "expr", expression);
  // Whatever the checker accepts is well-formed IR (debug builds stop on it too).
  if (!c->diags.hasErrors()) {
    std::vector<std::string> problems = ir::verify(c->ruleset.program);
    INFO(problems.size() << " IR problems, the first: " << (problems.empty() ? "" : problems[0]));
    CHECK(problems.empty());
  }
  return c;
}

// The exact value of an expression with the unit it comes in: "15000 元".
std::string evaluate(const std::string& expression, const std::string& program = "") {
  CheckedExpression typed;
  auto c = compile(program, expression, &typed);
  INFO(c->text());
  REQUIRE_FALSE(c->diags.hasErrors());
  REQUIRE_FALSE(typed.error());
  Interpreter interpreter(c->ruleset.program);
  Interpreter::Value value;
  auto error = interpreter.evaluateValue(nullptr, typed.value, value);
  if (error) return std::string("error: ") + zc_status_message(error->status);
  char buf[ZC_DEC_FORMAT_SIZE];
  if (typed.type.kind == sema::Type::Kind::Quantity) {
    zc_dec_format(&value.d, -1, buf);
    std::string unit = c->ruleset.symbols.units.display(typed.type.unit);
    return unit.empty() ? buf : std::string(buf) + " " + unit;
  }
  if (typed.type.kind == sema::Type::Kind::Flag) return value.i ? "真" : "假";
  return std::to_string(value.i);
}

// Whether the program is rejected with this diagnostic and no other kind:
// an unrelated error must not pass for the one a test expects.
bool rejects(const std::string& program, DiagKind kind, const std::string& expression = "") {
  CheckedExpression typed;
  auto c = compile(program, expression, &typed);
  INFO(c->text());
  for (const auto& d : c->diags.all())
    if (d.kind != kind) return false;
  return c->has(kind);
}

// Whether the program checks with no diagnostic at all, warnings included.
bool checksClean(const std::string& program, const std::string& expression = "") {
  CheckedExpression typed;
  auto c = compile(program, expression, &typed);
  INFO(c->text());
  return c->diags.all().empty() && (expression.empty() || !typed.error());
}

}  // namespace

TEST_CASE("quantities of one dimension convert exactly to the finer unit") {
  CHECK(evaluate("1 万元 + 5000 元") == "15000 元");
  CHECK(evaluate("5000 元 + 1 万元") == "15000 元");
  CHECK(evaluate("2 亿元 - 1 万元") == "19999 万元");
  CHECK(evaluate("1 亩 + 0 平方米") == "666.666666666666666667… 平方米");
  CHECK(evaluate("3 亩 + 0 平方米") == "2000 平方米");
  CHECK(evaluate("1 万元 = 10000 元") == "真");
  CHECK(evaluate("1 万元 > 9999.99 元") == "真");
}

TEST_CASE("multiplication and division compose units") {
  CHECK(evaluate("200 元/平方米 * 1500 平方米") == "300000 元");
  CHECK(evaluate("200 元/平方米 × 1 亩 + 0 元") == "133333.333333333333333333… 元");
  CHECK(evaluate("10 万美元 × 7.10 元/美元") == "71 万元");
  CHECK(evaluate("30 万元 / 2") == "15 万元");
  CHECK(evaluate("(30 万元) / (10 万元)") == "3");
}

TEST_CASE("percentages and ratios are exact") {
  CHECK(evaluate("105 / 100 - 1") == "0.05");
  CHECK(evaluate("105 / 100 - 1 = 5%") == "真");
  CHECK(evaluate("123.45675 万元 × 1% + 0 元") == "12345.675 元");
  CHECK(evaluate("1 / 3") == "0.333333333333333333…");
  CHECK(evaluate("1 / 3 × 3 = 1") == "真");
  CHECK(evaluate("30000.03 元 × (1 / 3) × 50% = 30000.03 元 × 50% / 3") == "真");
  CHECK(evaluate("四舍五入(30000.03 元 × (1 / 3) × 50%, 2)") == "5000.01 元");
  CHECK(evaluate("1.5‰") == "0.0015");
  CHECK(evaluate("1.5‰ = 0.15%") == "真");
  CHECK(evaluate("123.45 万元 × 2‰ + 0 元") == "2469 元");
  CHECK(evaluate("四舍五入(12345.675 元, 2)") == "12345.68 元");
  CHECK(evaluate("四舍五入(-0.005 元, 2)") == "-0.01 元");
}

TEST_CASE("integers stay integers until they meet a decimal") {
  CHECK(evaluate("2 + 3 * 4") == "14");
  CHECK(evaluate("-(3 + 4)") == "-7");
  CHECK(evaluate("3 万元 × 2") == "6 万元");
  CHECK(evaluate("最大(2, 7, 5)") == "7");
  CHECK(evaluate("最小(1 万元, 12000 元)") == "10000 元");
}

TEST_CASE("run-time arithmetic errors are errors, never wrong numbers") {
  const char* limits = "参数 大额: 亿元 = 100000000000000000000 亿元;\n参数 最大整数: 整数 = 9223372036854775807;\n";
  CHECK(evaluate("大额 × 大额", limits) == "error: arithmetic overflow");
  CHECK(evaluate("最大整数 + 1", limits) == "error: arithmetic overflow");
  CHECK(evaluate("年份(构造日期(2023, 二月, 29))", "参数 二月: 整数 = 2;") == "error: date does not exist");
  CHECK(rejects("", DiagKind::InvalidDate, "年份(构造日期(2023, 2, 29))"));
  CHECK(evaluate("年份(构造日期(2024, 2, 29))") == "2024");
}

TEST_CASE("whole units: floor, ceiling and truncation to places or multiples") {
  CHECK(evaluate("向下取整(1234.5678 元, 2)") == "1234.56 元");
  CHECK(evaluate("向上取整(1234.561 元, 2)") == "1234.57 元");
  CHECK(evaluate("截断(-1234.569 元, 1)") == "-1234.5 元");
  CHECK(evaluate("向下取整(-0.5)") == "-1");
  CHECK(evaluate("向上取整(-0.5)") == "0");
  CHECK(evaluate("四舍五入(2.5)") == "3");
  CHECK(evaluate("向下取整(1 / 3, 3)") == "0.333");
  CHECK(evaluate("向上取整(1 / 3, 3)") == "0.334");
  // "每增加1000万元奖励10万元": whole steps of 1000 万元.
  CHECK(evaluate("向下取整(2999 万元 / 1000 万元) × 10 万元") == "20 万元");
  CHECK(evaluate("向下取整(3000 万元 / 1000 万元) × 10 万元") == "30 万元");
}

TEST_CASE("months: added with the month's end kept, and counted whole") {
  CHECK(evaluate("加月(2024-01-31, 1) = 2024-02-29") == "真");
  CHECK(evaluate("加月(2023-01-31, 1) = 2023-02-28") == "真");
  CHECK(evaluate("加月(2024-03-31, -1) = 2024-02-29") == "真");
  CHECK(evaluate("加月(2023-12-15, 1) = 2024-01-15") == "真");
  CHECK(evaluate("加月(2023-12-15, -12) = 2022-12-15") == "真");
  CHECK(evaluate("加月(9999-12-01, 1) = 9999-12-01") == "error: date does not exist");
  CHECK(evaluate("月数差(2024-01-31, 2024-02-29)") == "1");
  CHECK(evaluate("月数差(2024-01-15, 2025-01-14)") == "11");
  CHECK(evaluate("月数差(2024-01-15, 2025-01-15)") == "12");
  CHECK(evaluate("月数差(2025-01-14, 2024-01-15)") == "-11");
}

TEST_CASE("dates compare and count days") {
  CHECK(evaluate("2023-01-01 < 2023-01-02") == "真");
  CHECK(evaluate("天数差(2024-02-28, 2024-03-01)") == "2");
  CHECK(evaluate("2024-06-30 属于 [2023-01-01, 2025-12-31]") == "真");
  CHECK(evaluate("2026-01-01 属于 [2023-01-01, 2025-12-31]") == "假");
}

TEST_CASE("constants that always overflow are rejected before any run") {
  CHECK(rejects("", DiagKind::ConstantOverflow, "100000000000000000000 亿元 × 100000000000000000000 亿元"));
  CHECK(rejects("", DiagKind::ConstantOverflow, "9223372036854775807 + 1"));
  CHECK(rejects("", DiagKind::ConstantOverflow, "1 元 + 10000000000000000000000000000000 亿元"));
  CHECK(checksClean("", "1 元 + 1000000000000000000000000000 亿元"));
  CHECK(checksClean("", "9223372036854775806 + 1"));
}

TEST_CASE("different dimensions do not mix") {
  CHECK(rejects("", DiagKind::DimensionMismatch, "1 万元 + 1 平方米"));
  CHECK(rejects("", DiagKind::DimensionMismatch, "1 万美元 + 1 元"));
  CHECK(rejects("", DiagKind::DimensionMismatch, "1 万元 > 3"));
  CHECK(rejects("", DiagKind::UnknownUnit, "1 万圆"));
  CHECK(rejects("", DiagKind::InvalidOperand, "\"a\" + 1"));
  CHECK(rejects("", DiagKind::DivisionByZero, "1 万元 / 0"));
}

TEST_CASE("the hint for 美元 names the rate parameter") {
  CheckedExpression typed;
  auto c = compile("参数 美元汇率: 元/美元 = 7.10 元/美元;\n", "1 万美元 + 1 元", &typed);
  CHECK(c->text().find("multiply by 美元汇率") != std::string::npos);
}

namespace {

const char* kRecord = R"(
记录 企业 {
  id: 文本 键;
  外资: 万美元 = 0;
  收入: 万元 = 0;
  级别: 列表<平台级别> = [];
  认定: 平台级别?;
}
枚举 平台级别 { 国家级, 省级, 市级 }
)";

std::string policy(const std::string& award) {
  return std::string(kRecord) + "政策 \"P\" 针对 企业 { 条款 \"C\" { 原文 \"…\"; 受益方 企业; 奖励 " + award +
         "; } }\n";
}

}  // namespace

TEST_CASE("an award is money in 元") {
  CHECK(checksClean(policy("3 万元")));
  CHECK(rejects(policy("3"), DiagKind::AwardNotMoney));
  CHECK(rejects(policy("外资 × 1%"), DiagKind::AwardNotMoney));
  CHECK(checksClean(policy("外资 × 1% × 7.1 元/美元")));
}

TEST_CASE("tiers must not overlap and must cover every value") {
  CHECK(checksClean(policy("档位 收入 { [0 万元, 50 万元) => 1 万元, [50 万元, ∞) => 2 万元, 否则 => 0 }")));
  CHECK(rejects(policy("档位 收入 { [0 万元, 50 万元] => 1 万元, [50 万元, ∞) => 2 万元, 否则 => 0 }"),
                DiagKind::UnreachableTier));
  CHECK(rejects(policy("档位 收入 { [0 万元, 50 万元) => 1 万元, (50 万元, ∞) => 2 万元 }"),
                DiagKind::TiersNotExhaustive));
  CHECK(checksClean(policy("档位 收入 { (-∞, 50 万元) => 1 万元, [50 万元, ∞) => 2 万元 }")));
  CHECK(rejects(policy("档位 收入 { [50 万元, 50 万元) => 1 万元, 否则 => 0 }"), DiagKind::EmptyInterval));
  CHECK(rejects(policy("跨越 (收入, 收入] { 2 万元 => 1 万元, 1 万元 => 2 万元 }"), DiagKind::ThresholdsNotAscending));
}

TEST_CASE("matches are exhaustive and every arm reachable") {
  CHECK(rejects(policy("求和(x 属于 级别 => 匹配 x { 国家级 => 1 万元, 省级 => 2 万元 })"),
                DiagKind::NonExhaustiveMatch));
  CHECK(rejects(policy("求和(x 属于 级别 => 匹配 x { 国家级 | 国家级 => 1 万元, _ => 0 })"), DiagKind::UnreachableArm));
  CHECK(rejects(policy("求和(x 属于 级别 => 匹配 x { _ => 1 万元, 国家级 => 0 })"), DiagKind::UnreachableArm));
  CHECK(checksClean(policy("匹配 认定 { 国家级 => 1 万元, 省级 | 市级 => 2 万元, 无 => 0 }")));
  CHECK(rejects(policy("匹配 认定 { 国家级 => 1 万元, 省级 | 市级 => 2 万元 }"), DiagKind::NonExhaustiveMatch));
}

TEST_CASE("an optional field is used only where it is known present") {
  CHECK(rejects(policy("如果 认定 = 国家级 则 1 万元 否则 0"), DiagKind::MaybeAbsent));
  CHECK(checksClean(policy("如果 有(认定) 且 认定 = 国家级 则 1 万元 否则 0")));
}
