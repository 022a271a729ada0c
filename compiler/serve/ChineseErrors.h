// zc serve's refusals as the page and API clients read them: a message in
// Chinese, a code that stays the same whatever the wording, and the field a
// record's problem names. zc run writes the reader's own English (the same
// problems, for people at a terminal and for scripts that compare runs).
#pragma once

#include <string>
#include <string_view>

#include "zc/json_reader.h"

namespace zc::serve {

struct Refusal {
  std::string code;     // "field_type", "out_of_range", "not_found", …: docs/serve.md lists them
  std::string message;  // in Chinese
  std::string field;    // the field a record's problem names, or empty
};

// One problem as the record reader words it (rt::parseScalarText,
// rt::refusedValue, the JSON reader) in Chinese, with its code. A wording
// this does not know keeps its English after a Chinese lead, never lost.
Refusal chineseProblem(std::string_view english);

// A record that could not be read: its first problem's code and field, and
// every problem in Chinese, "字段 营业收入：…；字段 …".
Refusal recordRefusal(const rt::DecodeOutcome& outcome);

// A record the ruleset could not evaluate (its totals no longer fit), from
// the runtime's wording of the error (rt::formatEvalError).
Refusal evaluationRefusal(std::string_view english);

}  // namespace zc::serve
