// Values as an explanation shows them: flags as 真/假, texts quoted, dates,
// and quantities in their unit (ir::ShownUnit), a ratio also as a
// percentage. The trace's one formatter: the interpreter records what these
// return, the renderers print it.
#pragma once

#include <string>

#include "ir/Ir.h"
#include "zc/record.h"

namespace zc {

// An optional field that was not given.
inline constexpr const char* kAbsentText = "(absent)";

// A decimal as it is written: 84000, 0.083333333333333333.
std::string showDecimal(const zc_dec& d);
// A value the IR computed, of machine type `type`, in `unit`.
std::string showValue(ir::Type type, const rt::Scalar& value, const ir::ShownUnit& unit);
// A scalar of a record field or parameter, with the field's unit.
std::string showScalar(const rt::FieldSchema& field, const rt::Scalar& value);
// One item of a list field: its sub-fields' values, or its value.
std::string showListItem(const rt::FieldSchema& field, const rt::FieldValue& list, size_t position);
// A whole field: (absent), a scalar, or a list in brackets.
std::string showField(const rt::FieldSchema& field, const rt::FieldValue& value);

}  // namespace zc
