// The seed ruleset written by hand in C++ against the columnar batch: the
// practical limit the JIT is measured against. It calls the same runtime for
// multiplication and rounding, and its results are checked against the JIT's.
#pragma once

#include <string>

#include "ir/Ir.h"
#include "zc/batch.h"

namespace zc::bench {

// Finds the fields, enum values and clause slots it needs in the program.
bool prepareNativeSeed(const ir::Program& program, std::string& problem);
void evaluateNativeSeed(const zc_batch* batch, const void* const* params, zc_batch_result* result);

}  // namespace zc::bench
