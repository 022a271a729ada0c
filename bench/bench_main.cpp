// zc_bench: rows per second of the hand-written C++ ruleset, the JIT and the
// interpreter over the same batches, the JIT's compile time, end-to-end zc
// run on 1,000,000 records (and, if installed, DuckDB running the same rules
// on the same file). Ratios within one run are what count.
#include <fmt/format.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <thread>

#include "CompiledLibrary.h"
#include "ParseFloor.h"
#include "RecordGenerator.h"
#include "frontend/Frontend.h"
#include "interp/Interpreter.h"
#include "jit/Jit.h"
#include "native_seed_ruleset.h"
#include "zc/columnar.h"

namespace {

using namespace zc;
using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point from) { return std::chrono::duration<double>(Clock::now() - from).count(); }

// Best of several passes over all batches, in rows per second.
double measure(size_t rows, const std::function<void()>& pass) {
  double best = 1e30;
  double total = 0;
  for (int i = 0; i < 5 && (i < 2 || total < 2.0); ++i) {
    auto start = Clock::now();
    pass();
    double t = seconds(start);
    best = std::min(best, t);
    total += t;
  }
  return rows / best;
}

struct Results {
  std::vector<uint8_t> fired;
  std::vector<zc_dec> amounts;
  std::vector<int32_t> status, site;
  void resize(size_t rows, size_t clauses) {
    fired.assign(rows * clauses, 0);
    amounts.assign(rows * clauses, zc_dec{});
    status.assign(rows * clauses, 0);
    site.assign(rows * clauses, 0);
  }
  zc_batch_result view() { return {fired.data(), amounts.data(), status.data(), site.data()}; }
};

// A child process as it ran: its wall and CPU time, its peak resident memory
// and what it printed. The peak is the child's own VmHWM, sampled while it
// runs: wait4's ru_maxrss would count the bench's own pages, which a forked
// child holds until it execs.
struct Process {
  int status = -1;
  double seconds = 0, cpuSeconds = 0, peakRssMb = 0;
  std::string output;
};

double peakRssMb(pid_t pid) {
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("VmHWM:")) return std::strtod(line.c_str() + 6, nullptr) / 1024;
  return 0;
}

Process runProcess(const std::vector<std::string>& command) {
  Process result;
  int pipeFds[2];
  if (pipe(pipeFds) != 0) return result;
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipeFds[1], STDOUT_FILENO);
    close(pipeFds[0]);
    close(pipeFds[1]);
    std::vector<char*> argv;
    for (const std::string& a : command) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(pipeFds[1]);
  if (pid < 0) return result;
  for (;;) {
    pollfd output{.fd = pipeFds[0], .events = POLLIN, .revents = 0};
    if (poll(&output, 1, 5) > 0) {
      char buffer[4096];
      ssize_t n = read(pipeFds[0], buffer, sizeof buffer);
      if (n <= 0) break;
      result.output.append(buffer, n);
    }
    result.peakRssMb = std::max(result.peakRssMb, peakRssMb(pid));
  }
  close(pipeFds[0]);
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) < 0) return result;
  result.seconds = seconds(start);
  auto cpu = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  result.cpuSeconds = cpu(usage.ru_utime) + cpu(usage.ru_stime);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// zc run over `input` with the ruleset's folder copied and a 资金池 of
// 1000 万元 over the clauses of policy CJ-Q added (before the brace that
// closes it, cj-q.zc's first line that is only "}").
std::optional<Process> pooledRun(const std::string& zcPath, const std::string& rulesetPath, const std::string& input,
                                 const std::string& output) {
  namespace fs = std::filesystem;
  fs::path from = fs::path(rulesetPath).parent_path(), to = "/tmp/zc_bench_pooled";
  std::error_code ec;
  fs::remove_all(to, ec);
  fs::copy(from, to, fs::copy_options::recursive, ec);
  if (ec) return std::nullopt;
  std::ifstream in(to / "cj-q.zc");
  std::string text, line;
  bool added = false;
  while (std::getline(in, line)) {
    if (!added && line == "}") {
      text += "  资金池 1000 万元 按比例;\n";
      added = true;
    }
    text += line + "\n";
  }
  in.close();
  if (!added) return std::nullopt;
  std::ofstream(to / "cj-q.zc") << text;
  Process run = runProcess({zcPath, "run", (to / fs::path(rulesetPath).filename()).string(), "--input", input,
                            "--output", output, "--quiet"});
  fs::remove_all(to, ec);
  return run;
}

// zc run, as for e2e_s, over the bench's records written as a table by
// bench/SCRIPT (`arguments` after its input and output); nothing if the
// script fails (a sheet needs Debian's python3-openpyxl).
std::optional<Process> tableRun(const std::string& zcPath, const std::string& rulesetPath, const std::string& input,
                                const std::string& table, const std::string& script,
                                const std::vector<std::string>& arguments, const std::string& output) {
  std::vector<std::string> convert = {"/usr/bin/python3", std::string(ZC_BENCH_DIR) + "/" + script, input, table};
  convert.insert(convert.end(), arguments.begin(), arguments.end());
  std::optional<Process> run;
  if (runProcess(convert).status == 0)
    run = runProcess({zcPath, "run", rulesetPath, "--input", table, "--output", output, "--quiet"});
  std::remove(table.c_str());
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  size_t rows = 200000;
  std::string rulesetPath = "examples/seed-policies/all.zc", zcPath = "build/compiler/zc", duckdbDir;
  // --no-e2e leaves out zc run and DuckDB on 1,000,000 records (most of the
  // bench's time), for a quick look at the engines and the compile.
  bool endToEnd = true;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--no-e2e") {
      endToEnd = false;
      continue;
    }
    if (i + 1 == argc) break;
    if (flag == "--rows") rows = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--ruleset") rulesetPath = argv[i + 1];
    if (flag == "--zc") zcPath = argv[i + 1];
    if (flag == "--duckdb") duckdbDir = argv[i + 1];
    ++i;
  }

  frontend::Compilation compilation = frontend::compile({.paths = {rulesetPath}});
  if (!compilation.ok()) {
    fmt::print(stderr, "{}", renderDiagnostics(compilation.sources, compilation.diagnostics, {}));
    return 1;
  }
  const ir::Program& program = compilation.ruleset.program;
  std::string problem;
  if (!bench::prepareNativeSeed(program, problem)) {
    fmt::print(stderr, "bench: the hand-written ruleset does not fit this program: {}\n", problem);
    return 1;
  }

  // The same records for every engine, packed once into batches.
  // Sparse, like real registries and the sample: most fields absent.
  testing::RecordGenerator generator(program, 42, 0.0, 0.35);
  std::vector<rt::Record> records;
  records.reserve(rows);
  for (size_t i = 0; i < rows; ++i) records.push_back(generator.next());
  const size_t batchRows = 4096;
  std::vector<std::unique_ptr<rt::ColumnarBatch>> batches;
  for (size_t at = 0; at < rows; at += batchRows) {
    batches.push_back(std::make_unique<rt::ColumnarBatch>(program.schema));
    batches.back()->assign(&records[at], std::min(batchRows, rows - at));
  }
  std::vector<const void*> params;
  for (const auto& p : program.params)
    params.push_back(p.schema.kind == rt::Kind::Dec ? static_cast<const void*>(&p.value.d) : &p.value.i);
  size_t clauses = program.clauses.size();

  auto fail = [](llvm::Error error) { return fmt::print(stderr, "bench: {}\n", llvm::toString(std::move(error))), 1; };
  // A first run of a ruleset, without the object cache: it starts once the
  // quick code is there (compile_ms), while the optimised code is compiled
  // on the other core (optimized_ms, from the same start). The first compile
  // in a process also pays for LLVM's first use (pages of its code, its
  // tables); the medians of five more are the compiles alone, on a machine
  // whose other core may be busy.
  auto compileStart = Clock::now();
  auto jit = Jit::create(std::nullopt);
  if (!jit) return fail(jit.takeError());
  auto compiledProgram = (*jit)->compile(program, Tiering::Tiered);
  if (!compiledProgram) return fail(compiledProgram.takeError());
  double compileMs = seconds(compileStart) * 1000;
  if (auto error = (*jit)->waitForOptimized()) return fail(std::move(error));
  double optimizedMs = seconds(compileStart) * 1000;
  zc_batch_function function = compiledProgram->function();
  auto medianCompile = [&](Tiering tiering) -> llvm::Expected<double> {
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
      auto start = Clock::now();
      auto again = Jit::create(std::nullopt);
      if (!again) return again.takeError();
      auto compiled = (*again)->compile(program, tiering);
      if (!compiled) return compiled.takeError();
      times.push_back(seconds(start) * 1000);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
  };
  auto compileMedianMs = medianCompile(Tiering::Quick);
  if (!compileMedianMs) return fail(compileMedianMs.takeError());
  auto optimizedMedianMs = medianCompile(Tiering::Optimized);
  if (!optimizedMedianMs) return fail(optimizedMedianMs.takeError());
  // The quick code alone, to measure what a run does before the optimised
  // code takes over.
  auto quickJit = Jit::create(std::nullopt);
  if (!quickJit) return fail(quickJit.takeError());
  auto quickProgram = (*quickJit)->compile(program, Tiering::Quick);
  if (!quickProgram) return fail(quickProgram.takeError());
  zc_batch_function quickFunction = quickProgram->function();

  // A second run of an unchanged ruleset: its object code from the cache.
  double cachedMs = 0;
  {
    char folder[] = "/tmp/zc-bench-cache-XXXXXX";
    if (mkdtemp(folder) == nullptr) return fmt::print(stderr, "bench: cannot make a cache folder\n"), 1;
    for (int run = 0; run < 2; ++run) {
      auto start = Clock::now();
      auto cachedJit = Jit::create(ObjectCache(folder));
      if (!cachedJit) return fail(cachedJit.takeError());
      auto cached = (*cachedJit)->compile(program, Tiering::Tiered);
      if (!cached) return fail(cached.takeError());
      cachedMs = seconds(start) * 1000;
      if (run == 1 && !cached->fromCache) return fmt::print(stderr, "bench: the second compile missed the cache\n"), 1;
    }
    std::filesystem::remove_all(folder);
  }

  Results native, compiled;
  native.resize(batchRows, clauses);
  compiled.resize(batchRows, clauses);
  size_t mismatches = 0;
  for (auto& batch : batches)
    for (zc_batch_function code : {function, quickFunction}) {
      zc_batch_result a = native.view(), b = compiled.view();
      bench::evaluateNativeSeed(batch->view(), params.data(), &a);
      code(batch->view(), params.data(), &b);
      for (int64_t r = 0; r < batch->rows(); ++r)
        for (size_t c = 0; c < clauses; ++c) {
          size_t k = r * clauses + c;
          if (native.fired[k] != compiled.fired[k] || (native.fired[k] && native.amounts[k] != compiled.amounts[k]))
            ++mismatches;
        }
    }
  if (mismatches > 0) {
    fmt::print(stderr, "bench: the hand-written ruleset and the JIT disagree on {} clause results\n", mismatches);
    return 1;
  }

  double nativeRate = measure(rows, [&] {
    for (auto& batch : batches) {
      zc_batch_result r = native.view();
      bench::evaluateNativeSeed(batch->view(), params.data(), &r);
    }
  });
  auto jitRateOf = [&](zc_batch_function code) {
    return measure(rows, [&] {
      for (auto& batch : batches) {
        zc_batch_result r = compiled.view();
        code(batch->view(), params.data(), &r);
      }
    });
  };
  double jitRate = jitRateOf(function);
  double quickRate = jitRateOf(quickFunction);
  // The library zc build makes: the same batches through its C ABI, and
  // JSON Lines in, result lines out (one thread, decoding included).
  auto buildStart = Clock::now();
  testing::CompiledLibrary library(program);
  double buildMs = seconds(buildStart) * 1000;
  double libraryRate = measure(rows, [&] {
    for (auto& batch : batches) {
      zc_batch_result r = compiled.view();
      library.evaluateBatch(batch->view(), &r);
    }
  });
  std::string jsonLines;
  for (const rt::Record& record : records) jsonLines += generator.toJson(record) + "\n";
  auto jsonStart = Clock::now();
  std::string results = library.evaluateJsonLines(jsonLines);
  double libraryJsonRate = static_cast<double>(rows) / seconds(jsonStart);
  if (static_cast<size_t>(std::count(results.begin(), results.end(), '\n')) != rows) {
    fmt::print(stderr, "bench: the library wrote {} bytes for {} records\n", results.size(), rows);
    return 1;
  }

  Interpreter interpreter(program);
  std::vector<uint8_t> fired(clauses);
  std::vector<zc_dec> amounts(clauses);
  std::vector<int32_t> statuses(clauses), sites(clauses);
  double interpRate = measure(rows, [&] {
    for (const rt::Record& record : records)
      interpreter.evaluateClauses(record, fired.data(), amounts.data(), statuses.data(), sites.data());
  });

  fmt::print("native (hand-written C++): {:>12.0f} rows/s\n", nativeRate);
  fmt::print("jit:                       {:>12.0f} rows/s  ({:.2f} × native, goal ≥ 0.9)\n", jitRate,
             jitRate / nativeRate);
  fmt::print(
      "jit, quick code:           {:>12.0f} rows/s  ({:.2f} × native: a first run's code until the optimised code is "
      "ready)\n",
      quickRate, quickRate / nativeRate);
  fmt::print("interpreter:               {:>12.0f} rows/s  (jit is {:.1f} × interp, goal ≥ 30)\n", interpRate,
             jitRate / interpRate);
  fmt::print("library (zc build), batch: {:>12.0f} rows/s  ({:.2f} × native)\n", libraryRate, libraryRate / nativeRate);
  fmt::print("library, JSON Lines:       {:>12.0f} rows/s  (one thread, reading and writing JSON)\n", libraryJsonRate);
  fmt::print("library build:             {:>12.1f} ms      (IR to a loaded .so)\n", buildMs);
  fmt::print("jit compile:               {:>12.1f} ms      (to the quick code, the first in this process; goal ≤ 50)\n",
             compileMs);
  fmt::print("jit compile, again:        {:>12.1f} ms      (median of five more)\n", *compileMedianMs);
  fmt::print("jit optimised code:        {:>12.1f} ms      (ready, from the start of that first compile)\n",
             optimizedMs);
  fmt::print("jit optimised, again:      {:>12.1f} ms      (median of five more, alone)\n", *optimizedMedianMs);
  fmt::print("jit start, cached object:  {:>12.1f} ms      (a second run of an unchanged ruleset)\n", cachedMs);
  std::string summary = fmt::format(
      "bench: rows={} native={:.0f} jit={:.0f} interp={:.0f} library={:.0f} library_jsonl={:.0f} rows/s "
      "compile_ms={:.1f} "
      "cached_start_ms={:.1f} library_build_ms={:.1f}",
      rows, nativeRate, jitRate, interpRate, libraryRate, libraryJsonRate, compileMs, cachedMs, buildMs);
  std::string added =
      fmt::format("compile_median_ms={:.1f} optimized_ms={:.1f} optimized_median_ms={:.1f} jit_quick={:.0f}",
                  *compileMedianMs, optimizedMs, *optimizedMedianMs, quickRate);
  if (!endToEnd) {
    fmt::print("{} {}\n", summary, added);
    return 0;
  }

  // End to end: 1,000,000 records through zc run, all cores, to a file as a
  // user would (written whole, synced and renamed). Then, when bench/run
  // finds DuckDB installed, the same ruleset as one SQL statement on the same
  // file, its results checked against zc's.
  const size_t e2eRows = 1000000;
  std::string input = "/tmp/zc_bench_input.jsonl", output = "/tmp/zc_bench_output.jsonl";
  {
    std::ofstream out(input);
    testing::RecordGenerator e2eGenerator(program, 7, 0.0, 0.35);
    for (size_t i = 0; i < e2eRows; ++i) out << e2eGenerator.toJson(e2eGenerator.next()) << '\n';
  }
  double inputMb = static_cast<double>(std::filesystem::file_size(input)) / 1e6;
  Process e2e = runProcess({zcPath, "run", rulesetPath, "--input", input, "--output", output, "--quiet"});
  // The same ruleset with a 资金池 over CJ-Q's clauses (a copy of its folder
  // with the pool added to the policy), over the same records: what the
  // two-phase run costs (goal: at most 20 % more time).
  std::optional<Process> pooled = pooledRun(zcPath, rulesetPath, input, output);
  // The floor: simdjson alone over the same file on as many threads.
  std::optional<bench::ParseFloor> floor =
      bench::measureParseFloor(input, std::max(1u, std::thread::hardware_concurrency()));
  if (floor && floor->records != e2eRows) floor.reset();
  // The library's JSON Lines entry point (what Python and Dask call) over the
  // same file on one thread, beside zc run on one thread: per record, the
  // one is to be within 2× of the other.
  Process single =
      runProcess({zcPath, "run", rulesetPath, "--input", input, "--output", output, "--quiet", "--threads", "1"});
  double libraryFileRate = 0;
  {
    std::ifstream in(input, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto start = Clock::now();
    std::string fileResults = library.evaluateJsonLines(text);
    libraryFileRate = static_cast<double>(e2eRows) / seconds(start);
    if (static_cast<size_t>(std::count(fileResults.begin(), fileResults.end(), '\n')) != e2eRows)
      return fmt::print(stderr, "bench: the library wrote {} bytes for {} records\n", fileResults.size(), e2eRows), 1;
  }
  double singleRate = static_cast<double>(e2eRows) / single.seconds;
  // The same records as CSV, and the first 200,000 as a sheet (a workbook of
  // all of them takes openpyxl minutes to write): records per CPU-second
  // against the JSON Lines run's (goals ≥ 0.8 and ≥ 0.5).
  const size_t sheetRows = 200000;
  std::optional<Process> csv =
      tableRun(zcPath, rulesetPath, input, "/tmp/zc_bench_input.csv", "jsonl_to_csv.py", {}, output);
  std::optional<Process> sheet = tableRun(zcPath, rulesetPath, input, "/tmp/zc_bench_input.xlsx", "jsonl_to_xlsx.py",
                                          {std::to_string(sheetRows)}, output);
  std::optional<Process> duckdb;
  if (!duckdbDir.empty())
    duckdb = runProcess({"node", duckdbDir + "/run.js", input, "/tmp/zc_bench_duckdb.jsonl", output});
  if (!std::getenv("ZC_BENCH_KEEP_INPUT")) std::remove(input.c_str());
  std::remove(output.c_str());
  std::remove("/tmp/zc_bench_duckdb.jsonl");
  if (e2e.status != 0) fmt::print(stderr, "bench: zc run exited with status {}\n", e2e.status);
  if (duckdb && duckdb->status != 0)
    fmt::print(stderr, "bench: the DuckDB run failed or disagreed:\n{}", duckdb->output);

  fmt::print(
      "zc run, 1,000,000 records: {:>12.2f} s       ({:.0f} MB/s, {:.2f} CPU-s, peak RSS {:.0f} MB; goal ≤ 300 MB)\n",
      e2e.seconds, inputMb / e2e.seconds, e2e.cpuSeconds, e2e.peakRssMb);
  std::string poolFields;
  if (pooled && pooled->status == 0) {
    double overhead = (pooled->seconds / e2e.seconds - 1) * 100;
    fmt::print(
        "zc run, with a 资金池:     {:>12.2f} s       ({:+.1f} % time, {:.2f} CPU-s, peak RSS {:.0f} MB; goal ≤ +20 "
        "%)\n",
        pooled->seconds, overhead, pooled->cpuSeconds, pooled->peakRssMb);
    poolFields = fmt::format(" pool_e2e_s={:.2f} pool_overhead_pct={:.1f} pool_rss_mb={:.0f}", pooled->seconds,
                             overhead, pooled->peakRssMb);
  } else {
    fmt::print(stderr, "bench: zc run with a 资金池 failed{}\n",
               pooled ? fmt::format(" with status {}", pooled->status) : "");
  }
  std::string floorFields;
  if (floor) {
    fmt::print(
        "simdjson alone (floor):    {:>12.2f} s       (zc run is {:.2f} × the floor, goal ≤ 1.5; {:.2f} CPU-s: {:.2f} "
        "×)\n",
        floor->seconds, e2e.seconds / floor->seconds, floor->cpuSeconds, e2e.cpuSeconds / floor->cpuSeconds);
    floorFields =
        fmt::format(" floor_s={:.2f} e2e_vs_floor={:.2f} floor_cpu_s={:.2f} e2e_cpu_vs_floor={:.2f}", floor->seconds,
                    e2e.seconds / floor->seconds, floor->cpuSeconds, e2e.cpuSeconds / floor->cpuSeconds);
  } else {
    fmt::print(stderr, "bench: simdjson could not read {} as {} records\n", input, e2eRows);
  }
  std::string tableFields;
  if (csv && csv->status == 0) {
    double ratio = e2e.cpuSeconds / csv->cpuSeconds;
    fmt::print(
        "zc run, the same as CSV:   {:>12.2f} s       ({:.2f} CPU-s: {:.2f} × JSON Lines' records/CPU-s, goal ≥ "
        "0.8)\n",
        csv->seconds, csv->cpuSeconds, ratio);
    tableFields += fmt::format(" csv_cpu_s={:.2f} csv_vs_jsonl={:.2f}", csv->cpuSeconds, ratio);
  } else {
    fmt::print(stderr, "bench: zc run over the records as CSV failed\n");
  }
  if (sheet && sheet->status == 0) {
    double ratio =
        (static_cast<double>(sheetRows) / sheet->cpuSeconds) / (static_cast<double>(e2eRows) / e2e.cpuSeconds);
    fmt::print(
        "zc run, 200,000 as xlsx:   {:>12.2f} s       ({:.2f} CPU-s: {:.2f} × JSON Lines' records/CPU-s, goal ≥ "
        "0.5; peak RSS {:.0f} MB)\n",
        sheet->seconds, sheet->cpuSeconds, ratio, sheet->peakRssMb);
    tableFields += fmt::format(" xlsx_cpu_s={:.2f} xlsx_vs_jsonl={:.2f} xlsx_rss_mb={:.0f}", sheet->cpuSeconds, ratio,
                               sheet->peakRssMb);
  } else {
    fmt::print(stderr, "bench: zc run over the records as a sheet failed (is python3-openpyxl installed?)\n");
  }
  fmt::print("zc run --threads 1:        {:>12.0f} rows/s  ({:.2f} s)\n", singleRate, single.seconds);
  fmt::print("library, JSON Lines file:  {:>12.0f} rows/s  (one thread: {:.2f} × zc run --threads 1, goal ≥ 0.5)\n",
             libraryFileRate, libraryFileRate / singleRate);
  std::string duckdbFields = fmt::format(" run_t1={:.0f} library_jsonl_file={:.0f} library_vs_run_t1={:.2f}",
                                         singleRate, libraryFileRate, libraryFileRate / singleRate);
  if (duckdb && duckdb->status == 0) {
    double statement = std::strtod(duckdb->output.c_str() + duckdb->output.find("duckdb_s=") + 9, nullptr);
    fmt::print(
        "DuckDB, the same SQL:      {:>12.2f} s       (the statement; zc run is {:.1f} × faster, goal ≥ 4; results "
        "agree)\n",
        statement, statement / e2e.seconds);
    duckdbFields += fmt::format(" duckdb_s={:.2f} zc_vs_duckdb={:.2f}", statement, statement / e2e.seconds);
  }
  fmt::print("{} e2e_s={:.2f} e2e_mb_s={:.0f} e2e_cpu_s={:.2f} e2e_rss_mb={:.0f}{}{}{}{} {}\n", summary, e2e.seconds,
             inputMb / e2e.seconds, e2e.cpuSeconds, e2e.peakRssMb, floorFields, tableFields, poolFields, duckdbFields,
             added);
  bool failed = !floor || e2e.status != 0 || single.status != 0 || !pooled || pooled->status != 0 || !csv ||
                csv->status != 0 || !sheet || sheet->status != 0 || (duckdb && duckdb->status != 0);
  return failed ? 1 : 0;
}
