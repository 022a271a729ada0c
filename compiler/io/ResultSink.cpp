#include "io/ResultSink.h"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

#include "engine/ResultText.h"
#include "source/Utf8.h"

namespace zc {

void ResultSink::write(std::FILE* out, Buffer& buffer) {
  std::fwrite(buffer.text.data(), 1, buffer.text.size(), out);
  buffer.text.clear();
}

std::string provenanceJson(const Provenance& provenance) {
  return fmt::format("\"provenance\": {{\"source_hash\": {}, \"zc_version\": {}, \"run_date\": {}}}",
                     rt::jsonString(provenance.sourceHash), rt::jsonString(provenance.zcVersion),
                     rt::jsonString(provenance.runDate));
}

std::string provenanceLine(std::string_view format, const Provenance& provenance) {
  if (format == "jsonl") return "{" + provenanceJson(provenance) + "}\n";
  return fmt::format("# 规则集 source_hash={} zc_version={} run_date={}\n", provenance.sourceHash, provenance.zcVersion,
                     provenance.runDate);
}

namespace {

class JsonLinesSink : public ResultSink {
 public:
  void addResult(Buffer& buffer, const rt::RecordResult& result, const rt::Record*) const override {
    rt::appendJsonLine(buffer.text, result);
  }
  void addFailure(Buffer& buffer, const rt::FailedRecord& failed) const override {
    rt::appendJsonLine(buffer.text, failed);
  }
};

class CsvSink : public ResultSink {
 public:
  CsvSink(bool items, bool payers) : items_(items), payers_(payers) {}
  void writeHeader(std::FILE* out) const override { std::fputs(rt::csvHeader(items_, payers_).c_str(), out); }
  void addResult(Buffer& buffer, const rt::RecordResult& result, const rt::Record*) const override {
    rt::appendCsvRows(buffer.text, result, items_, payers_);
  }
  void addFailure(Buffer& buffer, const rt::FailedRecord& failed) const override {
    rt::appendCsvRow(buffer.text, failed, items_, payers_);
  }

 private:
  bool items_, payers_;
};

// For people: aligned columns and a totals line. A chunk's sums travel in its
// buffer, so workers add without sharing, and the writer adds the chunks up.
// A ruleset whose clauses name an 出资方 gets a column and totals by payer.
class TableSink : public ResultSink {
 public:
  explicit TableSink(bool payers) : payers_(payers) {}
  // A beneficiary's or a payer's total, its name owned: the sums outlive the engines
  // whose result tables a result's names point into.
  struct Total {
    std::string name;
    zc_dec amount{};
  };
  struct Sums : Buffer {
    size_t records = 0, failed = 0, awards = 0;
    std::vector<Total> totals;
    std::vector<Total> byPayer;
    bool fit = true;  // false once a sum no longer fits in a decimal
  };

  std::unique_ptr<Buffer> newBuffer() const override { return std::make_unique<Sums>(); }

  void writeHeader(std::FILE* out) const override {
    std::fputs(row("id", "clause", "受益方", payers_ ? "出资方" : "", "amount (元)").c_str(), out);
  }

  void addResult(Buffer& buffer, const rt::RecordResult& result, const rt::Record*) const override {
    auto& sums = static_cast<Sums&>(buffer);
    ++sums.records;
    for (const rt::Award& a : result.awards) {
      std::string amount = a.manual ? "一事一议" : a.hasAmount ? rt::formatMoney(a.amount) : "仅资格";
      sums.text += row(result.id, clauseAndItem(a.clause, a.item), a.beneficiary, payerOf(a), amount);
      ++sums.awards;
      if (payers_ && a.hasAmount) sums.fit = add(sums.byPayer, payerOf(a), a.amount) && sums.fit;
    }
    for (const rt::ClauseError& e : result.errors)
      sums.text += row(result.id, clauseAndItem(e.clause, e.item), "", "", "(error)");
    if (result.awards.empty() && result.errors.empty()) sums.text += row(result.id, "(no award)", "", "", "");
    sums.fit = add(sums.totals, result.totals) && sums.fit;
  }

  // The message is on stderr already; the row keeps the record's place.
  void addFailure(Buffer& buffer, const rt::FailedRecord& failed) const override {
    auto& sums = static_cast<Sums&>(buffer);
    ++sums.records;
    ++sums.failed;
    sums.text += row(failed.id, "(error)", "", "", "");
  }

  void write(std::FILE* out, Buffer& buffer) override {
    auto& sums = static_cast<Sums&>(buffer);
    records_ += sums.records;
    failed_ += sums.failed;
    awards_ += sums.awards;
    fit_ = add(totals_, sums.totals) && add(byPayer_, sums.byPayer) && sums.fit && fit_;
    sums.records = sums.failed = sums.awards = 0;
    sums.totals.clear();
    sums.byPayer.clear();
    sums.fit = true;
    ResultSink::write(out, buffer);
  }

  void writeEnd(std::FILE* out) override {
    std::string amounts;
    for (const Total& t : totals_) amounts += fmt::format("  {} {} 元", t.name, rt::formatMoney(t.amount));
    if (payers_) amounts += ";  出资方";
    for (const Total& t : byPayer_) amounts += fmt::format("  {} {} 元", t.name, rt::formatMoney(t.amount));
    if (!fit_) amounts = "  (the totals are too large to add up exactly)";
    fmt::print(out, "合计 total: {} records, {} awards{}{}\n", records_ - failed_, awards_, amounts,
               failed_ ? fmt::format(", {} records failed", failed_) : "");
  }

 private:
  // Pads by terminal cells, so columns line up under Chinese text; a record's
  // text cannot start a row of its own or reach the terminal as a control.
  static std::string cell(std::string_view raw, uint32_t width, bool right = false) {
    std::string text = rt::printable(raw);
    uint32_t used = displayWidth(text);
    std::string pad(used < width ? width - used : 0, ' ');
    return right ? pad + text : text + pad;
  }

  // The payer's column only where the ruleset names payers.
  std::string row(std::string_view id, std::string_view clause, std::string_view beneficiary, std::string_view payer,
                  std::string_view amount) const {
    std::string text = cell(id, 12) + " " + cell(clause, 10) + " " + cell(beneficiary, 6) + " " +
                       (payers_ ? cell(payer, 6) + " " : "") + cell(amount, 18, true);
    // A failed record's row has no amount to end it; no padding after its last word.
    text.erase(text.find_last_not_of(' ') + 1);
    return text + "\n";
  }

  // Adds an amount to the total of `name` (a beneficiary or a payer); false when it no longer fits.
  static bool add(std::vector<Total>& into, std::string_view name, const zc_dec& amount) {
    auto it = into.begin();
    while (it != into.end() && it->name != name) ++it;
    if (it != into.end()) return zc_dec_add(&it->amount, &amount, &it->amount) == ZC_OK;
    into.push_back({std::string(name), amount});
    return true;
  }

  // Adds a record's totals by beneficiary, or a chunk's sums.
  static bool add(std::vector<Total>& into, const std::vector<rt::Total>& totals) {
    bool fits = true;
    for (const rt::Total& t : totals) fits = add(into, t.beneficiary, t.amount) && fits;
    return fits;
  }
  static bool add(std::vector<Total>& into, const std::vector<Total>& totals) {
    bool fits = true;
    for (const Total& t : totals) fits = add(into, t.name, t.amount) && fits;
    return fits;
  }

  // An award whose clause names no payer is totalled under 未注明, as in the run summary.
  static std::string_view payerOf(const rt::Award& a) { return a.payer.empty() ? "未注明" : a.payer; }

  bool payers_;
  size_t records_ = 0, failed_ = 0, awards_ = 0;
  std::vector<Total> totals_;
  std::vector<Total> byPayer_;
  bool fit_ = true;
};

}  // namespace

std::unique_ptr<ResultSink> makeResultSink(std::string_view format, bool items, bool payers) {
  if (format == "jsonl") return std::make_unique<JsonLinesSink>();
  if (format == "csv") return std::make_unique<CsvSink>(items, payers);
  if (format == "table") return std::make_unique<TableSink>(payers);
  throw std::invalid_argument("no result format " + std::string(format));
}

}  // namespace zc
