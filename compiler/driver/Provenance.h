// A run's provenance: which rules (the SHA-256 of the source files zc build
// would stamp into a library), which zc, which day.
#pragma once

#include "frontend/Frontend.h"
#include "io/ResultSink.h"

namespace zc {

Provenance provenanceOf(const frontend::Compilation& compilation);

}  // namespace zc
