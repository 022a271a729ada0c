// Renders an evaluation trace as JSON for programs (zc eval --explain=json,
// zc serve's POST /explain): what the text explanation shows, as fields.
// The schema is docs/explain-json.md; its "schema" field names the version.
#pragma once

#include <string>

#include "interp/Interpreter.h"

namespace zc {

// "zhengce-explain/2": changes when a field changes meaning or goes away, not
// when one is added.
inline constexpr const char* kExplainJsonSchema = "zhengce-explain/2";

// The evaluation must have a result (no error of the whole record) and a trace.
std::string renderExplanationJson(const SourceManager& sources, const ir::Program& program, const Evaluation& evaluation);

}  // namespace zc
