// The IR verifier: every program the checker accepts is well-formed, and a
// program broken the ways a lowering bug would break it is caught.
#include <catch2/catch.hpp>
#include <filesystem>

#include "frontend/Frontend.h"
#include "ir/IrVerifier.h"

namespace {

using namespace zc;
namespace fs = std::filesystem;

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const auto& p : problems)
    if (p.find(text) != std::string::npos) return true;
  return false;
}

const char* kRuleset = R"(导入 "std/units.zc";
导入 "std/policy.zc";
记录 资金 { 金额: 万元; 配套: 万元?; }
记录 企业 {
  id: 文本 键;
  营业收入: 万元 = 0;
  年度: 整数 = 0;
  项目: 列表<资金> = [];
}
政策 "P" 针对 企业 {
  适用 营业收入 > 0 元;
  条款 "P-1" {
    原文 "…";
    受益方 企业;
    条件 年度 ≥ 2023;
    奖励 营业收入 × 1% + 求和(p 属于 项目 满足 有(p.配套) => p.配套);
  }
}
)";

ir::Program compiled() {
  SourceOverlay overlay{{"rules.zc", kRuleset}};
  frontend::Compilation c = frontend::compile({.paths = {"rules.zc"}, .overlay = &overlay});
  REQUIRE(c.ok());
  return c.ruleset.program;
}

ir::ValueId first(const ir::Program& program, ir::Op op) {
  for (ir::ValueId id = 0; id < program.insts.size(); ++id)
    if (program.insts[id].op == op) return id;
  FAIL("no such instruction");
  return ir::kNoValue;
}

}  // namespace

TEST_CASE("every ruleset the checker accepts verifies clean") {
  std::vector<fs::path> files;
  for (const char* folder : {"examples/seed-policies", "tests/check/good", "tests/eval"})
    for (const auto& entry : fs::directory_iterator(fs::path(ZC_SOURCE_DIR) / folder))
      if (entry.path().extension() == ".zc") files.push_back(entry.path());
  REQUIRE(files.size() >= 10);
  for (const fs::path& file : files) {
    INFO(file.string());
    frontend::Compilation c = frontend::compile({.paths = {file.string()}});
    REQUIRE(c.ok());
    CHECK(joined(ir::verify(c.ruleset.program)).empty());
  }
}

TEST_CASE("the verifier catches operands of the wrong type or from later") {
  ir::Program program = compiled();
  REQUIRE(ir::verify(program).empty());

  ir::Program wrongType = program;
  ir::ValueId mul = first(wrongType, ir::Op::DecMul);
  ir::ValueId integer = 0;
  while (integer < mul && wrongType.insts[integer].type != ir::Type::Int) ++integer;
  REQUIRE(integer < mul);  // 年度 or 2023
  wrongType.insts[mul].b = integer;
  CHECK(mentions(ir::verify(wrongType), "is int, not dec"));

  ir::Program later = program;
  ir::ValueId add = first(later, ir::Op::DecAdd);
  later.insts[add].a = static_cast<ir::ValueId>(later.insts.size() - 1);
  CHECK(mentions(ir::verify(later), "is not an earlier instruction"));
}

TEST_CASE("the verifier catches a loop's element read outside its loop, and a gate read too early") {
  ir::Program program = compiled();

  ir::Program outside = program;
  ir::Inst stray = outside.insts[first(outside, ir::Op::ElemField)];
  outside.insts.push_back(stray);
  ir::ValueId strayId = static_cast<ir::ValueId>(outside.insts.size() - 1);
  outside.insts.push_back({.op = ir::Op::DecAdd, .type = ir::Type::Dec, .a = strayId, .b = strayId});
  outside.steps.back().amount = static_cast<ir::ValueId>(outside.insts.size() - 1);
  CHECK(mentions(ir::verify(outside), "outside what binds it"));

  ir::Program reordered = program;
  std::swap(reordered.steps[0], reordered.steps[1]);
  CHECK(mentions(ir::verify(reordered), "reads gate 0 before it is decided"));

  ir::Program absentTest = program;
  ir::Inst& present = absentTest.insts[first(absentTest, ir::Op::ElemFieldPresent)];
  present.index2 = 0;  // 金额, which is never absent
  CHECK(mentions(ir::verify(absentTest), "which is never absent"));
}

TEST_CASE("the verifier checks that a 最长's side table names its test, its years and their 年度") {
  frontend::Compilation c =
      frontend::compile({.paths = {(fs::path(ZC_SOURCE_DIR) / "tests/eval/history.zc").string()}});
  REQUIRE(c.ok());
  const ir::Program& program = c.ruleset.program;
  REQUIRE(program.yearsLimits.size() == 1);  // TX-1's 最长 3 年
  REQUIRE(ir::verify(program).empty());
  const ir::YearsLimit& limit = program.yearsLimits[0];

  ir::Program otherTest = program;
  otherTest.yearsLimits[0].test = program.clauses[1].conditions[0];  // TX-2's 已享受 … = 0 元
  CHECK(mentions(ir::verify(otherTest), "does not compare the years"));

  ir::Program notYears = program;
  notYears.yearsLimits[0].years = program.insts[limit.test].b;  // the N it is compared with
  CHECK(mentions(ir::verify(notYears), "is not a Sum over the history"));

  ir::Program notYear = program;
  const rt::FieldSchema& history = program.schema.fields[program.history];
  for (size_t k = 0; k < history.subFields.size(); ++k)
    if (history.subFields[k].kind != rt::Kind::Int) notYear.yearsLimits[0].yearField = static_cast<int>(k);
  CHECK(mentions(ir::verify(notYear), "is not its 年度"));
}
