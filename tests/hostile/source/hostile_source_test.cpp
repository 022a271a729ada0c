// Hostile source text: every input gets a result or a diagnostic, never a
// signal or a hang, through zc check, zc run on both engines and zc test.
// Inputs too large to keep (a 100,000-term chain) are generated here by name;
// what each command printed and its exit code are compared with NAME.out
// beside this file (ZC_UPDATE_GOLDEN=1 rewrites them, only once the JIT and
// the interpreter agree: zc test runs each test on both itself).
#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "GoldenFile.h"

namespace fs = std::filesystem;
using namespace zc::testing;

namespace {

const fs::path kCases = fs::path(ZC_TESTS_DIR) / "hostile" / "source";

std::string repeat(const std::string& text, size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (size_t i = 0; i < times; ++i) out += text;
  return out;
}

// n copies of term joined by op.
std::string chain(const std::string& term, const std::string& op, size_t n) { return term + repeat(op + term, n - 1); }

// A ruleset of one clause with the given condition and award, and a test
// that the record with 收入 2 万元 gets `expected`.
std::string ruleset(const std::string& condition, const std::string& award, const std::string& expected = "2 万元") {
  return "导入 \"std/units.zc\";\n导入 \"std/policy.zc\";\n"
         "记录 企业 { id: 文本 键; 收入: 万元 = 0 万元; 规上: 标志 = 假; }\n"
         "政策 \"P\" 针对 企业 {\n  条款 \"C\" {\n    原文 \"x\";\n    受益方 企业;\n" +
         (condition.empty() ? "" : "    条件 " + condition + ";\n") + "    奖励 " + award +
         ";\n  }\n}\n测试 \"t\" { 输入 { id: \"a\", 收入: 2 万元, 规上: 真 } 期望 \"C\" 企业 = " + expected + "; }\n";
}

// Adds a policy with one clause of that id, paying 1 万元 to a record that
// the tests' record is not (so their expectations stay as they are).
std::string withClause(const std::string& text, const std::string& policy, const std::string& id) {
  return text + "政策 \"" + policy + "\" 针对 企业 {\n  条款 \"" + id +
         "\" {\n    原文 \"x\";\n    受益方 企业;\n    条件 收入 > 100 万元;\n    奖励 1 万元;\n  }\n}\n";
}

struct Case {
  std::string name;
  std::function<std::string()> text;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      // Deep nesting: at the limit it works, beyond it E0107.
      {"plus_chain_256_terms", [] { return ruleset("", chain("收入", " + ", 256), "512 万元"); }},
      {"plus_chain_100000_terms", [] { return ruleset("", chain("收入", " + ", 100000)); }},
      {"and_chain_100000_terms", [] { return ruleset(chain("规上", " 且 ", 100000), "收入"); }},
      {"brackets_255", [] { return ruleset("", repeat("(", 255) + "收入" + repeat(")", 255)); }},
      {"brackets_100000", [] { return ruleset("", repeat("(", 100000) + "收入" + repeat(")", 100000)); }},
      {"unclosed_brackets_10000", [] { return ruleset("", repeat("(", 10000) + "收入"); }},
      {"negations_10000", [] { return ruleset("", repeat("- ", 10000) + "收入"); }},
      {"not_10000", [] { return ruleset(repeat("非 ", 10000) + "规上", "收入"); }},
      {"else_if_chain_5000", [] { return ruleset("", repeat("如果 规上 则 收入 否则 ", 5000) + "收入"); }},
      {"list_type_nesting_5000",
       [] { return "记录 R { id: 文本 键; x: " + repeat("列表<", 5000) + "整数" + repeat(">", 5000) + "; }\n"; }},
      // Not UTF-8: E0106 names the line and the byte offset.
      {"gbk_comment", [] { return "// \xD5\xFE\xB2\xDF\n" + ruleset("", "收入"); }},
      {"invalid_byte_in_string", [] { return ruleset("", "收入") + "参数 名称: 文本 = \"\xFF\";\n"; }},
      {"truncated_character_at_end", [] { return ruleset("", "收入") + "// 元\xE5\xA5"; }},
      {"overlong_slash", [] { return ruleset("", "收入") + "\xC0\xAF\n"; }},
      {"surrogate", [] { return ruleset("", "收入") + "// \xED\xA0\x80\n"; }},
      // A byte order mark is white space.
      {"byte_order_mark", [] { return "\xEF\xBB\xBF" + ruleset("", "收入"); }},
      // Invisible and bidirectional control characters: E0108 names each by
      // its code point, and the line shows it as <U+…>.
      {"zero_width_space_in_name", [] { return ruleset("", "收\u200B入"); }},
      {"right_to_left_override_in_string",
       [] { return ruleset("", "收入") + "参数 名称: 文本 = \"\u202E1.0 万元 \u202C\";\n"; }},
      {"bidi_isolate_in_comment", [] { return "// \u2067 \u2069\n" + ruleset("", "收入"); }},
      {"byte_order_mark_not_first", [] { return ruleset("", "收入") + "\uFEFF\n"; }},
      {"zero_width_joiners_11", [] { return ruleset("", "收入") + "//" + repeat("\u200D", 11) + "\n"; }},
      // Look-alikes (Unicode TR39): W0603 warns, and the ruleset runs.
      {"cyrillic_clause_id", [] { return withClause(withClause(ruleset("", "收入"), "Q", "\u0421-1"), "R", "C-1"); }},
      {"fullwidth_clause_id", [] { return withClause(withClause(ruleset("", "收入"), "Q", "\uFF23-1"), "R", "C-1"); }},
      // 金 as U+F90A, a CJK compatibility ideograph (text copied out of a PDF has them), beside 金 U+91D1.
      {"compatibility_ideograph_field",
       [] { return ruleset("", "收入") + "记录 R { id: 文本 键; 金额: 整数 = 0; \uF90A额: 整数 = 0; }\n"; }},
      // Cyrillic С then Latin a in one clause id.
      {"mixed_script_clause_id", [] { return withClause(ruleset("", "收入"), "Q", "\u0421a-1"); }},
  };
  return all;
}

// Runs zc in the case's folder under a deadline; the transcript shows the
// command, its exit code and both streams.
std::string transcript(const fs::path& folder, const std::string& arguments, int& code) {
  fs::path out = folder / "stdout", err = folder / "stderr";
  std::string command = "cd '" + folder.string() + "' && timeout 60 '" + ZC_BINARY + "' " + arguments + " > '" +
                        out.string() + "' 2> '" + err.string() + "' < /dev/null";
  int status = std::system(command.c_str());
  code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::string text = "$ zc " + arguments + "\nexit " + std::to_string(code) + "\n";
  std::string stdoutText = readFile(out), stderrText = readFile(err);
  if (!stdoutText.empty()) text += "stdout:\n" + stdoutText;
  if (!stderrText.empty()) text += "stderr:\n" + stderrText;
  return text;
}

}  // namespace

TEST_CASE("hostile source text gets a result or a diagnostic from every command, on both engines") {
  for (const Case& c : cases()) {
    SECTION(c.name) {
      fs::path folder = scratchFolder() / c.name;
      fs::create_directories(folder);
      writeFile(folder / (c.name + ".zc"), c.text());
      writeFile(folder / "records.jsonl", "{\"id\": \"a\", \"收入\": 2, \"规上\": true}\n");
      std::string file = c.name + ".zc";
      std::string all;
      // Runs a command, adds it to the transcript and returns what it did: its lines after the command's.
      auto outcome = [&](const std::string& arguments) {
        int code = 0;
        std::string text = transcript(folder, arguments, code);
        all += text;
        INFO(arguments);
        CHECK(code >= 0);
        CHECK(code <= 2);  // 124: the deadline passed; 128 and above: a signal
        return text.substr(text.find('\n') + 1);
      };
      outcome("check " + file);
      std::string jit = outcome("run " + file + " --input records.jsonl --engine jit");
      std::string interp = outcome("run " + file + " --input records.jsonl --engine interp");
      outcome("test " + file);
      INFO("jit:\n" << jit << "interp:\n" << interp);
      REQUIRE(jit == interp);
      expectGolden(kCases / (c.name + ".out"), all);
    }
  }
}

// One file is one module however it is named: by a symbolic link, a hard
// link, a path through a linked folder, or its absolute path. Each import of
// schema.zc again would otherwise declare its record a second time (E0303).
TEST_CASE("a file imported by several paths is one module") {
  fs::path folder = scratchFolder() / "same_file_many_paths";
  fs::remove_all(folder);
  fs::create_directories(folder / "sub");
  std::string schema =
      "导入 \"std/units.zc\";\n导入 \"std/policy.zc\";\n记录 企业 { id: 文本 键; 收入: 万元 = 0 万元; 规上: 标志 = 假; "
      "}\n";
  writeFile(folder / "schema.zc", schema);
  fs::create_symlink("../schema.zc", folder / "sub" / "linked.zc");
  fs::create_hard_link(folder / "schema.zc", folder / "hard.zc");
  fs::create_directory_symlink("..", folder / "sub" / "up");
  writeFile(
      folder / "policy.zc",
      "导入 \"schema.zc\";\n导入 \"sub/linked.zc\";\n导入 \"hard.zc\";\n导入 \"sub/up/schema.zc\";\n导入 \"" +
          (folder / "schema.zc").string() +
          "\";\n政策 \"P\" 针对 企业 {\n  条款 \"C\" {\n    原文 \"x\";\n    受益方 企业;\n    奖励 收入;\n  }\n}\n");
  writeFile(folder / "records.jsonl", "{\"id\": \"a\", \"收入\": 2}\n");
  std::string all;
  for (const char* arguments :
       {"check policy.zc", "check schema.zc policy.zc sub/linked.zc",
        "run policy.zc --input records.jsonl --engine interp", "run policy.zc --input records.jsonl --engine jit"}) {
    int code = 0;
    all += transcript(folder, arguments, code);
    CHECK(code == 0);
  }
  expectGolden(kCases / "same_file_many_paths.out", all);
}
