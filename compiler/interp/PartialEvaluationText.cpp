#include "interp/PartialEvaluationText.h"

#include <fmt/format.h>

#include "engine/ResultText.h"
#include "interp/TraceText.h"

namespace zc {

namespace {

std::string fieldNames(const ir::Program& program, const std::vector<int>& fields, std::string_view separator) {
  std::string out;
  for (int f : fields) out += (out.empty() ? "" : std::string(separator)) + program.schema.fields[f].name;
  return out;
}

// A decided clause's awards and errors, from the evaluation of the record as given.
std::string decidedText(const rt::RecordResult& result, const std::string& clause) {
  std::string out;
  for (const rt::Award& a : result.awards) {
    if (a.clause != clause) continue;
    std::string what = a.manual      ? "一事一议 (case by case)"
                       : a.hasAmount ? "发放 " + rt::formatMoney(a.amount) + " 元"
                                     : "符合资格 (eligible, no amount)";
    out += fmt::format("{}{}{}给{}", out.empty() ? "" : "; ", what, a.item ? "（项目 " + *a.item + "）" : "",
                       a.beneficiary);
  }
  for (const rt::ClauseError& e : result.errors)
    if (e.clause == clause) out += fmt::format("{}出错 (failed): {}", out.empty() ? "" : "; ", e.message);
  return out.empty() ? "不发放 (no award)" : out;
}

}  // namespace

std::string renderPartialText(const SourceManager& sources, const ir::Program& program,
                              const PartialEvaluation& partial) {
  const rt::RecordResult& result = *partial.evaluation.result;
  std::string out = fmt::format("记录 {}（部分记录 partial record）\n", result.id);
  int policy = -1;
  for (const PartialVerdict& v : partial.clauses) {
    const ir::Clause& clause = program.clauses[v.clause];
    if (clause.policy != policy) {
      policy = clause.policy;
      const ir::Policy& p = program.policies[policy];
      out += fmt::format("政策 {}{}\n", p.id, p.title.empty() ? "" : " " + p.title);
    }
    std::string verdict;
    switch (v.kind) {
      case PartialVerdict::Kind::Decided:
        verdict = "已确定 (decided): " + decidedText(result, clause.id);
        break;
      case PartialVerdict::Kind::NotEligible:
        verdict = fmt::format("不符合 (not eligible): {} {}", v.excluded ? "排除条件成立" : "条件不成立",
                              snippet(sources, v.failed));
        break;
      case PartialVerdict::Kind::Eligible:
        verdict = "条件成立，金额还缺 (eligible; the amount needs) " + fieldNames(program, v.missing, "、");
        break;
      case PartialVerdict::Kind::Possible:
        verdict = "可能符合，还缺 (possibly eligible, missing) " + fieldNames(program, v.missing, "、");
        break;
    }
    out += fmt::format("  条款 {}: {}\n", clause.id, verdict);
  }
  if (!partial.missing.empty())
    out += "还需提供 (still to provide): " + fieldNames(program, partial.missing, "、") + "\n";
  return out;
}

std::string renderPartialJson(const SourceManager& sources, const ir::Program& program,
                              const PartialEvaluation& partial) {
  const rt::RecordResult& result = *partial.evaluation.result;
  auto names = [&](const std::vector<int>& fields) {
    std::string out = "[";
    for (int f : fields) out += (out.size() > 1 ? ", " : "") + rt::jsonString(program.schema.fields[f].name);
    return out + "]";
  };
  std::string out = fmt::format("{{\"id\": {}, \"clauses\": [", rt::jsonString(result.id));
  for (const PartialVerdict& v : partial.clauses) {
    const ir::Clause& clause = program.clauses[v.clause];
    out += fmt::format("{}{{\"clause\": {}, \"policy\": {}, \"status\": \"{}\"",
                       &v == &partial.clauses.front() ? "" : ", ", rt::jsonString(clause.id),
                       rt::jsonString(program.policies[clause.policy].id), partialKindName(v.kind));
    if (v.kind == PartialVerdict::Kind::Decided) {
      // The clause's own entries of the result, as zc eval --json writes them.
      std::string awards, errors;
      for (const rt::Award& a : result.awards) {
        if (a.clause != clause.id) continue;
        awards += fmt::format("{}{{\"clause\": {}{}, \"beneficiary\": {}, \"amount\": {}, \"manual\": {}}}",
                              awards.empty() ? "" : ", ", rt::jsonString(a.clause),
                              a.item ? ", \"item\": " + rt::jsonString(*a.item) : "", rt::jsonString(a.beneficiary),
                              a.hasAmount ? "\"" + rt::formatMoney(a.amount) + "\"" : "null", a.manual);
      }
      for (const rt::ClauseError& e : result.errors) {
        if (e.clause != clause.id) continue;
        errors +=
            fmt::format("{}{{\"clause\": {}{}, \"message\": {}}}", errors.empty() ? "" : ", ", rt::jsonString(e.clause),
                        e.item ? ", \"item\": " + rt::jsonString(*e.item) : "", rt::jsonString(e.message));
      }
      out += fmt::format(", \"awards\": [{}], \"errors\": [{}]", awards, errors);
    }
    if (v.kind == PartialVerdict::Kind::NotEligible)
      out += fmt::format(", \"{}\": {}", v.excluded ? "excluded_by" : "failed_condition",
                         rt::jsonString(snippet(sources, v.failed)));
    if (v.kind == PartialVerdict::Kind::Eligible || v.kind == PartialVerdict::Kind::Possible)
      out += ", \"missing\": " + names(v.missing);
    out += "}";
  }
  return out + "], \"missing\": " + names(partial.missing) + "}";
}

}  // namespace zc
