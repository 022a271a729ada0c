// Renders an evaluation trace for the official who signs the award: per
// clause, its source sentence, whether it fired and why, and the numbers.
#pragma once

#include <string>

#include "engine/RunFigures.h"
#include "interp/Interpreter.h"

namespace zc {

// `run`: what zc run decided for the record over the whole run (its pool
// shares, the rankings' sizes), shown after the record's own steps; null
// for a record evaluated alone.
std::string renderExplanation(const SourceManager& sources, const ir::Program& program, const Evaluation& evaluation,
                              const RunFigures* run = nullptr);

}  // namespace zc
