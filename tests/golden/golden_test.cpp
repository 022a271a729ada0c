// Golden tests: each case is an input file and the expected output beside
// it. zc runs from inside the case's folder, so paths in messages are short.
// ZC_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing; an
// evaluation's expectation is written only once every engine agrees on it:
// the interpreter, the JIT and, for JSON Lines, a library made by zc build.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "BuiltLibrary.h"
#include "GoldenFile.h"

namespace fs = std::filesystem;
using namespace zc::testing;

namespace {

const fs::path kTests = ZC_TESTS_DIR;

struct Run {
  std::string out, err;
  int code = 0;
};

// Runs zc with arguments from inside `folder`, capturing both streams.
Run runZc(const fs::path& folder, const std::string& arguments) {
  fs::path out = scratchFolder() / "stdout", err = scratchFolder() / "stderr";
  std::string command = "cd '" + folder.string() + "' && '" + ZC_BINARY + "' " + arguments + " > '" + out.string() +
                        "' 2> '" + err.string() + "' < /dev/null";
  int status = std::system(command.c_str());
  return {readFile(out), readFile(err), WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

std::vector<fs::path> casesIn(const fs::path& folder, const std::string& extension) {
  std::vector<fs::path> out;
  if (!fs::exists(folder)) return out;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == extension) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// The ruleset an explained record (NAME.CASE.json, or NAME.json) is for.
fs::path rulesetOf(const fs::path& record) {
  std::string stem = record.stem().string();
  return record.parent_path() / (stem.substr(0, stem.find('.')) + ".zc");
}

}  // namespace

TEST_CASE("every malformed or ill-typed program gives its expected diagnostics") {
  auto cases = casesIn(kTests / "check" / "bad", ".zc");
  REQUIRE(cases.size() >= 40);  // a broken glob must not pass quietly
  for (const fs::path& file : cases) {
    SECTION(file.filename().string()) {
      Run run = runZc(file.parent_path(), "check " + file.filename().string());
      expectGolden(fs::path(file).replace_extension(".err"), run.err);
      bool warningsOnly = run.err.find(": error[") == std::string::npos;
      CHECK(run.code == (warningsOnly ? 0 : 1));
    }
  }
}

TEST_CASE("every good program checks clean and passes its tests on both engines") {
  auto cases = casesIn(kTests / "check" / "good", ".zc");
  REQUIRE(!cases.empty());
  for (const fs::path& file : cases) {
    SECTION(file.filename().string()) {
      Run run = runZc(file.parent_path(), "check --verify-ir " + file.filename().string());
      INFO(run.err);
      CHECK(run.code == 0);
      CHECK(run.err.find("warning") == std::string::npos);
      CHECK(run.err.ends_with("; IR verified)\n"));
      Run tests = runZc(file.parent_path(), "test --engine both " + file.filename().string());
      INFO(tests.out << tests.err);
      CHECK(tests.code == 0);
      CHECK(std::regex_search(tests.out, std::regex("[1-9][0-9]* passed, 0 failed")));
    }
  }
}

TEST_CASE("every IR listing is as expected") {
  auto cases = casesIn(kTests / "check" / "ir", ".zc");
  REQUIRE(cases.size() >= 3);
  for (const fs::path& file : cases) {
    SECTION(file.filename().string()) {
      Run run = runZc(file.parent_path(), "check --dump-ir --verify-ir " + file.filename().string());
      INFO(run.err);
      REQUIRE(run.code == 0);
      CHECK(run.err.ends_with("; IR verified)\n"));
      expectGolden(fs::path(file).replace_extension(".ir"), run.out);
    }
  }
}

// A release build's front end skips ir::verify; zc check --verify-ir runs it.
TEST_CASE("every ruleset the tests evaluate, and every example, verifies as IR") {
  std::vector<fs::path> rulesets = casesIn(kTests / "eval", ".zc");
  rulesets.push_back(kTests / "hostile" / "records" / "rules.zc");
  for (const auto& entry : fs::recursive_directory_iterator(kTests.parent_path() / "examples"))
    if (entry.path().extension() == ".zc") rulesets.push_back(entry.path());
  REQUIRE(rulesets.size() >= 20);
  // One zc for them all: it checks each file on its own, and says so for each.
  std::string files;
  for (const fs::path& file : rulesets) files += " '" + file.string() + "'";
  Run run = runZc(kTests, "check --verify-ir" + files);
  INFO(run.err);
  CHECK(run.code == 0);
  for (const fs::path& file : rulesets) {
    INFO(file.string());
    size_t line = run.err.find(file.string() + ": ok (");
    REQUIRE(line != std::string::npos);
    CHECK(run.err.substr(line, run.err.find('\n', line) - line).ends_with("; IR verified)"));
  }
}

TEST_CASE("every evaluation case gives its expected output on every engine") {
  auto cases = casesIn(kTests / "eval", ".jsonl");
  auto csv = casesIn(kTests / "eval", ".csv");
  cases.insert(cases.end(), csv.begin(), csv.end());
  REQUIRE(!cases.empty());
  for (const fs::path& input : cases) {
    SECTION(input.filename().string()) {
      fs::path ruleset = fs::path(input).replace_extension(".zc");
      auto runOn = [&](const char* engine) {
        // The input's format is taken from its extension: .csv or JSON Lines.
        return runZc(input.parent_path(), "run " + ruleset.filename().string() + " --input " +
                                              input.filename().string() + " --format jsonl --quiet --engine " + engine);
      };
      Run interp = runOn("interp"), jit = runOn("jit");
      // The engines agree before either is compared with, or written as, the expectation.
      REQUIRE(jit.out == interp.out);
      REQUIRE(jit.err == interp.err);
      REQUIRE(jit.code == interp.code);
      // The library reads JSON Lines only; it writes no messages, so its
      // bytes and its status are what it can agree on.
      if (input.extension() == ".jsonl") {
        fs::path library = builtLibrary("eval/" + ruleset.stem().string());
        LibraryRun compiled = runLibrary(input.parent_path(), library, input.filename().string());
        INFO("the library zc build made, over " << input.filename().string() << "; its stderr: " << compiled.err);
        REQUIRE(compiled.out == interp.out);
        REQUIRE(compiled.code == interp.code);
      }
      expectGolden(fs::path(input).replace_extension(".out"), interp.out);
      expectGolden(fs::path(input).replace_extension(".stderr"), interp.err);
      expectGolden(fs::path(input).replace_extension(".code"), std::to_string(interp.code) + "\n");
    }
  }
}

// Explanations are the interpreter's: only it records a trace (interp/Explanation),
// and zc eval, which prints them, always interprets. What the other engines
// can give of an explanation, its result line, is checked on them.
TEST_CASE("explanations come from the interpreter alone") {
  // Were zc eval to take an engine, its explanations would have to be checked on each.
  Run engine = runZc(kTests / "eval", "eval seed.zc --input seed.E000000.json --explain --engine jit");
  CHECK(engine.code == 1);
  CHECK(engine.err.find("--engine") != std::string::npos);
}

TEST_CASE("every explained record reads as expected, as the interpreter explains it") {
  auto cases = casesIn(kTests / "eval", ".json");
  REQUIRE(!cases.empty());
  for (const fs::path& input : cases) {
    SECTION(input.filename().string()) {
      fs::path ruleset = rulesetOf(input);
      Run run = runZc(input.parent_path(),
                      "eval " + ruleset.filename().string() + " --input " + input.filename().string() + " --explain");
      expectGolden(fs::path(input).replace_extension(".explain"), run.out + run.err);
    }
  }
}

TEST_CASE("every explained record reads as expected as JSON, its result the same on every engine") {
  auto cases = casesIn(kTests / "eval", ".json");
  REQUIRE(!cases.empty());
  for (const fs::path& input : cases) {
    SECTION(input.filename().string()) {
      fs::path ruleset = rulesetOf(input);
      Run run = runZc(input.parent_path(), "eval " + ruleset.filename().string() + " --input " +
                                               input.filename().string() + " --explain=json");
      // Not .json: that is what a case's input is called. The provenance's
      // hash changes with every edit of the standard library, so the golden
      // pins its place and form; workflow_report checks its value against
      // the report's, zc diff's and zc serve's.
      static const std::regex kSourceHash("\"source_hash\": \"[0-9a-f]{64}\"");
      CHECK(std::regex_search(run.out, kSourceHash));
      expectGolden(fs::path(input).replace_extension(".explain-json"),
                   std::regex_replace(run.out, kSourceHash, "\"source_hash\": \"(SHA-256 of the ruleset's sources)\"") +
                       run.err);
      // The trace carries the very line zc eval --json prints.
      Run line = runZc(input.parent_path(),
                       "eval " + ruleset.filename().string() + " --input " + input.filename().string() + " --json");
      CHECK(run.out.find("\"result\": " + line.out.substr(0, line.out.size() - 1) + ",\n") != std::string::npos);
      // The record is one line of JSON: as JSON Lines, the JIT and the
      // library must give that line too.
      Run jit =
          runZc(input.parent_path(), "run " + ruleset.filename().string() + " --input " + input.filename().string() +
                                         " --input-format jsonl --format jsonl --quiet --engine jit");
      INFO(jit.err);
      CHECK(jit.out == line.out);
      fs::path library = builtLibrary("eval/" + ruleset.stem().string());
      LibraryRun compiled = runLibrary(input.parent_path(), library, input.filename().string());
      INFO("the library zc build made; its stderr: " << compiled.err);
      CHECK(compiled.out == line.out);
      CHECK(compiled.code == jit.code);
    }
  }
}

TEST_CASE("every diagnostic kind has a golden case") {
  std::string registry = readFile(kTests.parent_path() / "compiler" / "diag" / "DiagnosticKinds.def");
  std::set<std::string> covered;
  std::regex code(R"re(\[([EW][0-9]{4})\])re");
  for (const fs::path& err : casesIn(kTests / "check" / "bad", ".err")) {
    std::string text = readFile(err);
    for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) covered.insert((*it)[1]);
  }
  std::regex declared(R"re(DIAG\(\w+,\s*"([EW][0-9]{4})")re");
  size_t kinds = 0;
  for (std::sregex_iterator it(registry.begin(), registry.end(), declared), end; it != end; ++it) {
    ++kinds;
    INFO("no golden case shows " << (*it)[1]);
    CHECK(covered.count((*it)[1]) == 1);
  }
  CHECK(kinds > 30);
}
