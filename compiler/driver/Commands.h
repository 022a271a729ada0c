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
  bool partial = false;  // the record gives only some fields: say what each clause still needs
};

// zc deps: what each clause's outcome reads.
struct DepsOptions {
  std::string ruleset;
  std::vector<std::string> clauses;  // only these; empty: every clause
  bool json = false;
};

// More worker threads than this gains nothing on any machine zc runs on, and
// asking the system for 100,000 of them fails; --threads refuses more.
constexpr unsigned kMaxThreads = 256;

// Where the records of zc run and zc diff come from.
struct InputOptions {
  std::string input;        // "-" or empty: standard input
  std::string inputFormat;  // jsonl, csv or xlsx; empty: by the file's extension
  std::string encoding;     // of CSV or JSON Lines: utf-8 or gbk; empty: detected
  std::string sheet;        // of a workbook; empty: the first
};

struct RunOptions {
  std::string ruleset;
  InputOptions input;
  std::string output;
  std::string format;           // jsonl, csv, table, xlsx; empty: table on a terminal, else jsonl
  std::string engine = "auto";  // auto, jit or interp (load/Ruleset.h)
  unsigned threads = 0;         // 0: one per core
  bool quiet = false;
  std::string summary;      // a file for the summary as JSON, or empty
  bool provenance = false;  // a first line (and a summary member) naming the rules and zc
  std::vector<std::string> params;
  std::string explain;               // empty, text or json: explanations in place of the results
  std::vector<std::string> records;  // with explain: the ids of the records to explain; empty: all
};

// zc diff OLD NEW, or zc diff RULES --param …: the new side is NEW, or RULES
// with the parameters changed.
struct DiffOptions {
  std::vector<std::string> rulesets;  // one or two
  InputOptions input;
  std::string output;
  std::string format;               // table, json or xlsx; empty: xlsx for an --output .xlsx, else table
  std::string engine = "auto";      // auto, jit or interp (load/Ruleset.h)
  std::vector<std::string> params;  // on the new side
};

// zc review: the 兑现审核表 of every paid enterprise, one HTML file.
struct ReviewOptions {
  std::string ruleset;
  InputOptions input;
  std::string output;  // the HTML file; empty: standard output
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
int runDeps(const DepsOptions& options);
int runRun(const RunOptions& options);
int runBuild(const BuildOptions& options);
int runDiff(const DiffOptions& options);
int runReview(const ReviewOptions& options);
// Makes the folder NAME with a first ruleset (examples/first/) to change.
int runNew(const std::string& name);
// engines: interp, jit, or both (each test on both, and they must agree);
// verbose: a line for every test, passed or not.
int runTests(const std::vector<std::string>& files, const std::string& engines, bool verbose);

}  // namespace zc
