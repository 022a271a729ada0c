// The seed policies' record schema, compiled once per fuzzing process: the
// record targets decode against it.
#pragma once

#include <cstdlib>
#include <string>

#include "frontend/Frontend.h"

namespace zc::fuzz {

inline const rt::RecordSchema& seedSchema() {
  static const frontend::Compilation compilation =
      frontend::compile({.paths = {std::string(ZC_SOURCE_DIR) + "/examples/seed-policies/all.zc"}});
  if (!compilation.ok()) std::abort();  // the seed ruleset itself must check
  return compilation.ruleset.program.schema;
}

}  // namespace zc::fuzz
