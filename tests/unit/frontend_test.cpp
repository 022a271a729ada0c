// The front end as one call: unsaved text stands in for files, nothing is
// printed, and what each name refers to is kept for editors.
#include "frontend/Frontend.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "ir/IrPrinter.h"

namespace {

using namespace zc;

const char* kRuleset = R"(导入 "std/units.zc";
导入 "std/policy.zc";
记录 企业 {
  id: 文本 键;
  营业收入: 万元 = 0;
}
参数 上限: 万元 = 5 万元;
政策 "P" 针对 企业 {
  适用 营业收入 > 0 元;
  条款 "P-1" {
    原文 "按营业收入奖励，最高5万元";
    受益方 企业;
    设 基数 = 营业收入;
    奖励 最小(基数, 上限);
  }
}
)";

uint32_t offsetOf(const SourceManager& sources, FileId file, std::string_view needle, size_t nth = 0) {
  const std::string& text = sources.file(file).text();
  size_t at = text.find(needle);
  while (nth-- > 0) at = text.find(needle, at + 1);
  REQUIRE(at != std::string::npos);
  return static_cast<uint32_t>(at);
}

}  // namespace

TEST_CASE("an overlay's unsaved text is compiled instead of the file on disk") {
  SourceOverlay overlay{{"/nonexistent/rules.zc", kRuleset}};
  frontend::Compilation c = frontend::compile({.paths = {"/nonexistent/rules.zc"}, .overlay = &overlay});
  INFO(renderDiagnostics(c.sources, c.diagnostics, {}));
  REQUIRE(c.ok());
  REQUIRE(c.ruleset.program.clauses.size() == 1);
  // One gate for the policy, then the clause; every instruction that can fail has a location.
  REQUIRE(c.ruleset.program.steps.size() == 2);
  CHECK(c.ruleset.program.steps[0].kind == ir::StepKind::Gate);
  CHECK(c.ruleset.program.steps[1].kind == ir::StepKind::Clause);
  CHECK(c.ruleset.program.locations.size() == c.ruleset.program.insts.size());
  CHECK(ir::printProgram(c.ruleset.program).find("clause P-1 (企业): when") != std::string::npos);
}

TEST_CASE("a file that cannot be read is reported, not printed") {
  frontend::Compilation c = frontend::compile({.paths = {"/nonexistent/rules.zc"}});
  CHECK_FALSE(c.ok());
  CHECK(c.unreadable == std::vector<std::string>{"/nonexistent/rules.zc"});
}

TEST_CASE("an import of a FIFO is refused without opening it, so nothing waits for a writer") {
  std::filesystem::path folder = std::filesystem::temp_directory_path() / ("zc_fifo_" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  REQUIRE(::mkfifo((folder / "pipe.zc").c_str(), 0600) == 0);
  std::ofstream(folder / "main.zc") << "导入 \"pipe.zc\";\n";
  frontend::Compilation c = frontend::compile({.paths = {(folder / "main.zc").string()}});
  std::filesystem::remove_all(folder);
  REQUIRE(c.diagnostics.all().size() == 1);
  CHECK(c.diagnostics.all()[0].message.find("it is not a regular file") != std::string::npos);
}

TEST_CASE("the name table takes each use to its declaration and knows each expression's type") {
  SourceOverlay overlay{{"rules.zc", kRuleset}};
  frontend::Compilation c = frontend::compile({.paths = {"rules.zc"}, .overlay = &overlay});
  REQUIRE(c.ok());
  FileId file = 0;
  while (c.sources.file(file).path() != "rules.zc") ++file;
  const sema::NameTable& names = c.ruleset.names;

  const sema::NameUse* let = names.useAt(file, offsetOf(c.sources, file, "基数", 1));
  REQUIRE(let != nullptr);
  CHECK(let->kind == sema::NameKind::Let);
  CHECK(c.sources.text(let->declaration) == "基数");
  CHECK(let->declaration.begin == offsetOf(c.sources, file, "基数"));

  const sema::NameUse* param = names.useAt(file, offsetOf(c.sources, file, "上限)"));
  REQUIRE(param != nullptr);
  CHECK(param->kind == sema::NameKind::Parameter);
  CHECK(c.sources.text(param->declaration).find("上限") != std::string::npos);

  const sema::NameUse* field = names.useAt(file, offsetOf(c.sources, file, "营业收入 >"));
  REQUIRE(field != nullptr);
  CHECK(field->kind == sema::NameKind::Field);

  const sema::TypedSpan* type = names.typeAt(file, offsetOf(c.sources, file, "营业收入 >"));
  REQUIRE(type != nullptr);
  CHECK(type->type == "万元");
  CHECK(names.useAt(file, offsetOf(c.sources, file, "原文")) == nullptr);
}
