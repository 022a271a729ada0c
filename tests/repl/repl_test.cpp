// zc repl, three ways: golden sessions piped through the binary (NAME.txt in,
// NAME.out the merged stdout and stderr, NAME.code the exit status), the
// input scanner and completion in-process, and a real terminal through tmux.
// ZC_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "GoldenFile.h"
#include "repl/InputScanner.h"
#include "repl/ReplSession.h"

namespace fs = std::filesystem;
using zc::testing::captureCommand;
using zc::testing::expectGolden;
using zc::testing::readFile;

namespace {

const fs::path kSessions = fs::path(ZC_TESTS_DIR) / "repl";

fs::path scratch() { return zc::testing::scratchFolder(); }

int run(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("every piped session gives its expected output") {
  std::vector<fs::path> sessions;
  for (const auto& entry : fs::directory_iterator(kSessions))
    if (entry.path().extension() == ".txt") sessions.push_back(entry.path());
  std::sort(sessions.begin(), sessions.end());
  REQUIRE(sessions.size() >= 3);
  for (const fs::path& input : sessions) {
    SECTION(input.filename().string()) {
      fs::path out = scratch() / "out";
      // From inside tests/repl, so :load and :record take short paths; no
      // terminal, so no prompt and no colour. Every program the session
      // checks is verified as IR, in a release build too.
      int code = run("cd '" + kSessions.string() + "' && HOME='" + scratch().string() + "' '" + ZC_BINARY +
                     "' repl --verify-ir < '" + input.filename().string() + "' > '" + out.string() + "' 2>&1");
      expectGolden(fs::path(input).replace_extension(".out"), readFile(out));
      expectGolden(fs::path(input).replace_extension(".code"), std::to_string(code) + "\n");
    }
  }
}

TEST_CASE("an input goes on while a bracket is open or a line ends in an operator") {
  using zc::repl::needsContinuation;
  CHECK_FALSE(needsContinuation("200 元/平方米 * 1500 平方米"));
  CHECK(needsContinuation("200 元/平方米 *"));
  CHECK(needsContinuation("200 元/平方米 ×"));
  CHECK(needsContinuation("1 万元 +"));
  CHECK(needsContinuation("a ="));
  CHECK(needsContinuation("最小(1 万元,"));
  CHECK(needsContinuation("求和(x 属于 电商活动费用 =>"));
  CHECK(needsContinuation("真 且"));
  CHECK(needsContinuation("真 and"));
  CHECK(needsContinuation("真 或"));
  CHECK(needsContinuation("如果 1 万元 > 5000 元"));
  CHECK(needsContinuation("如果 1 万元 > 5000 元\n则 1"));
  CHECK_FALSE(needsContinuation("如果 1 万元 > 5000 元\n则 1\n否则 2"));
  CHECK_FALSE(needsContinuation("档位 x { [1, 2) => 1, 否则 => 0 }"));
  CHECK(needsContinuation("如果 真 则 档位 x { [1, 2) => 1, 否则 => 0 }"));
  CHECK(needsContinuation("记录 项目 {\n  id: 文本 键;"));
  CHECK_FALSE(needsContinuation("记录 项目 {\n  id: 文本 键;\n}"));
  CHECK_FALSE(needsContinuation("x 属于 [1, 2)"));  // an interval balances
  CHECK(needsContinuation("x 属于 [1,"));
  CHECK_FALSE(needsContinuation("\"(\""));    // in a string
  CHECK_FALSE(needsContinuation("1 // (+"));  // in a comment
  CHECK(needsContinuation("1 /* open"));
  CHECK_FALSE(needsContinuation("营业收入且"));  // one name, not 且
  CHECK_FALSE(needsContinuation("参数 x: 万元 = 1 万元;"));
  CHECK_FALSE(needsContinuation("(30 万元) / (10 万元)"));
}

TEST_CASE("the history keeps an input of several lines as one line") {
  using zc::repl::historyLine;
  CHECK(historyLine("200 元/平方米 ×\n  (1500 平方米 +\n   500 平方米)") ==
        "200 元/平方米 × (1500 平方米 + 500 平方米)");
  CHECK(historyLine("1 + // one\n2") == "1 + 2");
  CHECK(historyLine("\"a // b\" = x") == "\"a // b\" = x");
  CHECK(zc::repl::isBlank("  // nothing\n /* at all */ "));
  CHECK_FALSE(zc::repl::isBlank("1"));
}

TEST_CASE("completion offers keywords, commands, names, fields and units") {
  zc::repl::ReplSession session;
  size_t start = 0;
  auto complete = [&](const std::string& before) { return session.complete(before, start); };

  CHECK(complete(":ty") == std::vector<std::string>{":type"});
  CHECK(start == 0);
  CHECK(complete(":e") == std::vector<std::string>{":eval", ":explain"});
  CHECK(complete("1 公") == std::vector<std::string>{"公顷"});
  CHECK(start == 2);
  CHECK(complete("1 万") == std::vector<std::string>{"万元", "万美元"});
  CHECK(complete("x 属") == std::vector<std::string>{"属于"});
  CHECK(complete("真 an") == std::vector<std::string>{"and"});
  CHECK(complete("最") == std::vector<std::string>{"最大", "最小", "最长"});
  CHECK(complete("1 + ").empty());

  std::string cwd = fs::current_path().string();
  fs::current_path(kSessions);
  auto loaded = session.process(":load rules.zc", 1);
  REQUIRE_FALSE(loaded.error);
  CHECK(complete("当年") == std::vector<std::string>{"当年实际利用外资"});
  CHECK(complete("美元汇") == std::vector<std::string>{"美元汇率"});
  CHECK(complete("国家") == std::vector<std::string>{"国家级"});
  CHECK(complete(":explain CJ-Q-") == std::vector<std::string>{"CJ-Q-3", "CJ-Q-5", "CJ-Q-6"});
  CHECK(start == 9);
  CHECK(complete(":set 美元") == std::vector<std::string>{"美元汇率"});
  CHECK(complete(":load rules.") == std::vector<std::string>{"rules.zc"});
  CHECK(complete(":load bro") == std::vector<std::string>{"broken.zc"});
  CHECK(complete(":record rec") == std::vector<std::string>{"record.json"});
  fs::current_path(cwd);

  // A declaration at the prompt is offered at once.
  REQUIRE_FALSE(session.process("参数 补贴标准: 元/平方米 = 200 元/平方米;", 2).error);
  CHECK(complete("补贴") == std::vector<std::string>{"补贴标准"});
}

TEST_CASE("the session keeps what checks and refuses what does not") {
  zc::repl::ReplSession session;
  CHECK(session.process("200 元/平方米 * 1500 平方米", 1).out == "300000 元 (30 万元)\n");
  auto bad = session.process("1 万元 + 1 平方米", 2);
  CHECK(bad.error);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("<repl:2>:1:1: error[E0401]") == 0);
  CHECK(session.process("单位 斤 = 500 平方米;", 3).out == "declared unit 斤 = 500 平方米\n");
  CHECK(session.process("2 斤", 4).out == "2 斤\n");
  // A declaration with an error leaves nothing behind.
  CHECK(session.process("参数 a: 万元 = 1 万元; 参数 b: 万元 = 1 平方米;", 5).error);
  CHECK(session.process("a", 6).error);
  CHECK(session.process(":reset", 7).out.find("fresh") != std::string::npos);
  CHECK(session.process("2 斤", 8).error);
  CHECK(session.process(":quit", 9).quit);
}

// The session checks through the front end (its checker is private to sema,
// which the build enforces), so what it evaluates is verified as every other
// program is: a session that built or extended its program by itself would
// leave the front end's count behind.
TEST_CASE("every program the session builds or extends is verified by the front end") {
  zc::repl::ReplSession session({.verifyIr = true});
  size_t verified = session.verifiedPrograms();
  CHECK(verified >= 1);  // the prelude's ruleset
  auto verifiedBy = [&](const std::string& input, int line) {
    zc::repl::Reply reply = session.process(input, line);
    INFO(input << "\n" << reply.err);
    CHECK(reply.err.find("internal error") == std::string::npos);
    size_t now = session.verifiedPrograms();
    size_t added = now - verified;
    verified = now;
    return added;
  };
  CHECK(verifiedBy("参数 补贴标准: 元/平方米 = 200 元/平方米;", 1) == 1);
  CHECK(verifiedBy("补贴标准 × 1500 平方米", 2) == 1);
  CHECK(verifiedBy(":type 补贴标准 × 1 亩", 3) == 1);
  CHECK(verifiedBy("1 万元 + 1 平方米", 4) == 0);  // refused: nothing was lowered
  std::string cwd = fs::current_path().string();
  fs::current_path(kSessions);
  CHECK(verifiedBy(":load rules.zc", 5) == 1);
  CHECK(verifiedBy(":record record.json", 6) == 0);
  CHECK(verifiedBy("当年实际利用外资 × 美元汇率", 7) == 1);
  fs::current_path(cwd);
  CHECK(verifiedBy(":reset", 8) == 1);
}

namespace {

// A tmux server of our own (its own socket), running zc repl in a terminal of
// 120 × 40 with a scratch HOME. Every wait polls the screen, up to 10 s.
class Terminal {
 public:
  Terminal() : dir_(scratch() / "tty"), socket_((dir_ / "sock").string()) {
    fs::create_directories(dir_ / "home");
    std::string command = "cd '" + kSessions.string() + "' && env HOME='" + (dir_ / "home").string() +
                          "' LC_ALL=C.UTF-8 '" + ZC_BINARY + "' repl";
    started_ = tmux("new-session -d -x 120 -y 40 \"" + command + "\"") == 0;
  }
  ~Terminal() { tmux("kill-server 2>/dev/null"); }

  bool started() const { return started_; }
  fs::path home() const { return dir_ / "home"; }
  void type(const std::string& text) { tmux("send-keys -l -- '" + text + "'"); }
  void key(const std::string& name) { tmux("send-keys " + name); }
  std::string screen() { return captureCommand(prefix() + "capture-pane -p"); }
  bool running() { return tmux("has-session 2>/dev/null") == 0; }

  bool waitFor(const std::function<bool(const std::string&)>& ready) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (ready(screen())) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  bool waitForText(const std::string& text, size_t times = 1) {
    return waitFor([&](const std::string& s) { return count(s, text) >= times; });
  }
  // The prompt is the last line on the screen: zc is reading again.
  bool waitForPrompt(const std::string& prompt = "zc>") {
    return waitFor([&](const std::string& s) { return lastLine(s) == prompt; });
  }

  static size_t count(const std::string& s, const std::string& text) {
    size_t n = 0;
    for (size_t at = s.find(text); at != std::string::npos; at = s.find(text, at + text.size())) ++n;
    return n;
  }
  static std::string lastLine(const std::string& s) {
    std::istringstream in(s);
    std::string line, last;
    while (std::getline(in, line)) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      if (!line.empty()) last = line;
    }
    return last;
  }

 private:
  std::string prefix() const { return "env -u TMUX LC_ALL=C.UTF-8 tmux -u -S '" + socket_ + "' "; }
  int tmux(const std::string& arguments) { return run(prefix() + arguments); }

  fs::path dir_;
  std::string socket_;
  bool started_ = false;
};

}  // namespace

// ctest runs this as repl_terminal, which reports a skip when there is no tmux.
TEST_CASE("on a terminal: prompts, continuation, history and Tab completion", "[terminal]") {
  INFO("tmux is not installed (scripts/install-deps.sh installs it)");
  REQUIRE(run("command -v tmux > /dev/null") == 0);
  Terminal terminal;
  REQUIRE(terminal.started());
  // On failure, say which step and show the screen as it is then.
  auto expect = [&](bool ok, const char* step) {
    if (!ok) FAIL(step << "\nscreen:\n" << terminal.screen());
    SUCCEED(step);
  };
  auto lastLineIs = [&](const std::string& line) {
    return terminal.waitFor([&](const std::string& s) { return Terminal::lastLine(s) == line; });
  };
  expect(terminal.waitForPrompt(), "the first prompt");

  // An expression over three lines: the continuation prompt, then the result.
  terminal.type("200 元/平方米 ×");
  terminal.key("Enter");
  expect(terminal.waitForPrompt("..."), "a continuation prompt after a line ending in ×");
  terminal.type("(1500 平方米 +");
  terminal.key("Enter");
  expect(terminal.waitFor([](const std::string& s) { return Terminal::count(s, "\n...") >= 2; }),
         "a second continuation prompt while ( is open");
  terminal.type("500 平方米)");
  terminal.key("Enter");
  expect(terminal.waitForText("400000 元 (40 万元)"), "the value of the three lines");
  expect(terminal.waitForPrompt(), "the prompt after the value");

  // Up brings it back as one line; Enter runs it again.
  terminal.key("Up");
  expect(lastLineIs("zc> 200 元/平方米 × (1500 平方米 + 500 平方米)"), "Up recalls the input as one line");
  terminal.key("Enter");
  expect(terminal.waitForText("400000 元 (40 万元)", 2), "the recalled input runs again");
  expect(terminal.waitForPrompt(), "the prompt after the second value");

  // Tab completes a command and a unit.
  terminal.type(":ty");
  terminal.key("Tab");
  expect(lastLineIs("zc> :type"), "Tab completes :ty to :type");
  terminal.type("3 公");
  terminal.key("Tab");
  expect(lastLineIs("zc> :type 3 公顷"), "Tab completes 公 to 公顷");
  terminal.key("Enter");
  expect(terminal.waitFor([](const std::string& s) { return s.find("\n公顷\n") != std::string::npos; }),
         "the type of 3 公顷");
  expect(terminal.waitForPrompt(), "the prompt after :type");

  // Where several names fit, Tab lists them.
  terminal.type("1 万");
  terminal.key("Tab");
  expect(terminal.waitFor([](const std::string& s) {
    return s.find("万元") != std::string::npos && s.find("万美元") != std::string::npos;
  }),
         "Tab lists 万元 and 万美元");
  // Ctrl-C abandons the line; Ctrl-D leaves.
  terminal.key("C-c");
  expect(terminal.waitForText("^C"), "Ctrl-C abandons the line");
  expect(terminal.waitForPrompt(), "a fresh prompt after Ctrl-C");
  terminal.key("C-d");
  bool ended = false;
  for (int i = 0; i < 100 && !ended; ++i) {
    ended = !terminal.running();
    if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  expect(ended, "Ctrl-D ends zc repl");

  // The history is kept in ~/.zc_history.
  std::string history = readFile(terminal.home() / ".zc_history");
  CHECK(history.find("1500") != std::string::npos);
  CHECK(history.find("公顷") != std::string::npos);
}
