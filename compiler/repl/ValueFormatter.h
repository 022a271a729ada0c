// A value of a checked type as the REPL shows it, written as the source
// would write it: 真, "text", enum values, dates (interp/ValueText.h, the
// explanation's formatter), and a quantity in its unit, annotated.
// It needs only the ruleset's symbols (for enum values and unit names), so
// anything that prints values of a ruleset can share it.
#pragma once

#include <string>

#include "sema/Symbols.h"
#include "zc/record.h"

namespace zc::repl {

class ValueFormatter {
 public:
  explicit ValueFormatter(const sema::Symbols& symbols) : symbols_(symbols) {}

  // `annotate` adds to a quantity the same value in a larger declared unit
  // where that reads better: 300000 元 (30 万元).
  std::string formatValue(const sema::Type& type, const rt::Scalar& value, bool annotate) const;
  // A field of a record as it is: 无 when an optional field is absent, a
  // list in brackets, its sub-records in braces.
  std::string formatField(const sema::FieldInfo& field, const rt::FieldValue& value) const;

 private:
  std::string formatQuantity(zc_dec value, const Unit& unit, bool annotate) const;

  const sema::Symbols& symbols_;
};

}  // namespace zc::repl
