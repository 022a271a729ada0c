#include "serve/ChineseErrors.h"

#include "serve/HttpErrorText.h"

namespace zc::serve {

Refusal recordRefusal(const rt::DecodeOutcome& outcome) {
  if (outcome.errors.empty()) return {"unreadable", "无法读取这条记录", ""};
  const rt::DecodeProblem& first = outcome.errors.front();
  return {rt::problemCode(first.problem), outcome.describeInChinese(), first.field};
}

Refusal evaluationRefusal(const rt::ResultTable& table, const rt::EvalError& error) {
  std::string words = rt::chineseEvalError(table, error);
  return {"evaluation_failed", error.site < 0 && error.status != ZC_ERR_RULE ? words : "无法计算：" + words, ""};
}

Refusal httpRefusal(const HttpError& error) { return {std::string(httpErrorCode(error)), httpErrorWords(error), ""}; }

}  // namespace zc::serve
