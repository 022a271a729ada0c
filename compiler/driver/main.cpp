// zc: the Zhengce compiler and runtime.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "driver/Commands.h"
#include "format/FormatCommand.h"
#include "load/Ruleset.h"
#include "lsp/LspCommand.h"
#include "repl/Repl.h"
#include "serve/ServeCommand.h"

namespace {

// The records of zc run and zc diff.
void addInputOptions(CLI::App& command, zc::InputOptions& input) {
  // "-" is standard input, as is no --input at all.
  auto fileOrStdin = CLI::Validator(
      [](std::string& path) { return path == "-" ? std::string() : CLI::ExistingFile(path); }, "FILE or -");
  command
      .add_option("--input,-i", input.input,
                  "records: JSON Lines, CSV or an Excel sheet with a header row; - or none: standard input")
      ->check(fileOrStdin);
  command
      .add_option("--input-format", input.inputFormat,
                  "jsonl, csv or xlsx (default: by the file's extension, else jsonl)")
      ->check(CLI::IsMember({"jsonl", "csv", "xlsx"}));
  command
      .add_option("--encoding", input.encoding,
                  "of CSV or JSON Lines: utf-8 or gbk (default: UTF-8, or GBK when the bytes are not UTF-8)")
      ->check(CLI::IsMember({"utf-8", "utf8", "gbk", "gb18030", "gb2312"}, CLI::ignore_case));
  command.add_option("--sheet", input.sheet, "the sheet of an .xlsx input (default: the first)");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"zc — Zhengce (政策): check and evaluate policy award rulesets"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "zc " ZC_VERSION);

  std::vector<std::string> checkFiles;
  zc::CheckOptions checkOptions;
  auto* check = app.add_subcommand("check", "check rulesets and report every error");
  check->add_option("files", checkFiles, "ruleset files")->required()->check(CLI::ExistingFile);
  check->add_flag("--dump-ir", checkOptions.dumpIr, "print the typed IR of each clause");
  check->add_flag("--verify-ir", checkOptions.verifyIr, "check the IR for what every engine takes for granted");

  zc::EvalOptions eval;
  auto* evalCmd = app.add_subcommand("eval", "evaluate a ruleset for one record");
  evalCmd->add_option("ruleset", eval.ruleset, "the ruleset file")->required()->check(CLI::ExistingFile);
  evalCmd->add_option("--input,-i", eval.input, "a JSON file holding one record")->required()->check(CLI::ExistingFile);
  evalCmd->add_option("--param,-p", eval.params, "override a parameter: NAME=VALUE");
  // --explain alone is text for people; --explain=json the same trace for programs.
  auto* explainFlag = evalCmd
                          ->add_flag("--explain{text}", eval.explain,
                                     "show, per clause, why it fired or not and the numbers (=json: as JSON)")
                          ->check(CLI::IsMember({"text", "json"}));
  evalCmd->add_flag("--json", eval.json, "print the result as one JSON line");
  evalCmd
      ->add_flag("--partial", eval.partial,
                 "the record gives only some fields: each clause decided, not eligible, or what it still needs")
      ->excludes(explainFlag);

  zc::DepsOptions deps;
  auto* depsCmd = app.add_subcommand("deps", "the record fields and parameters each clause's outcome reads");
  depsCmd->add_option("ruleset", deps.ruleset, "the ruleset file")->required()->check(CLI::ExistingFile);
  depsCmd->add_option("--clause,-c", deps.clauses, "only this clause (repeatable)");
  depsCmd->add_flag("--json", deps.json, "print one JSON object");

  zc::RunOptions run;
  auto* runCmd = app.add_subcommand("run", "evaluate a ruleset for every record of a file");
  runCmd->add_option("ruleset", run.ruleset, "the ruleset file")->required()->check(CLI::ExistingFile);
  addInputOptions(*runCmd, run.input);
  runCmd->add_option("--output,-o", run.output, "where to write results (default: standard output)");
  runCmd
      ->add_option("--format,-f", run.format,
                   "jsonl, csv, table or xlsx (default: xlsx for an --output .xlsx, table on a terminal, else jsonl)")
      ->check(CLI::IsMember({"jsonl", "csv", "table", "xlsx"}));
  runCmd->add_option("--param,-p", run.params, "override a parameter: NAME=VALUE");
  runCmd->add_option("--engine", run.engine, zc::autoEngineHelp())->check(CLI::IsMember({"auto", "jit", "interp"}));
  runCmd
      ->add_option("--threads", run.threads,
                   fmt::format("worker threads, 1 to {} (default: one per core)", zc::kMaxThreads))
      ->check(CLI::Range(1u, zc::kMaxThreads));
  runCmd->add_flag("--quiet,-q", run.quiet, "no progress line and no summary on stderr");
  runCmd->add_flag("--provenance", run.provenance,
                   "begin jsonl, csv and table output (and the --summary JSON) with the rules' SHA-256, zc's version "
                   "and the date");
  runCmd->add_option("--summary", run.summary,
                     "also write the run's summary (totals, 资金池 use, counts) as JSON to FILE");
  auto* runExplain =
      runCmd
          ->add_flag("--explain{text}", run.explain,
                     "write, in place of the results, why each record was paid what it was, the 资金池 and "
                     "排名 steps of the whole run included (=json: JSON Lines)")
          ->check(CLI::IsMember({"text", "json"}))
          ->excludes("--format");
  runCmd->add_option("--record", run.records, "with --explain: only the record of this id (repeatable)")
      ->needs(runExplain);

  zc::DiffOptions diff;
  auto* diffCmd = app.add_subcommand(
      "diff",
      "what a change of the rules costs: each record's awards under OLD and NEW (or RULES with --param changed)");
  diffCmd->add_option("rulesets", diff.rulesets, "OLD.zc NEW.zc, or one ruleset and --param")
      ->required()
      ->expected(1, 2)
      ->check(CLI::ExistingFile);
  addInputOptions(*diffCmd, diff.input);
  diffCmd->add_option("--param,-p", diff.params, "a parameter's new value: NAME=VALUE (on the new side)");
  diffCmd->add_option("--output,-o", diff.output, "where to write the report (default: standard output)");
  diffCmd
      ->add_option("--format,-f", diff.format, "table, json or xlsx (default: xlsx for an --output .xlsx, else table)")
      ->check(CLI::IsMember({"table", "json", "xlsx"}));
  diffCmd->add_option("--engine", diff.engine, zc::autoEngineHelp())->check(CLI::IsMember({"auto", "jit", "interp"}));

  zc::ReviewOptions review;
  auto* reviewCmd = app.add_subcommand(
      "review", "the 兑现审核表 of every enterprise a batch pays: one HTML file to print, a sheet a page");
  reviewCmd->add_option("ruleset", review.ruleset, "the ruleset file")->required()->check(CLI::ExistingFile);
  addInputOptions(*reviewCmd, review.input);
  reviewCmd->add_option("--output,-o", review.output, "the HTML file to write: 审核表.html (default: standard output)");
  reviewCmd->add_option("--param,-p", review.params, "override a parameter: NAME=VALUE");

  zc::BuildOptions build;
  auto* buildCmd =
      app.add_subcommand("build", "compile a ruleset to a shared library with a C ABI (docs/embedding.md)");
  buildCmd->add_option("ruleset", build.ruleset, "the ruleset file")->required()->check(CLI::ExistingFile);
  buildCmd->add_option("--output,-o", build.output, "the library to write: libNAME.so")->required();
  buildCmd->add_option("--header", build.header, "also write its C header: NAME.h");

  zc::serve::ServeOptions serve;
  auto* serveCmd = app.add_subcommand("serve", "serve a ruleset over HTTP: a JSON API and a web page (docs/serve.md)");
  serveCmd->add_option("ruleset", serve.ruleset, "the ruleset file")->required()->check(CLI::ExistingFile);
  serveCmd->add_option("--host", serve.host, "the address to listen on (default: 127.0.0.1, this machine only)");
  serveCmd->add_option("--port", serve.port, "the port (default: 8080; 0: any free port, printed at start)")
      ->check(CLI::Range(0, 65535));
  serveCmd->add_option("--param,-p", serve.params, "override a parameter: NAME=VALUE");
  serveCmd->add_option("--engine", serve.engine, zc::autoEngineHelp() + ", for /evaluate")
      ->check(CLI::IsMember({"auto", "jit", "interp"}));
  serveCmd->add_option("--threads", serve.threads, "requests evaluated at once (default: 16)")
      ->check(CLI::Range(1u, zc::kMaxThreads));
  serveCmd->add_option("--max-body", serve.maxBodyBytes, "the largest request body, in bytes (default: 16 MiB)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  serveCmd->add_option("--max-batch", serve.maxBatchRecords, "the most records in one POST /evaluate (default: 10000)")
      ->check(CLI::Range(size_t{1}, size_t{10'000'000}));
  serveCmd->add_option("--time-limit", serve.timeLimitSeconds, "seconds a request may take (default: 10)")
      ->check(CLI::Range(1u, 3600u));
  serveCmd
      ->add_option("--max-explain-body", serve.maxExplainBodyBytes,
                   "the largest record POST /explain takes, in bytes (default: 256 KiB)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  serveCmd
      ->add_option("--max-client-connections", serve.maxConnectionsPerClient,
                   "connections one client address may hold (default: 64)")
      ->check(CLI::Range(size_t{1}, size_t{100'000}));
  serveCmd
      ->add_option("--head-timeout", serve.headTimeoutSeconds,
                   "seconds a request's head may take to arrive, from its first byte (default: 10)")
      ->check(CLI::Range(1u, 3600u));
  serveCmd
      ->add_option("--idle-timeout", serve.idleTimeoutSeconds,
                   "seconds a connection may wait with no request begun (default: 5)")
      ->check(CLI::Range(1u, 3600u));
  serveCmd->add_option("--max-connections", serve.maxConnections, "connections held at once (default: 512)")
      ->check(CLI::Range(size_t{1}, size_t{100'000}));

  std::vector<std::string> testFiles;
  auto* test = app.add_subcommand("test", "run the 测试 blocks of rulesets");
  test->add_option("files", testFiles, "ruleset files")->required()->check(CLI::ExistingFile);
  std::string testEngines = "both";
  bool testVerbose = false;
  test->add_flag("--verbose,-v", testVerbose, "a line for every test, PASS or FAIL, with its name");
  test->add_option("--engine", testEngines,
                   "interp, jit, or both (the default: every test on each, and they must agree)")
      ->check(CLI::IsMember({"interp", "jit", "both"}));

  zc::format::FormatOptions format;
  auto* fmtCmd = app.add_subcommand("fmt", "print rulesets in the one canonical layout (docs/editor.md)");
  fmtCmd->add_option("files", format.files, "ruleset files")->required()->check(CLI::ExistingFile);
  auto* fmtCheck =
      fmtCmd->add_flag("--check", format.check, "print a diff for each file not formatted and exit 1 if any");
  fmtCmd->add_flag("--write,-w", format.write, "replace each file not formatted by its formatted text")
      ->excludes(fmtCheck);

  auto* lspCmd =
      app.add_subcommand("lsp", "a language server on standard input and output, for editors (docs/editor.md)");
  bool lspStdio = true;
  lspCmd->add_flag("--stdio", lspStdio, "talk over standard input and output (the only way; editors pass it)");
  std::string newName;
  auto* newCmd =
      app.add_subcommand("new", "make a folder NAME with a first ruleset to change: a record, a clause, its tests");
  newCmd->add_option("name", newName, "the folder to make")->required();

  std::string replFile;
  auto* repl =
      app.add_subcommand("repl", "try expressions and declarations interactively (a script on standard input)");
  repl->add_option("file", replFile, "a ruleset to :load first")->check(CLI::ExistingFile);
  bool replVerifyIr = false;
  repl->add_flag("--verify-ir", replVerifyIr, "check the IR of every input for what every engine takes for granted");

  // docs/results.md: a command line that cannot be used exits 1, not with
  // CLI11's own codes (104, 105, …); --help and --version exit 0.
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  // What a command prints reaches its reader, or the command fails: a write
  // that fails (a full disk, a closed pipe) is exit 1 with a message, never
  // an abort and never exit 0 with the output lost.
  int code = 1;
  try {
    if (check->parsed())
      code = zc::runCheck(checkFiles, checkOptions);
    else if (evalCmd->parsed())
      code = zc::runEval(eval);
    else if (depsCmd->parsed())
      code = zc::runDeps(deps);
    else if (runCmd->parsed())
      code = zc::runRun(run);
    else if (buildCmd->parsed())
      code = zc::runBuild(build);
    else if (diffCmd->parsed())
      code = zc::runDiff(diff);
    else if (reviewCmd->parsed())
      code = zc::runReview(review);
    else if (serveCmd->parsed())
      code = zc::serve::runServe(serve);
    else if (test->parsed())
      code = zc::runTests(testFiles, testEngines, testVerbose);
    else if (repl->parsed())
      code = zc::runRepl(replFile, replVerifyIr);
    else if (fmtCmd->parsed())
      code = zc::format::runFormat(format);
    else if (lspCmd->parsed())
      code = zc::lsp::runLsp();
    else if (newCmd->parsed())
      code = zc::runNew(newName);
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "zc: %s\n", e.what());
    return 1;
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "zc: cannot write standard output: %s\n", std::strerror(errno));
    return 1;
  }
  return code;
}
