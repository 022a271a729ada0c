// zc run --explain: each chosen record explained as zc eval explains it, and
// with the steps of the whole run that zc eval cannot show — its awards'
// shares of the 资金池s, its places out of how many records each 排名 ranked.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "driver/BulkRunner.h"
#include "source/SourceManager.h"

namespace zc {

// Writes the explanation of each record in `summary.explained` to `out`:
// text for people, or (json) one zhengce-explain document a line. The
// records are explained by the interpreter, with the parameters in force;
// each result is the row the run wrote, after the pools. `params`: every
// parameter's value in force. False when a record could not be explained
// (said on stderr).
bool writeRunExplanations(const SourceManager& sources, const ir::Program& program,
                          const std::vector<rt::Scalar>& params, const BulkSummary& summary,
                          const std::string& inputName, bool json, std::FILE* out);

}  // namespace zc
