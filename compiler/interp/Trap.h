// A run-time error inside the interpreter, thrown from the instruction that
// failed to the step that records it.
#pragma once

#include <cstdint>

#include "zc/runtime.h"

namespace zc {

struct Trap {
  zc_status status;
  int32_t site;
};

}  // namespace zc
