// Whether a parameter's value lies in its declared range: asked by the
// checker of the default, and when --param or :set gives a new value.
#pragma once

#include "ir/Ir.h"

namespace zc::ir {

// True when the parameter declares no range.
bool inRange(const Param& param, const rt::Scalar& value);

// Whether any value lies between the bounds (not "(5, 5)" or "[7, 3]").
bool isEmpty(const ParamRange& range, rt::Kind kind);

}  // namespace zc::ir
