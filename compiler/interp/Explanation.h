// Renders an evaluation trace for the official who signs the award: per
// clause, its source sentence, whether it fired and why, and the numbers.
#pragma once

#include <string>

#include "interp/Interpreter.h"

namespace zc {

std::string renderExplanation(const SourceManager& sources, const ir::Program& program, const Evaluation& evaluation);

}  // namespace zc
