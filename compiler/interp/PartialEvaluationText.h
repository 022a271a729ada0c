// zc eval --partial's answer: for people (text) and programs (JSON), in
// docs/results.md's words.
#pragma once

#include <string>

#include "interp/PartialEvaluation.h"
#include "source/SourceManager.h"

namespace zc {

std::string renderPartialText(const SourceManager& sources, const ir::Program& program,
                              const PartialEvaluation& partial);
std::string renderPartialJson(const SourceManager& sources, const ir::Program& program,
                              const PartialEvaluation& partial);

}  // namespace zc
