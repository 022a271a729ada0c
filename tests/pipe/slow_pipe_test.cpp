// `zc run` on a pipe that stays open, as in `tail -f log | zc run …`: each
// result must come out while zc still waits for more input, not at the end.
// Every wait has a deadline, so a zc that holds its results fails the test
// instead of hanging it.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

namespace {

const std::string kData = std::string(ZC_TESTS_DIR) + "/data/";
constexpr auto kDeadline = std::chrono::seconds(60);

std::vector<std::string> linesOf(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// zc run reading records from a pipe we write, writing results to one we read.
class ZcRun {
 public:
  explicit ZcRun(const std::vector<std::string>& arguments) {
    int input[2], output[2];
    REQUIRE(::pipe(input) == 0);
    REQUIRE(::pipe(output) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(input[0], STDIN_FILENO);
      ::dup2(output[1], STDOUT_FILENO);
      for (int fd : {input[0], input[1], output[0], output[1]}) ::close(fd);
      std::vector<char*> argv{const_cast<char*>(ZC_BINARY)};
      for (const std::string& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(ZC_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(input[0]);
    ::close(output[1]);
    toZc_ = input[1];
    fromZc_ = output[0];
  }
  ~ZcRun() {
    closeInput();
    if (fromZc_ >= 0) ::close(fromZc_);
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  void write(const std::string& text) {
    REQUIRE(::write(toZc_, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  }

  void closeInput() {
    if (toZc_ >= 0) ::close(toZc_);
    toZc_ = -1;
  }

  // The next line zc writes; empty if none comes before the deadline or zc
  // ends its output first.
  std::string readLine() {
    auto deadline = std::chrono::steady_clock::now() + kDeadline;
    for (;;) {
      if (size_t end = pending_.find('\n'); end != std::string::npos) {
        std::string line = pending_.substr(0, end);
        pending_.erase(0, end + 1);
        return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd output{.fd = fromZc_, .events = POLLIN, .revents = 0};
      if (left.count() <= 0 || ::poll(&output, 1, static_cast<int>(left.count())) <= 0) return "";
      char buffer[4096];
      ssize_t count = ::read(fromZc_, buffer, sizeof buffer);
      if (count <= 0) return "";
      pending_.append(buffer, count);
    }
  }

  int exitCode() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int toZc_ = -1, fromZc_ = -1;
  std::string pending_;
};

}  // namespace

TEST_CASE("zc run writes each result while its input pipe is still open") {
  ::signal(SIGPIPE, SIG_IGN);  // a zc that died must fail a check, not kill the test
  std::vector<std::string> records = linesOf(kData + "sample-enterprises.jsonl");
  std::vector<std::string> expected = linesOf(kData + "sample-expected.jsonl");
  REQUIRE(records.size() >= 2);
  REQUIRE(expected.size() == records.size());

  for (const char* engine : {"interp", "jit"}) {
    SECTION(engine) {
      ZcRun zc({"run", ZC_SOURCE_DIR "/examples/seed-policies/all.zc", "--input", "/dev/stdin", "--format", "jsonl",
                "--quiet", "--engine", engine});
      for (size_t i = 0; i < 2; ++i) {
        INFO("record " << i + 1 << " written; its result must arrive before the input ends");
        zc.write(records[i] + "\n");
        CHECK(zc.readLine() == expected[i]);
      }
      zc.closeInput();
      CHECK(zc.readLine().empty());
      CHECK(zc.exitCode() == 0);
    }
  }
}
