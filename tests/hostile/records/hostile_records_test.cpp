// Hostile records and command lines (issue 10): each case NAME is the command line in NAME.args
// (zc's arguments, run by the shell from a scratch copy of this folder, with
// --engine interp and then --engine jit added to a zc run), the inputs it names, and the
// expected standard output, standard error and exit code in NAME.out,
// NAME.stderr and NAME.code. Both engines must give the same bytes, and no
// run may change any file it was given or leave a temporary file behind.
// Where the command is a plain zc run over a file of JSON Lines, a library
// made by zc build must give its bytes and exit code too.
// ZC_UPDATE_GOLDEN=1 writes the expectations, only where the engines agree.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "BuiltLibrary.h"
#include "GoldenFile.h"

namespace fs = std::filesystem;
using namespace zc::testing;

namespace {

const fs::path kCases = ZC_HOSTILE_DIR;

struct Run {
  std::string out, err;
  int code = 0;
  bool operator==(const Run&) const = default;
};

// Runs `zc ARGUMENTS` from `folder`, capturing both streams.
Run runZc(const fs::path& folder, const std::string& arguments) {
  fs::path out = scratchFolder() / "stdout", err = scratchFolder() / "stderr";
  std::string command = "cd '" + folder.string() + "' && '" + ZC_BINARY + "' " + arguments + " > '" + out.string() +
                        "' 2> '" + err.string() + "' < /dev/null";
  int status = std::system(command.c_str());
  return {readFile(out), readFile(err), WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)};
}

fs::path freshFolder(const std::string& name) {
  fs::path folder = scratchFolder() / "hostile_records" / name;
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

// A fresh copy of the cases, so a run can neither change nor litter them.
fs::path copyOfCases(const std::string& name) {
  fs::path folder = freshFolder(name);
  fs::copy(kCases, folder, fs::copy_options::recursive);
  return folder;
}

// The same with only the files a command line names (its ruleset, its
// input): all zc may read, and far less to copy for each of a hundred runs.
fs::path copyOfFilesNamed(const std::string& name, const std::string& arguments) {
  fs::path folder = freshFolder(name);
  std::istringstream words(arguments);
  for (std::string word; words >> word;)
    if (fs::is_regular_file(kCases / word))
      fs::copy_file(kCases / word, folder / word, fs::copy_options::skip_existing);  // named twice: --output good.jsonl
  return folder;
}

std::map<std::string, std::string> contentsOf(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file()) files[entry.path().filename().string()] = readFile(entry.path());
  return files;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Runs a case on one engine and checks what it left behind.
Run runCase(const std::string& name, const std::string& engine) {
  std::string arguments = trimmed(readFile(kCases / (name + ".args")));
  fs::path folder = copyOfFilesNamed(name + "-" + engine, arguments);
  auto before = contentsOf(folder);
  // Only zc run chooses an engine; zc eval always interprets.
  if (arguments.starts_with("run ")) arguments += " --engine " + engine;
  Run run = runZc(folder, arguments);
  auto after = contentsOf(folder);
  for (const auto& [file, text] : before) {
    INFO(file << " was given to zc and must be left as it was");
    CHECK(after[file] == text);
  }
  for (const auto& [file, text] : after) {
    INFO(file << " was left behind");
    CHECK(file.find(".zc-") == std::string::npos);
  }
  return run;
}

// For `zc run rules.zc --input FILE.jsonl --format jsonl --quiet [-p NAME=VALUE …]`
// over a file that exists: the input and the -p options, which the library
// can take; none for any other command line.
std::optional<std::pair<std::string, std::string>> plainJsonLinesRun(const std::string& arguments) {
  static const std::regex plain(
      R"re(run rules\.zc --input (\S+\.jsonl) --format jsonl --quiet((?: -p (?:'[^']*'|\S+))*))re");
  std::smatch match;
  if (!std::regex_match(arguments, match, plain) || !fs::exists(kCases / match[1].str())) return std::nullopt;
  return std::pair{match[1].str(), match[2].str()};
}

}  // namespace

TEST_CASE("every hostile input gets its expected outcome, the same on every engine") {
  std::vector<std::string> cases;
  for (const auto& entry : fs::directory_iterator(kCases))
    if (entry.path().extension() == ".args") cases.push_back(entry.path().stem().string());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 40);  // a broken glob must not pass quietly
  for (const std::string& name : cases) {
    SECTION(name) {
      Run interp = runCase(name, "interp");
      Run jit = runCase(name, "jit");
      INFO("interp stderr: " << interp.err << "\njit stderr: " << jit.err);
      REQUIRE(interp == jit);
      // A signal or abort is always a bug, whatever the expectation says.
      CHECK(interp.code <= 2);
      if (auto run = plainJsonLinesRun(trimmed(readFile(kCases / (name + ".args"))))) {
        static const fs::path folder = copyOfCases("library");
        fs::path library = builtLibrary("hostile/records/rules");
        LibraryRun compiled = runLibrary(folder, library, run->first, run->second);
        INFO("the library zc build made; its stderr: " << compiled.err);
        REQUIRE(compiled.out == interp.out);
        REQUIRE(compiled.code == interp.code);
        // A parameter refused, for the same reason: the library names it
        // "parameter NAME: …", zc as its option, "--param NAME: …".
        std::string reason = trimmed(compiled.err);
        if (reason.starts_with("parameter ")) reason.erase(0, std::string("parameter ").size());
        if (compiled.code == 1) CHECK(interp.err.find(reason) != std::string::npos);
      }
      expectGolden(kCases / (name + ".out"), interp.out);
      expectGolden(kCases / (name + ".stderr"), interp.err);
      expectGolden(kCases / (name + ".code"), std::to_string(interp.code) + "\n");
    }
  }
}

TEST_CASE("--output that names the input through a link is refused, the input left as it was") {
  fs::path folder = copyOfCases("links");
  fs::create_hard_link(folder / "good.jsonl", folder / "hard.jsonl");
  fs::create_symlink("good.jsonl", folder / "soft.jsonl");
  std::string input = readFile(folder / "good.jsonl");
  for (const char* output : {"hard.jsonl", "soft.jsonl", "./good.jsonl"}) {
    INFO("--output " << output);
    Run run = runZc(folder, std::string("run rules.zc --input good.jsonl --quiet --output ") + output);
    CHECK(run.code == 1);
    CHECK(run.err.find("is the input file") != std::string::npos);
    CHECK(readFile(folder / "good.jsonl") == input);
  }
}

TEST_CASE("standard output appended to the input is refused, and the input left as it was") {
  fs::path folder = copyOfCases("append");
  std::string input = readFile(folder / "good.jsonl");
  std::string command = "cd '" + folder.string() + "' && '" + ZC_BINARY +
                        "' run rules.zc --input good.jsonl --quiet --format jsonl >> good.jsonl 2> err.txt";
  int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(readFile(folder / "err.txt").find("standard output is the input file") != std::string::npos);
  CHECK(readFile(folder / "good.jsonl") == input);
}

TEST_CASE("a finished run replaces its output file and keeps the file's permissions") {
  fs::path folder = copyOfCases("replace");
  writeFile(folder / "out.jsonl", "an earlier result\n");
  ::chmod((folder / "out.jsonl").c_str(), 0640);
  Run run = runZc(folder, "run rules.zc --input good.jsonl --quiet --output out.jsonl");
  CHECK(run.code == 0);
  std::string written = readFile(folder / "out.jsonl");
  CHECK(written.find("\"id\": \"G1\"") != std::string::npos);
  CHECK(written.find("an earlier result") == std::string::npos);
  struct stat status{};
  ::stat((folder / "out.jsonl").c_str(), &status);
  CHECK((status.st_mode & 07777) == 0640);
}

// A zc run over `folder`'s good.jsonl, written into a pipe that this process
// holds open, so zc waits for more records with its output half written
// (O_RDWR opens a pipe without waiting for a reader). Its output is
// out.jsonl, which holds an earlier result.
namespace {

struct HeldRun {
  pid_t zc;
  int records;
};
HeldRun startHeldRun(const fs::path& folder) {
  writeFile(folder / "out.jsonl", "an earlier result\n");
  REQUIRE(::mkfifo((folder / "records").c_str(), 0600) == 0);
  int records = ::open((folder / "records").c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(records >= 0);
  std::string good = readFile(folder / "good.jsonl");
  REQUIRE(::write(records, good.data(), good.size()) == static_cast<ssize_t>(good.size()));
  std::string command = "cd '" + folder.string() + "' && { '" + ZC_BINARY +
                        "' run rules.zc --input records --engine interp --quiet --output out.jsonl"
                        " > /dev/null 2> err.txt & echo $! > zc.pid; }";
  REQUIRE(std::system(command.c_str()) == 0);
  return {std::stoi(readFile(folder / "zc.pid")), records};
}

}  // namespace

TEST_CASE("a run killed midway leaves the earlier output as it was and no temporary file") {
  fs::path folder = copyOfCases("killed");
  auto [zc, records] = startHeldRun(folder);
  auto temporaryFile = [&]() -> std::optional<fs::path> {
    for (const auto& entry : fs::directory_iterator(folder))
      if (entry.path().filename().string().starts_with(".out.jsonl.zc-")) return entry.path();
    return std::nullopt;
  };
  // Until zc has written results to its temporary file, a kill would prove nothing.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((!temporaryFile() || fs::file_size(*temporaryFile()) == 0) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(temporaryFile());
  CHECK(readFile(*temporaryFile()).find("\"id\": \"G1\"") != std::string::npos);
  REQUIRE(::kill(zc, SIGTERM) == 0);
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (::kill(zc, 0) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ::close(records);
  CHECK(readFile(folder / "out.jsonl") == "an earlier result\n");
  CHECK_FALSE(temporaryFile());
}

TEST_CASE("the temporary file of a run killed with SIGKILL is removed by the next run, a live run's is not") {
  fs::path folder = copyOfCases("killed9");
  auto [zc, records] = startHeldRun(folder);
  auto temporaries = [&] {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
      if (entry.path().filename().string().starts_with(".out.jsonl.zc-")) names.push_back(entry.path().filename());
    return names;
  };
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (temporaries().empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(temporaries().size() == 1);
  std::string killed = temporaries()[0];
  CHECK(killed.starts_with(".out.jsonl.zc-" + std::to_string(zc) + "@"));
  REQUIRE(::kill(zc, SIGKILL) == 0);
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (::kill(zc, 0) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ::close(records);
  REQUIRE(temporaries() == std::vector<std::string>{killed});  // no handler runs on SIGKILL
  // A temporary whose writer still runs (this test) is not the next run's to remove.
  char host[256] = "";
  ::gethostname(host, sizeof host - 1);
  std::string live = ".out.jsonl.zc-" + std::to_string(::getpid()) + "@" + host + "-abcdef";
  writeFile(folder / live, "being written\n");
  Run run = runZc(folder, "run rules.zc --input good.jsonl --quiet --output out.jsonl");
  CHECK(run.code == 0);
  CHECK(readFile(folder / "out.jsonl").find("\"id\": \"G1\"") != std::string::npos);
  CHECK(temporaries() == std::vector<std::string>{live});
}

TEST_CASE("a command whose output cannot be written fails with a message, never aborts or exits 0") {
  fs::path folder = copyOfCases("full");
  for (const char* command : {"eval rules.zc --input eval_bom.json --explain", "eval rules.zc --input eval_bom.json",
                              "check rules.zc --dump-ir", "run rules.zc --input good.jsonl --quiet --format jsonl"}) {
    INFO(command);
    std::string line = "cd '" + folder.string() + "' && '" + ZC_BINARY + "' " + command + " > /dev/full 2> err.txt";
    int status = std::system(line.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(readFile(folder / "err.txt").find("No space left on device") != std::string::npos);
  }
}

TEST_CASE("a line longer than the bound is an error of its own line; the records around it are evaluated") {
  fs::path folder = copyOfCases("long-line");
  std::string good = readFile(folder / "good.jsonl");
  std::string first = good.substr(0, good.find('\n') + 1);
  writeFile(folder / "long.jsonl", first + std::string(65u << 20, 'x') + "\n" + first);
  Run run = runZc(folder, "run rules.zc --input long.jsonl --quiet --format jsonl");
  CHECK(run.code == 2);
  CHECK(run.out.find("\"line\": 2, \"error\": \"the line is longer than 64 MiB") != std::string::npos);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 3);
}
