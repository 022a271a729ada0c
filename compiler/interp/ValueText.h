// Values as people read them, written as the source would write them:
// flags as 真/假, texts quoted, enum values, dates, an absent field as 无,
// and quantities in their unit (ir::ShownUnit), a ratio also as a
// percentage. The one formatter of the explanation (and so of zc serve's
// page, which shows the explanation's text) and of the REPL, which builds
// its quantities in sema's units on these.
#pragma once

#include <string>

#include "ir/Ir.h"
#include "zc/record.h"

namespace zc {

// An optional field that was not given, as 匹配 writes it.
inline constexpr const char* kAbsentText = "无";

// A date as 2024-01-31.
std::string showDate(zc_date date);
// A text in quotes, " and \ escaped, a line break as \n.
std::string showText(std::string_view text);
// An enum value as it is written: a name bare, anything else ("50项目") quoted.
std::string showEnumValue(std::string_view value);

// A decimal as it is written: 84000, 0.083333333333333333.
std::string showDecimal(const zc_dec& d);
// A value the IR computed, of machine type `type`, in `unit`.
std::string showValue(ir::Type type, const rt::Scalar& value, const ir::ShownUnit& unit);
// A scalar of a record field or parameter, with the field's unit.
std::string showScalar(const rt::FieldSchema& field, const rt::Scalar& value);
// One item of a list field: its sub-fields' values, or its value.
std::string showListItem(const rt::FieldSchema& field, const rt::FieldValue& list, size_t position);
// A whole field: 无, a scalar, or a list in brackets.
std::string showField(const rt::FieldSchema& field, const rt::FieldValue& value);

}  // namespace zc
