// The subcommands of zc. Each returns the process exit code:
// 0 success, 1 errors in the ruleset or unusable input, 2 some records failed
// (run) or some tests failed (test).
#pragma once

#include <string>
#include <vector>

namespace zc {

struct EvalOptions {
  std::string ruleset;
  std::string input;
  std::vector<std::string> params;
  std::string explain;  // empty, text or json
  bool json = false;
};

// More worker threads than this gains nothing on any machine zc runs on, and
// asking the system for 100,000 of them fails; --threads refuses more.
constexpr unsigned kMaxThreads = 256;

struct RunOptions {
  std::string ruleset;
  std::string input;
  std::string output;
  std::string format;  // jsonl, csv, table; empty: table on a terminal, else jsonl
  std::string inputFormat;  // jsonl or csv; empty: by the file's extension
  std::string engine = "jit";
  unsigned threads = 0;  // 0: one per core
  bool quiet = false;
  std::string summary;  // a file for the summary as JSON, or empty
  std::vector<std::string> params;
};

struct BuildOptions {
  std::string ruleset;
  std::string output;  // libNAME.so
  std::string header;  // NAME.h, or empty for none
};

struct CheckOptions {
  bool dumpIr = false;
  bool verifyIr = false;  // run ir::verify, which a release build's front end skips
};

int runCheck(const std::vector<std::string>& files, const CheckOptions& options);
int runEval(const EvalOptions& options);
int runRun(const RunOptions& options);
int runBuild(const BuildOptions& options);
// engines: interp, jit, or both (each test on both, and they must agree).
int runTests(const std::vector<std::string>& files, const std::string& engines);

}  // namespace zc
