#include "driver/ResultSink.h"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

#include "source/SourceManager.h"

namespace zc {

void ResultSink::write(std::FILE* out, Buffer& buffer) {
  std::fwrite(buffer.text.data(), 1, buffer.text.size(), out);
  buffer.text.clear();
}

namespace {

class JsonLinesSink : public ResultSink {
 public:
  void addResult(Buffer& buffer, const rt::RecordResult& result) const override {
    rt::appendJsonLine(buffer.text, result);
  }
};

class CsvSink : public ResultSink {
 public:
  void writeHeader(std::FILE* out) const override { std::fputs(rt::csvHeader().c_str(), out); }
  void addResult(Buffer& buffer, const rt::RecordResult& result) const override {
    rt::appendCsvRows(buffer.text, result);
  }
};

// For people: aligned columns and a totals line. A chunk's sums travel in its
// buffer, so workers add without sharing, and the writer adds the chunks up.
class TableSink : public ResultSink {
 public:
  struct Sums : Buffer {
    size_t awards = 0;
    std::vector<rt::Total> totals;
    bool fit = true;  // false once a sum no longer fits in a decimal
  };

  std::unique_ptr<Buffer> newBuffer() const override { return std::make_unique<Sums>(); }

  void writeHeader(std::FILE* out) const override {
    std::fputs(row("id", "clause", "受益方", "amount (元)").c_str(), out);
  }

  void addResult(Buffer& buffer, const rt::RecordResult& result) const override {
    auto& sums = static_cast<Sums&>(buffer);
    for (const rt::Award& a : result.awards) {
      std::string amount = a.manual ? "一事一议" : a.hasAmount ? rt::formatMoney(a.amount) : "仅资格";
      sums.text += row(result.id, a.clause, a.beneficiary, amount);
      ++sums.awards;
    }
    sums.fit = add(sums.totals, result.totals) && sums.fit;
  }

  void write(std::FILE* out, Buffer& buffer) override {
    auto& sums = static_cast<Sums&>(buffer);
    awards_ += sums.awards;
    fit_ = add(totals_, sums.totals) && sums.fit && fit_;
    sums.awards = 0;
    sums.totals.clear();
    sums.fit = true;
    ResultSink::write(out, buffer);
  }

  void writeEnd(std::FILE* out, size_t records, size_t failed) override {
    std::string amounts;
    for (const rt::Total& t : totals_) amounts += fmt::format("  {} {} 元", t.beneficiary, rt::formatMoney(t.amount));
    if (!fit_) amounts = "  (the totals are too large to add up exactly)";
    fmt::print(out, "合计 total: {} records, {} awards{}{}\n", records - failed, awards_, amounts,
               failed ? fmt::format(", {} records failed", failed) : "");
  }

 private:
  // Pads by terminal cells, so columns line up under Chinese text.
  static std::string cell(std::string_view text, uint32_t width, bool right = false) {
    uint32_t used = displayWidth(text);
    std::string pad(used < width ? width - used : 0, ' ');
    return right ? pad + std::string(text) : std::string(text) + pad;
  }

  static std::string row(std::string_view id, std::string_view clause, std::string_view beneficiary,
                         std::string_view amount) {
    return cell(id, 12) + " " + cell(clause, 10) + " " + cell(beneficiary, 6) + " " + cell(amount, 18, true) + "\n";
  }

  // Adds totals by beneficiary; false when a sum no longer fits.
  static bool add(std::vector<rt::Total>& into, const std::vector<rt::Total>& totals) {
    bool fits = true;
    for (const rt::Total& t : totals) {
      auto it = into.begin();
      while (it != into.end() && it->beneficiary != t.beneficiary) ++it;
      if (it == into.end()) into.push_back(t);
      else fits = zc_dec_add(it->amount, t.amount, &it->amount) == ZC_OK && fits;
    }
    return fits;
  }

  size_t awards_ = 0;
  std::vector<rt::Total> totals_;
  bool fit_ = true;
};

}  // namespace

std::unique_ptr<ResultSink> makeResultSink(std::string_view format) {
  if (format == "jsonl") return std::make_unique<JsonLinesSink>();
  if (format == "csv") return std::make_unique<CsvSink>();
  if (format == "table") return std::make_unique<TableSink>();
  throw std::invalid_argument("no result format " + std::string(format));
}

}  // namespace zc
