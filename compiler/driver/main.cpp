// zc: the Zhengce compiler and runtime.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "driver/Commands.h"
#include "format/FormatCommand.h"
#include "lsp/LspCommand.h"
#include "repl/Repl.h"
#include "serve/ServeCommand.h"

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
  evalCmd->add_flag("--explain{text}", eval.explain, "show, per clause, why it fired or not and the numbers (=json: as JSON)")
      ->check(CLI::IsMember({"text", "json"}));
  evalCmd->add_flag("--json", eval.json, "print the result as one JSON line");

  zc::RunOptions run;
  auto* runCmd = app.add_subcommand("run", "evaluate a ruleset for every record of a file");
  runCmd->add_option("ruleset", run.ruleset, "the ruleset file")->required()->check(CLI::ExistingFile);
  runCmd->add_option("--input,-i", run.input, "records: JSON Lines, or CSV with a header row")->required()->check(CLI::ExistingFile);
  runCmd->add_option("--input-format", run.inputFormat, "jsonl or csv (default: csv for a .csv file, else jsonl)")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  runCmd->add_option("--output,-o", run.output, "where to write results (default: standard output)");
  runCmd->add_option("--format,-f", run.format, "jsonl, csv or table (default: table on a terminal, else jsonl)")
      ->check(CLI::IsMember({"jsonl", "csv", "table"}));
  runCmd->add_option("--param,-p", run.params, "override a parameter: NAME=VALUE");
  runCmd->add_option("--engine", run.engine, "jit (compiled with LLVM, the default) or interp")
      ->check(CLI::IsMember({"jit", "interp"}));
  runCmd->add_option("--threads", run.threads,
                     fmt::format("worker threads, 1 to {} (default: one per core)", zc::kMaxThreads))
      ->check(CLI::Range(1u, zc::kMaxThreads));
  runCmd->add_flag("--quiet,-q", run.quiet, "no progress line and no summary on stderr");
  runCmd->add_option("--summary", run.summary, "also write the run's summary (totals, 资金池 use, counts) as JSON to FILE");

  zc::BuildOptions build;
  auto* buildCmd = app.add_subcommand("build", "compile a ruleset to a shared library with a C ABI (docs/embedding.md)");
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
  serveCmd->add_option("--engine", serve.engine, "jit (the default) or interp, for /evaluate")
      ->check(CLI::IsMember({"jit", "interp"}));
  serveCmd->add_option("--threads", serve.threads, "requests evaluated at once (default: 16)")
      ->check(CLI::Range(1u, zc::kMaxThreads));
  serveCmd->add_option("--max-body", serve.maxBodyBytes, "the largest request body, in bytes (default: 16 MiB)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  serveCmd->add_option("--max-batch", serve.maxBatchRecords, "the most records in one POST /evaluate (default: 10000)")
      ->check(CLI::Range(size_t{1}, size_t{10'000'000}));
  serveCmd->add_option("--time-limit", serve.timeLimitSeconds, "seconds a request may take (default: 10)")
      ->check(CLI::Range(1u, 3600u));
  serveCmd->add_option("--max-explain-body", serve.maxExplainBodyBytes,
                       "the largest record POST /explain takes, in bytes (default: 256 KiB)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  serveCmd->add_option("--max-client-connections", serve.maxConnectionsPerClient,
                       "connections one client address may hold (default: 64)")
      ->check(CLI::Range(size_t{1}, size_t{100'000}));
  serveCmd->add_option("--head-timeout", serve.headTimeoutSeconds,
                       "seconds a request's head may take to arrive, from its first byte (default: 10)")
      ->check(CLI::Range(1u, 3600u));
  serveCmd->add_option("--idle-timeout", serve.idleTimeoutSeconds,
                       "seconds a connection may wait with no request begun (default: 5)")
      ->check(CLI::Range(1u, 3600u));
  serveCmd->add_option("--max-connections", serve.maxConnections, "connections held at once (default: 512)")
      ->check(CLI::Range(size_t{1}, size_t{100'000}));

  std::vector<std::string> testFiles;
  auto* test = app.add_subcommand("test", "run the 测试 blocks of rulesets");
  test->add_option("files", testFiles, "ruleset files")->required()->check(CLI::ExistingFile);
  std::string testEngines = "both";
  test->add_option("--engine", testEngines, "interp, jit, or both (the default: every test on each, and they must agree)")
      ->check(CLI::IsMember({"interp", "jit", "both"}));

  zc::format::FormatOptions format;
  auto* fmtCmd = app.add_subcommand("fmt", "print rulesets in the one canonical layout (docs/editor.md)");
  fmtCmd->add_option("files", format.files, "ruleset files")->required()->check(CLI::ExistingFile);
  auto* fmtCheck = fmtCmd->add_flag("--check", format.check, "print a diff for each file not formatted and exit 1 if any");
  fmtCmd->add_flag("--write,-w", format.write, "replace each file not formatted by its formatted text")->excludes(fmtCheck);

  auto* lspCmd = app.add_subcommand("lsp", "a language server on standard input and output, for editors (docs/editor.md)");
  bool lspStdio = true;
  lspCmd->add_flag("--stdio", lspStdio, "talk over standard input and output (the only way; editors pass it)");

  std::string replFile;
  auto* repl = app.add_subcommand("repl", "try expressions and declarations interactively (a script on standard input)");
  repl->add_option("file", replFile, "a ruleset to :load first")->check(CLI::ExistingFile);

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
    if (check->parsed()) code = zc::runCheck(checkFiles, checkOptions);
    else if (evalCmd->parsed()) code = zc::runEval(eval);
    else if (runCmd->parsed()) code = zc::runRun(run);
    else if (buildCmd->parsed()) code = zc::runBuild(build);
    else if (serveCmd->parsed()) code = zc::serve::runServe(serve);
    else if (test->parsed()) code = zc::runTests(testFiles, testEngines);
    else if (repl->parsed()) code = zc::runRepl(replFile);
    else if (fmtCmd->parsed()) code = zc::format::runFormat(format);
    else if (lspCmd->parsed()) code = zc::lsp::runLsp();
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
