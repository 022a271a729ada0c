#include "zc/params.h"

namespace zc::rt {

namespace {

// -1, 0 or 1 as a is below, equal to or above b.
int compare(Kind kind, const Scalar& a, const Scalar& b) {
  if (kind == Kind::Dec) return zc_dec_compare(&a.d, &b.d);
  return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
}

}  // namespace

bool inRange(const ParamRange& range, Kind kind, const Scalar& value) {
  if (range.lo && compare(kind, value, *range.lo) < (range.loClosed ? 0 : 1)) return false;
  if (range.hi && compare(kind, value, *range.hi) > (range.hiClosed ? 0 : -1)) return false;
  return true;
}

bool isEmpty(const ParamRange& range, Kind kind) {
  if (!range.lo || !range.hi) return false;
  int order = compare(kind, *range.lo, *range.hi);
  return order > 0 || (order == 0 && !(range.loClosed && range.hiClosed));
}

std::string readParamValue(const FieldSchema& schema, const ParamRange* range, std::string_view text, Scalar& value) {
  Scalar parsed = value;
  bool absent = false;
  std::string problem = parseScalarText(schema, text, ScalarSyntax::Plain, parsed, &absent);
  if (!problem.empty()) return problem;
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
      case Kind::Dec: pointers_[i] = &values[i].d; break;
      case Kind::Text:
        texts_[i] = {values[i].text.data(), static_cast<int64_t>(values[i].text.size())};
        pointers_[i] = &texts_[i];
        break;
      default: pointers_[i] = &values[i].i; break;
    }
  }
  return pointers_.data();
}

}  // namespace zc::rt
