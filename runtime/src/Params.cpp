#include "zc/params.h"

namespace zc::rt {

std::string readParamValue(const FieldSchema& schema, const ValueRange* range, std::string_view text, Scalar& value) {
  Scalar parsed = value;
  bool absent = false;
  Problem problem = parseScalarText(schema, text, ScalarSyntax::Plain, parsed, &absent);
  if (!problem.empty()) return english(problem);
  if (range != nullptr && !inRange(*range, schema.kind, parsed))
    return std::string(text) + " is outside the range " + range->text + " that the ruleset declares for it";
  value = std::move(parsed);
  return "";
}

std::string unknownParam(std::string_view name, const std::vector<std::string_view>& names) {
  std::string known;
  for (size_t i = 0; i < names.size(); ++i)
    if (i == 0 || names[i] != names[i - 1]) known += std::string(known.empty() ? "" : ", ") + std::string(names[i]);
  return "the ruleset has no parameter '" + std::string(name) + "'" + (known.empty() ? "" : " (it has: " + known + ")");
}

const void* const* ParamPointers::of(const std::vector<Kind>& kinds, const std::vector<Scalar>& values) {
  texts_.resize(values.size());
  pointers_.resize(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    switch (kinds[i]) {
      case Kind::Dec:
        pointers_[i] = &values[i].d;
        break;
      case Kind::Text:
        texts_[i] = {values[i].text.data(), static_cast<int64_t>(values[i].text.size())};
        pointers_[i] = &texts_[i];
        break;
      default:
        pointers_[i] = &values[i].i;
        break;
    }
  }
  return pointers_.data();
}

}  // namespace zc::rt
