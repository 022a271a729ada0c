#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <set>

#include "driver/Commands.h"
#include "driver/Ruleset.h"
#include "interp/Interpreter.h"
#include "zc/json_reader.h"

namespace zc {

namespace {

// Where results go, in the chosen format; a table keeps totals for its end.
class ResultSink {
 public:
  ResultSink(std::FILE* out, std::string format) : out_(out), format_(std::move(format)) {
    if (format_ == "csv") std::fputs(rt::csvHeader().c_str(), out_);
    if (format_ == "table") fmt::print(out_, "{:<12} {:<10} {:<6} {:>18}\n", "id", "clause", "受益方", "amount (元)");
  }

  void write(const rt::RecordResult& result) {
    ++records_;
    if (format_ == "jsonl") {
      fmt::print(out_, "{}\n", rt::toJsonLine(result));
    } else if (format_ == "csv") {
      std::fputs(rt::toCsvRows(result).c_str(), out_);
    } else {
      for (const rt::Award& a : result.awards) {
        std::string amount = a.manual ? "一事一议" : a.hasAmount ? rt::formatMoney(a.amount) : "仅资格";
        fmt::print(out_, "{:<12} {:<10} {:<6} {:>18}\n", result.id, a.clause, a.beneficiary, amount);
        ++awards_;
      }
      for (const rt::Total& t : result.totals) {
        auto it = totals_.begin();
        while (it != totals_.end() && it->beneficiary != t.beneficiary) ++it;
        if (it == totals_.end()) totals_.push_back({t.key, t.beneficiary, 0}), it = totals_.end() - 1;
        zc_dec_add(it->amount, t.amount, &it->amount);
      }
    }
  }

  void finish(size_t failed) {
    if (format_ != "table") return;
    std::string totals;
    for (const rt::Total& t : totals_) totals += fmt::format("  {} {} 元", t.beneficiary, rt::formatMoney(t.amount));
    fmt::print(out_, "合计 total: {} records, {} awards{}{}\n", records_, awards_, totals,
               failed ? fmt::format(", {} records failed", failed) : "");
  }

 private:
  std::FILE* out_;
  std::string format_;
  size_t records_ = 0, awards_ = 0;
  std::vector<rt::Total> totals_;
};

}  // namespace

int runRun(const RunOptions& options) {
  Session session;
  auto ruleset = loadRuleset(session, {options.ruleset});
  if (!ruleset) return 1;
  if (ruleset->record < 0) {
    fmt::print(stderr, "zc: {} has no policy to evaluate\n", options.ruleset);
    return 1;
  }
  Interpreter interpreter(ruleset->program);
  if (!applyParams(ruleset->program, options.params, interpreter)) return 1;

  std::ifstream in(options.input, std::ios::binary);
  std::FILE* out = stdout;
  if (!options.output.empty()) {
    out = std::fopen(options.output.c_str(), "wb");
    if (out == nullptr) {
      fmt::print(stderr, "zc: cannot write {}\n", options.output);
      return 1;
    }
  }
  std::string format = options.format;
  if (format.empty()) format = options.output.empty() && stdoutIsTerminal() ? "table" : "jsonl";
  ResultSink sink(out, format);

  rt::JsonRecordReader reader(ruleset->program.schema);
  std::set<std::string> warned;
  std::string line;
  size_t lineNumber = 0, failed = 0;
  rt::Record record;
  while (std::getline(in, line)) {
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    rt::DecodeOutcome outcome = reader.decode(line, record);
    for (const auto& field : outcome.unknownFields)
      if (warned.insert(field).second)
        fmt::print(stderr, "{}:{}: warning: unknown field '{}' is ignored (reported once)\n", options.input, lineNumber, field);
    std::string who = outcome.id.empty() ? "record" : "record " + outcome.id;
    if (!outcome.ok) {
      fmt::print(stderr, "{}:{}: {}: {}\n", options.input, lineNumber, who, outcome.describe());
      ++failed;
      continue;
    }
    Evaluation evaluation = interpreter.evaluate(record, false);
    if (evaluation.error) {
      fmt::print(stderr, "{}:{}: {}: {}\n", options.input, lineNumber, who, formatEvalError(session.sources, *evaluation.error));
      ++failed;
      continue;
    }
    sink.write(*evaluation.result);
  }
  sink.finish(failed);
  if (out != stdout) std::fclose(out);
  if (failed > 0) {
    fmt::print(stderr, "zc: {} of {} records failed\n", failed, lineNumber);
    return 2;
  }
  return 0;
}

}  // namespace zc
