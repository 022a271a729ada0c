// zc serve's refusals as the page and API clients read them: a message in
// Chinese, a code that stays the same whatever the wording, and the field a
// record's problem names. Both are rendered from the problem's value
// (zc/problem.h), which zc run words in English.
#pragma once

#include <string>

#include "serve/HttpRequestParser.h"
#include "zc/json_reader.h"
#include "zc/outcome.h"

namespace zc::serve {

struct Refusal {
  std::string code;     // "field_type", "out_of_range", "not_found", …: docs/serve.md lists them
  std::string message;  // in Chinese
  std::string field;    // the field a record's problem names, or empty
};

// A record that could not be read: its first problem's code and field, and
// every problem in Chinese, "字段 营业收入：…；字段 …".
Refusal recordRefusal(const rt::DecodeOutcome& outcome);

// A record the ruleset could not evaluate (its totals no longer fit).
Refusal evaluationRefusal(const rt::ResultTable& table, const rt::EvalError& error);

// A request the HTTP layer cannot read or answer (serve/HttpErrorText.h).
Refusal httpRefusal(const HttpError& error);

}  // namespace zc::serve
