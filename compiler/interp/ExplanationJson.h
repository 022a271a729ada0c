// Renders an evaluation trace as JSON for programs (zc eval --explain=json,
// zc serve's POST /explain): what the text explanation shows, as fields.
// The schema is docs/explain-json.md; its "schema" field names the version.
#pragma once

#include <string>

#include "engine/RunFigures.h"
#include "interp/Interpreter.h"

namespace zc {

// "zhengce-explain/2": changes when a field changes meaning or goes away, not
// when one is added.
inline constexpr const char* kExplainJsonSchema = "zhengce-explain/2";

// The evaluation must have a result (no error of the whole record) and a trace.
// `run`: what zc run decided for the record over the whole run; it adds each
// pooled clause's "pool" and each ranking's "ranked" (docs/explain-json.md).
// `indent`: false writes the document on one line (zc run's JSON Lines).
std::string renderExplanationJson(const SourceManager& sources, const ir::Program& program,
                                  const Evaluation& evaluation, const RunFigures* run = nullptr, bool indent = true);

}  // namespace zc
