#include "interp/ReviewSheet.h"

#include <fmt/format.h>

#include "engine/ResultText.h"
#include "interp/PlainExplanation.h"

namespace zc {

std::string htmlText(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        out += "\xEF\xBF\xBD";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// The trace of a clause (and item) of the result: what it computed, what cut it, what failed it.
const ClauseTrace* traceOf(const Evaluation& evaluation, const ir::Program& program, std::string_view clause,
                           const std::optional<std::string>& item) {
  for (const ClauseTrace& t : evaluation.trace)
    if (program.clauses[t.clause].id == clause && (item ? t.itemName == *item : t.item < 0)) return &t;
  return nullptr;
}

}  // namespace

std::string renderReviewSheet(const SourceManager& sources, const ir::Program& program, const Evaluation& evaluation,
                              std::string_view name, const ReviewHeading& heading) {
  const rt::RecordResult& result = *evaluation.result;
  std::string out = "<section class=\"sheet\">\n<h2>政策奖励兑现审核表</h2>\n<div class=\"meta\">";
  out += fmt::format(
      "<div>企业编号: <span class=\"id\">{}</span></div><div>企业名称: <span class=\"name\">{}</span></div>",
      htmlText(result.id), htmlText(name));
  out += fmt::format(
      "<div>规则集: {}（源文件 SHA-256 <span class=\"hash\">{}</span>，zc {}）</div><div>计算日期: {}</div></div>\n",
      htmlText(heading.rulesetName), heading.sourceHash, heading.zcVersion, heading.date);
  out +=
      "<table>\n<thead><tr><th>序号</th><th>条款</th><th>政策原文与计算依据</th><th>受益方</th>"
      "<th class=\"money\">金额（元）</th></tr></thead>\n<tbody>\n";
  size_t row = 0;
  for (const rt::Award& a : result.awards) {
    const ir::Clause* clause = nullptr;
    for (const ir::Clause& c : program.clauses)
      if (c.id == a.clause) clause = &c;
    const ClauseTrace* trace = traceOf(evaluation, program, a.clause, a.item);
    std::string basis = trace != nullptr ? plainBasis(sources, program, *trace) : "";
    std::string amount = a.manual ? "一事一议" : a.hasAmount ? rt::formatMoney(a.amount) : "仅资格";
    out += fmt::format(
        "<tr class=\"award\"><td>{}</td><td class=\"clause\">{}</td><td>{}{}</td><td>{}</td>"
        "<td class=\"money\">{}</td></tr>\n",
        ++row, htmlText(clauseAndItem(a.clause, a.item)), htmlText(clause != nullptr ? clause->source : ""),
        basis.empty() ? "" : "<div class=\"basis\">计算依据: " + htmlText(basis) + "</div>", htmlText(a.beneficiary),
        amount);
  }
  if (row == 0) out += "<tr><td colspan=\"5\">无符合条件的奖励</td></tr>\n";
  out += "</tbody>\n<tfoot>\n";
  for (const rt::Total& t : result.totals)
    out += fmt::format("<tr class=\"total\"><th colspan=\"4\">合计 · {}</th><th class=\"money\">{}</th></tr>\n",
                       htmlText(t.beneficiary), rt::formatMoney(t.amount));
  out += "</tfoot>\n</table>\n";
  if (!result.errors.empty()) {
    out += "<p class=\"errors\">计算出错、需人工核定的条款: ";
    for (size_t i = 0; i < result.errors.size(); ++i) {
      const rt::ClauseError& e = result.errors[i];
      // In Chinese from the failure itself, as the basis says it; a failure no trace kept, as the result words it.
      const ClauseTrace* trace = traceOf(evaluation, program, e.clause, e.item);
      std::string why =
          trace != nullptr && trace->error ? rt::chineseEvalError(program.locations, *trace->error) : e.message;
      out += fmt::format("{}{}（{}）", i == 0 ? "" : "；", htmlText(clauseAndItem(e.clause, e.item)), htmlText(why));
    }
    out += "</p>\n";
  }
  out +=
      "<div class=\"signatures\"><div>经办人（签字）　　　日期</div><div>审核人（签字）　　　日期</div>"
      "<div>审批人（签字）　　　日期</div></div>\n"
      "<p class=\"note\">本表由 zc review 按申报数据和政策条款自动计算生成；金额以元计，精确到分。</p>\n</section>\n";
  return out;
}

}  // namespace zc
