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
  explicit CsvSink(bool items) : items_(items) {}
  void writeHeader(std::FILE* out) const override { std::fputs(rt::csvHeader(items_).c_str(), out); }
  void addResult(Buffer& buffer, const rt::RecordResult& result, const rt::Record*) const override {
    rt::appendCsvRows(buffer.text, result, items_);
  }
  void addFailure(Buffer& buffer, const rt::FailedRecord& failed) const override {
    rt::appendCsvRow(buffer.text, failed, items_);
  }

 private:
  bool items_;
};

// For people: aligned columns and a totals line. A chunk's sums travel in its
// buffer, so workers add without sharing, and the writer adds the chunks up.
class TableSink : public ResultSink {
 public:
  // A beneficiary's total, its name owned: the sums outlive the engines
  // whose result tables a result's names point into.
  struct Total {
    std::string beneficiary;
    zc_dec amount{};
  };
  struct Sums : Buffer {
    size_t records = 0, failed = 0, awards = 0;
    std::vector<Total> totals;
    bool fit = true;  // false once a sum no longer fits in a decimal
  };

  std::unique_ptr<Buffer> newBuffer() const override { return std::make_unique<Sums>(); }

  void writeHeader(std::FILE* out) const override {
    std::fputs(row("id", "clause", "受益方", "amount (元)").c_str(), out);
  }

  void addResult(Buffer& buffer, const rt::RecordResult& result, const rt::Record*) const override {
    auto& sums = static_cast<Sums&>(buffer);
    ++sums.records;
    for (const rt::Award& a : result.awards) {
      std::string amount = a.manual ? "一事一议" : a.hasAmount ? rt::formatMoney(a.amount) : "仅资格";
      sums.text += row(result.id, clauseAndItem(a.clause, a.item), a.beneficiary, amount);
      ++sums.awards;
    }
    for (const rt::ClauseError& e : result.errors)
      sums.text += row(result.id, clauseAndItem(e.clause, e.item), "", "(error)");
    if (result.awards.empty() && result.errors.empty()) sums.text += row(result.id, "(no award)", "", "");
    sums.fit = add(sums.totals, result.totals) && sums.fit;
  }

  // The message is on stderr already; the row keeps the record's place.
  void addFailure(Buffer& buffer, const rt::FailedRecord& failed) const override {
    auto& sums = static_cast<Sums&>(buffer);
    ++sums.records;
    ++sums.failed;
    sums.text += row(failed.id, "(error)", "", "");
  }

  void write(std::FILE* out, Buffer& buffer) override {
    auto& sums = static_cast<Sums&>(buffer);
    records_ += sums.records;
    failed_ += sums.failed;
    awards_ += sums.awards;
    fit_ = add(totals_, sums.totals) && sums.fit && fit_;
    sums.records = sums.failed = sums.awards = 0;
    sums.totals.clear();
    sums.fit = true;
    ResultSink::write(out, buffer);
  }

  void writeEnd(std::FILE* out) override {
    std::string amounts;
    for (const Total& t : totals_) amounts += fmt::format("  {} {} 元", t.beneficiary, rt::formatMoney(t.amount));
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

  static std::string row(std::string_view id, std::string_view clause, std::string_view beneficiary,
                         std::string_view amount) {
    std::string text = cell(id, 12) + " " + cell(clause, 10) + " " + cell(beneficiary, 6) + " " + cell(amount, 18, true);
    // A failed record's row has no amount to end it; no padding after its last word.
    text.erase(text.find_last_not_of(' ') + 1);
    return text + "\n";
  }

  // Adds totals by beneficiary; false when a sum no longer fits.
  template <typename T>
  static bool add(std::vector<Total>& into, const std::vector<T>& totals) {
    bool fits = true;
    for (const T& t : totals) {
      auto it = into.begin();
      while (it != into.end() && it->beneficiary != t.beneficiary) ++it;
      if (it == into.end()) into.push_back({std::string(t.beneficiary), t.amount});
      else fits = zc_dec_add(&it->amount, &t.amount, &it->amount) == ZC_OK && fits;
    }
    return fits;
  }

  size_t records_ = 0, failed_ = 0, awards_ = 0;
  std::vector<Total> totals_;
  bool fit_ = true;
};

}  // namespace

std::unique_ptr<ResultSink> makeResultSink(std::string_view format, bool items) {
  if (format == "jsonl") return std::make_unique<JsonLinesSink>();
  if (format == "csv") return std::make_unique<CsvSink>(items);
  if (format == "table") return std::make_unique<TableSink>();
  throw std::invalid_argument("no result format " + std::string(format));
}

}  // namespace zc
