// zc run --format xlsx: the report a bureau files. Award and failure rows are
// written as chunks arrive, in input order; the totals sheet at the end.
#include <map>

#include "io/ResultSink.h"
#include "io/Workbook.h"

namespace zc {

namespace {

// The payer of awards whose clause names none, as the run summary says it.
constexpr const char* kNoPayer = "未注明";

struct Sum {
  size_t count = 0;
  zc_dec amount{0, 1};
  bool fits = true;
  void add(const zc_dec& value) {
    ++count;
    fits = fits && zc_dec_add(&amount, &value, &amount) == ZC_OK;
  }
};

class XlsxSink : public ResultSink {
 public:
  struct AwardRow {
    std::string id, name, item;
    std::string_view clause, beneficiary, payer;
    bool hasAmount = false, manual = false;
    zc_dec amount{};
  };
  struct FailureRow {
    std::string id, clause, item, message;
    size_t line = 0;
  };
  struct Rows : Buffer {
    std::vector<AwardRow> awards;
    std::vector<FailureRow> failures;
  };

  XlsxSink(const ir::Program& program, const SourceManager& sources, const Provenance& provenance)
      : program_(program), provenance_(provenance) {
    // Each clause's award formula as written, on one line: how its amount is computed.
    for (const ir::Clause& c : program.clauses) {
      std::string formula;
      if (c.rawAmount != ir::kNoValue) {
        std::string_view text = sources.text(program.insts[c.rawAmount].span);
        for (char ch : text) {
          bool space = ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
          if (!space)
            formula += ch;
          else if (!formula.empty() && formula.back() != ' ')
            formula += ' ';
        }
      }
      formulas_.push_back(std::move(formula));
    }
    // The enterprise's name, where the record has one, beside its id.
    for (size_t i = 0; i < program.schema.fields.size(); ++i) {
      const rt::FieldSchema& field = program.schema.fields[i];
      if (field.kind == rt::Kind::Text && !field.list && (field.name == "名称" || field.name == "企业名称"))
        nameField_ = static_cast<int>(i);
    }
    for (const ir::Clause& c : program.clauses) {
      items_ = items_ || c.itemList >= 0;
      payers_ = payers_ || !c.payer.empty();
    }
    std::vector<std::string> columns{"企业编号", "企业名称",   "条款", "政策",    "条款原文",
                                     "受益方",   "金额（元）", "说明", "计算公式"};
    if (payers_) columns.insert(columns.begin() + 6, "出资方");
    if (items_) columns.insert(columns.begin() + 3, "项目");
    awards_ = book_.sheet("兑现明细", provenance_, columns, awardsRow_);
    lxw_col_t source = items_ ? 5 : 4, amount = source + 2 + payers_;
    worksheet_set_column(awards_, 0, 1, 16, nullptr);
    worksheet_set_column(awards_, source, source, 60, nullptr);
    worksheet_set_column(awards_, amount, amount, 16, nullptr);
    totals_ = book_.sheet("汇总", provenance_, {}, totalsRow_);
    worksheet_set_column(totals_, 0, 1, 28, nullptr);
    worksheet_set_column(totals_, 3, 3, 18, nullptr);
    failures_ = book_.sheet("失败记录", provenance_, {"企业编号", "行", "条款", "项目", "原因"}, failuresRow_);
    worksheet_set_column(failures_, 4, 4, 80, nullptr);
  }

  std::unique_ptr<Buffer> newBuffer() const override { return std::make_unique<Rows>(); }

  void addResult(Buffer& buffer, const rt::RecordResult& result, const rt::Record* record) const override {
    auto& rows = static_cast<Rows&>(buffer);
    std::string name = nameField_ >= 0 && record != nullptr ? record->fields[nameField_].scalar.text : "";
    for (const rt::Award& a : result.awards)
      rows.awards.push_back(
          {result.id, name, a.item.value_or(""), a.clause, a.beneficiary, a.payer, a.hasAmount, a.manual, a.amount});
    for (const rt::ClauseError& e : result.errors)
      rows.failures.push_back({result.id, std::string(e.clause), e.item.value_or(""), e.message, 0});
  }

  void addFailure(Buffer& buffer, const rt::FailedRecord& failed) const override {
    static_cast<Rows&>(buffer).failures.push_back(
        {std::string(failed.id), "", "", std::string(failed.error), failed.line});
  }

  void write(std::FILE*, Buffer& buffer) override {
    auto& rows = static_cast<Rows&>(buffer);
    for (const AwardRow& a : rows.awards) writeAward(a);
    for (const FailureRow& f : rows.failures) {
      book_.text(failures_, failuresRow_, 0, f.id);
      if (f.line > 0) book_.count(failures_, failuresRow_, 1, f.line);
      book_.text(failures_, failuresRow_, 2, f.clause);
      book_.text(failures_, failuresRow_, 3, f.item);
      book_.text(failures_, failuresRow_, 4, f.message);
      ++failuresRow_;
    }
    rows.awards.clear();
    rows.failures.clear();
  }

  void writeEnd(std::FILE* out) override {
    writeTotals();
    book_.finish(out);
  }

 private:
  const ir::Clause* clause(std::string_view id) const {
    for (const ir::Clause& c : program_.clauses)
      if (c.id == id) return &c;
    return nullptr;
  }

  std::string policyName(int index) const {
    const ir::Policy& p = program_.policies[index];
    return p.title.empty() ? p.id : p.id + " " + p.title;
  }

  void writeAward(const AwardRow& a) {
    const ir::Clause* c = clause(a.clause);
    lxw_col_t column = 0;
    book_.text(awards_, awardsRow_, column++, a.id);
    book_.text(awards_, awardsRow_, column++, a.name);
    book_.text(awards_, awardsRow_, column++, a.clause);
    if (items_) book_.text(awards_, awardsRow_, column++, a.item);
    book_.text(awards_, awardsRow_, column++, c != nullptr ? policyName(c->policy) : "");
    book_.text(awards_, awardsRow_, column++, c != nullptr ? c->source : "");
    book_.text(awards_, awardsRow_, column++, a.beneficiary);
    if (payers_) book_.text(awards_, awardsRow_, column++, a.payer);
    if (a.hasAmount) book_.money(awards_, awardsRow_, column, a.amount);
    ++column;
    book_.text(awards_, awardsRow_, column++, a.manual ? "一事一议" : a.hasAmount ? "" : "仅资格");
    if (c != nullptr) book_.text(awards_, awardsRow_, column, formulas_[c - program_.clauses.data()]);
    ++awardsRow_;
    if (!a.hasAmount) return;
    byClause_[std::string(a.clause)].add(a.amount);
    if (c != nullptr) byPolicy_[c->policy].add(a.amount);
    byBeneficiary_[std::string(a.beneficiary)].add(a.amount);
    if (payers_) byPayer_[a.payer.empty() ? std::string(kNoPayer) : std::string(a.payer)].add(a.amount);
  }

  void heading(const char* title, const char* first, const char* second) {
    book_.text(totals_, totalsRow_++, 0, title, true);
    book_.text(totals_, totalsRow_, 0, first, true);
    book_.text(totals_, totalsRow_, 1, second, true);
    book_.text(totals_, totalsRow_, 2, "笔数", true);
    book_.text(totals_, totalsRow_, 3, "金额（元）", true);
    ++totalsRow_;
  }

  void total(const std::string& first, const std::string& second, const Sum& sum) {
    book_.text(totals_, totalsRow_, 0, first);
    book_.text(totals_, totalsRow_, 1, second);
    book_.count(totals_, totalsRow_, 2, sum.count);
    if (sum.fits)
      book_.money(totals_, totalsRow_, 3, sum.amount);
    else
      book_.text(totals_, totalsRow_, 3, "（合计过大，无法精确相加）");
    ++totalsRow_;
  }

  void writeTotals() {
    heading("按条款", "条款", "政策");
    for (const ir::Clause& c : program_.clauses)
      if (auto it = byClause_.find(c.id); it != byClause_.end()) total(c.id, policyName(c.policy), it->second);
    ++totalsRow_;
    heading("按政策", "政策", "");
    for (const auto& [policy, sum] : byPolicy_) total(policyName(policy), "", sum);
    ++totalsRow_;
    heading("按受益方", "受益方", "");
    for (const auto& [beneficiary, sum] : byBeneficiary_) total(beneficiary, "", sum);
    if (!payers_) return;
    ++totalsRow_;
    heading("按出资方", "出资方", "");
    for (const auto& [payer, sum] : byPayer_) total(payer, "", sum);
  }

  const ir::Program& program_;
  Provenance provenance_;
  std::vector<std::string> formulas_;  // per clause
  Workbook book_;
  int nameField_ = -1;
  bool items_ = false;
  bool payers_ = false;  // a clause names its 出资方: a column, and totals by payer
  lxw_worksheet *awards_ = nullptr, *totals_ = nullptr, *failures_ = nullptr;
  lxw_row_t awardsRow_ = 0, totalsRow_ = 0, failuresRow_ = 0;
  std::map<std::string, Sum> byClause_;
  std::map<int, Sum> byPolicy_;
  std::map<std::string, Sum> byBeneficiary_;
  std::map<std::string, Sum> byPayer_;
};

}  // namespace

std::unique_ptr<ResultSink> makeXlsxResultSink(const ir::Program& program, const SourceManager& sources,
                                               const Provenance& provenance) {
  return std::make_unique<XlsxSink>(program, sources, provenance);
}

}  // namespace zc
