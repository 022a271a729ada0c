#include "io/DiffReport.h"

#include <fmt/format.h>

#include "io/Workbook.h"
#include "source/Utf8.h"
#include "zc/results.h"

namespace zc {

namespace {

std::string amountText(const DiffAmount& a) {
  if (!a.awarded) return "-";
  return a.hasAmount ? rt::formatMoney(a.amount) : "仅资格";
}

std::string change(const zc_dec& before, const zc_dec& after) {
  zc_dec delta;
  if (zc_dec_sub(&after, &before, &delta) != ZC_OK) return "?";
  std::string text = rt::formatMoney(delta);
  return delta.num > 0 ? "+" + text : text;
}

// Pads by terminal cells, so columns line up under Chinese text.
std::string cell(std::string_view raw, uint32_t width, bool right = false) {
  std::string text = rt::printable(raw);
  uint32_t used = displayWidth(text);
  std::string pad(used < width ? width - used : 0, ' ');
  return right ? pad + text : text + pad;
}

std::string line(std::initializer_list<std::pair<std::string_view, int>> cells) {
  std::string text;
  for (const auto& [value, width] : cells) text += cell(value, std::abs(width), width < 0) + " ";
  text.erase(text.find_last_not_of(' ') + 1);
  return text + "\n";
}

std::string clauseName(const ClauseChange& c) { return c.item.empty() ? c.clause : c.clause + "[" + c.item + "]"; }

void writeTotalsTable(std::FILE* out, const char* title, const std::vector<DiffTotal>& totals) {
  fmt::print(out, "\n{}\n", title);
  for (const DiffTotal& t : totals) {
    std::string name = t.label.empty() ? t.key : t.key + " " + t.label;
    if (!t.fits) {
      fmt::print(out, "{}", line({{name, 24}, {"(too large to add up exactly)", 0}}));
      continue;
    }
    fmt::print(out, "{}",
               line({{name, 24},
                     {rt::formatMoney(t.before), -18},
                     {rt::formatMoney(t.after), -18},
                     {change(t.before, t.after), -18}}));
  }
}

void appendTotalsJson(std::string& out, const char* key, const std::vector<DiffTotal>& totals) {
  out += fmt::format(", \"{}\": [", key);
  for (size_t i = 0; i < totals.size(); ++i) {
    const DiffTotal& t = totals[i];
    out += i == 0 ? "{" : ", {";
    out += "\"key\": " + rt::jsonString(t.key);
    if (!t.label.empty()) out += ", \"title\": " + rt::jsonString(t.label);
    if (t.fits)
      out += fmt::format(", \"old\": \"{}\", \"new\": \"{}\", \"change\": \"{}\"", rt::formatMoney(t.before),
                         rt::formatMoney(t.after), change(t.before, t.after));
    else
      out += ", \"error\": \"the total is too large to add up exactly\"";
    out += "}";
  }
  out += "]";
}

std::string amountJson(const DiffAmount& a) {
  if (!a.awarded) return "null";
  return a.hasAmount ? "\"" + rt::formatMoney(a.amount) + "\"" : "\"eligible\"";
}

std::string provenanceJson(const std::string& name, const Provenance& p) {
  return fmt::format("{{\"rules\": {}, \"source_hash\": \"{}\", \"zc_version\": \"{}\"}}", rt::jsonString(name),
                     p.sourceHash, p.zcVersion);
}

}  // namespace

void writeDiffTable(std::FILE* out, const RulesetDiff& diff) {
  fmt::print(out, "旧 old: {}  (sha256 {})\n新 new: {}  (sha256 {})\nzc {}  {}\n\n", rt::printable(diff.beforeName),
             diff.before.sourceHash.substr(0, 12), rt::printable(diff.afterName), diff.after.sourceHash.substr(0, 12),
             diff.after.zcVersion, diff.after.runDate);
  fmt::print(out, "{}",
             line({{"id", 12},
                   {"clause", 12},
                   {"受益方", 6},
                   {"旧 old (元)", -18},
                   {"新 new (元)", -18},
                   {"变化 change", -18}}));
  for (const RecordChange& r : diff.changed) {
    if (!r.beforeError.empty() || !r.afterError.empty()) {
      fmt::print(out, "{}",
                 line({{r.id, 12},
                       {"(error)", 12},
                       {"", 6},
                       {r.beforeError.empty() ? "" : "(error)", -18},
                       {r.afterError.empty() ? "" : "(error)", -18}}));
      continue;
    }
    for (const ClauseChange& c : r.clauses) {
      std::string delta = c.before.hasAmount || c.after.hasAmount ? change(c.before.amount, c.after.amount) : "";
      fmt::print(out, "{}",
                 line({{r.id, 12},
                       {clauseName(c), 12},
                       {c.beneficiary, 6},
                       {amountText(c.before), -18},
                       {amountText(c.after), -18},
                       {delta, -18}}));
    }
  }
  writeTotalsTable(out, "按条款 by clause", diff.byClause);
  writeTotalsTable(out, "按政策 by policy", diff.byPolicy);
  writeTotalsTable(out, "按受益方 by beneficiary", diff.byBeneficiary);
  if (!diff.byPayer.empty()) writeTotalsTable(out, "按出资方 by payer", diff.byPayer);
  fmt::print(
      out,
      "\n合计 {} records: {} gain (增加), {} lose (减少), {} start being paid (新增), {} stop being paid (取消), {} "
      "unchanged{}\n",
      diff.records, diff.gaining, diff.losing, diff.starting, diff.stopping, diff.unchanged,
      diff.failed > 0 ? fmt::format(", {} failed on either side", diff.failed) : "");
}

void writeDiffJson(std::FILE* out, const RulesetDiff& diff) {
  std::string text = "{\"old\": " + provenanceJson(diff.beforeName, diff.before) +
                     ", \"new\": " + provenanceJson(diff.afterName, diff.after) + ", \"records\": [";
  for (size_t i = 0; i < diff.changed.size(); ++i) {
    const RecordChange& r = diff.changed[i];
    text += i == 0 ? "\n{" : ",\n{";
    text += "\"id\": " + rt::jsonString(r.id) + fmt::format(", \"line\": {}", r.line);
    if (!r.beforeError.empty()) text += ", \"old_error\": " + rt::jsonString(r.beforeError);
    if (!r.afterError.empty()) text += ", \"new_error\": " + rt::jsonString(r.afterError);
    if (r.beforeError.empty() && r.afterError.empty()) {
      text += fmt::format(", \"old_total\": \"{}\", \"new_total\": \"{}\", \"clauses\": [", rt::formatMoney(r.before),
                          rt::formatMoney(r.after));
      for (size_t k = 0; k < r.clauses.size(); ++k) {
        const ClauseChange& c = r.clauses[k];
        text += k == 0 ? "{" : ", {";
        text += "\"clause\": " + rt::jsonString(c.clause);
        if (!c.item.empty()) text += ", \"item\": " + rt::jsonString(c.item);
        text += ", \"beneficiary\": " + rt::jsonString(c.beneficiary) + ", \"old\": " + amountJson(c.before) +
                ", \"new\": " + amountJson(c.after) + "}";
      }
      text += "]";
    }
    text += "}";
  }
  text += "]";
  appendTotalsJson(text, "by_clause", diff.byClause);
  appendTotalsJson(text, "by_policy", diff.byPolicy);
  appendTotalsJson(text, "by_beneficiary", diff.byBeneficiary);
  if (!diff.byPayer.empty()) appendTotalsJson(text, "by_payer", diff.byPayer);
  text += fmt::format(
      ", \"counts\": {{\"records\": {}, \"gain\": {}, \"lose\": {}, \"start\": {}, \"stop\": {}, \"unchanged\": {}, "
      "\"failed\": {}}}}}\n",
      diff.records, diff.gaining, diff.losing, diff.starting, diff.stopping, diff.unchanged, diff.failed);
  std::fputs(text.c_str(), out);
}

void writeDiffXlsx(std::FILE* out, const RulesetDiff& diff) {
  Workbook book;
  lxw_row_t row;
  lxw_worksheet* changes =
      book.sheet("变化明细", diff.after,
                 {"企业编号", "条款", "项目", "受益方", "旧金额（元）", "新金额（元）", "变化（元）", "说明"}, row);
  worksheet_set_column(changes, 0, 1, 16, nullptr);
  worksheet_set_column(changes, 4, 6, 16, nullptr);
  for (const RecordChange& r : diff.changed) {
    if (!r.beforeError.empty() || !r.afterError.empty()) {
      book.text(changes, row, 0, r.id);
      book.text(changes, row, 7,
                !r.afterError.empty() ? "新规则下出错：" + r.afterError : "旧规则下出错：" + r.beforeError);
      ++row;
      continue;
    }
    for (const ClauseChange& c : r.clauses) {
      book.text(changes, row, 0, r.id);
      book.text(changes, row, 1, c.clause);
      book.text(changes, row, 2, c.item);
      book.text(changes, row, 3, c.beneficiary);
      if (c.before.hasAmount) book.money(changes, row, 4, c.before.amount);
      if (c.after.hasAmount) book.money(changes, row, 5, c.after.amount);
      zc_dec delta;
      if (zc_dec_sub(&c.after.amount, &c.before.amount, &delta) == ZC_OK) book.money(changes, row, 6, delta);
      book.text(changes, row, 7, !c.before.awarded ? "新增" : !c.after.awarded ? "取消" : "");
      ++row;
    }
  }
  lxw_worksheet* totals = book.sheet("汇总", diff.after, {}, row);
  worksheet_set_column(totals, 0, 0, 28, nullptr);
  worksheet_set_column(totals, 1, 3, 18, nullptr);
  for (const auto& [title, list] : {std::pair{"按条款", &diff.byClause},
                                    {"按政策", &diff.byPolicy},
                                    {"按受益方", &diff.byBeneficiary},
                                    {"按出资方", &diff.byPayer}}) {
    if (list->empty() && list == &diff.byPayer) continue;
    book.text(totals, row, 0, title, true);
    book.text(totals, row, 1, "旧（元）", true);
    book.text(totals, row, 2, "新（元）", true);
    book.text(totals, row, 3, "变化（元）", true);
    ++row;
    for (const DiffTotal& t : *list) {
      book.text(totals, row, 0, t.label.empty() ? t.key : t.key + " " + t.label);
      if (t.fits) {
        book.money(totals, row, 1, t.before);
        book.money(totals, row, 2, t.after);
        zc_dec delta;
        if (zc_dec_sub(&t.after, &t.before, &delta) == ZC_OK) book.money(totals, row, 3, delta);
      } else {
        book.text(totals, row, 1, "（合计过大，无法精确相加）");
      }
      ++row;
    }
    ++row;
  }
  lxw_worksheet* counts = book.sheet("统计", diff.after, {"项目", "企业数"}, row);
  worksheet_set_column(counts, 0, 0, 24, nullptr);
  for (const auto& [label, value] : {std::pair{"记录总数", diff.records},
                                     {"增加", diff.gaining},
                                     {"减少", diff.losing},
                                     {"新增兑现", diff.starting},
                                     {"不再兑现", diff.stopping},
                                     {"不变", diff.unchanged},
                                     {"出错", diff.failed}}) {
    book.text(counts, row, 0, label);
    book.count(counts, row, 1, value);
    ++row;
  }
  book.text(counts, ++row, 0, "旧规则：" + diff.beforeName + "（SHA-256 " + diff.before.sourceHash + "）");
  book.text(counts, ++row, 0, "新规则：" + diff.afterName + "（SHA-256 " + diff.after.sourceHash + "）");
  book.finish(out);
}

}  // namespace zc
