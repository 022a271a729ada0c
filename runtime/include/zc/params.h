// Parameters as every engine takes them: a new value read from its text and
// checked against the range its declaration gives, by zc run's --param, the
// REPL's :set, zc serve and a compiled library's set_param alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zc/batch.h"
#include "zc/record.h"

namespace zc::rt {

// A parameter's new value from its text: parsed as the parameter's kind and
// unit, then held against its range (null: none). Returns an error message
// without the parameter's name ("-1 is outside the range (0, ∞) that the
// ruleset declares for it"), or empty.
std::string readParamValue(const FieldSchema& schema, const ValueRange* range, std::string_view text, Scalar& value);

// "the ruleset has no parameter 'X' (it has: A, B)": `names` in declaration
// order, a dated parameter's name once an entry.
std::string unknownParam(std::string_view name, const std::vector<std::string_view>& names);

// A parameter's values as compiled code takes them: params[i] points at the
// value of parameter i (zc/batch.h). Rebuilt after the values change.
class ParamPointers {
 public:
  const void* const* of(const std::vector<Kind>& kinds, const std::vector<Scalar>& values);

 private:
  std::vector<zc_text> texts_;
  std::vector<const void*> pointers_;
};

}  // namespace zc::rt
