#include "ir/ParamRange.h"

namespace zc::ir {

namespace {

// -1, 0 or 1 as a is below, equal to or above b; only numbers have ranges.
int compare(rt::Kind kind, const rt::Scalar& a, const rt::Scalar& b) {
  if (kind == rt::Kind::Dec) return zc_dec_compare(&a.d, &b.d);
  return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
}

}  // namespace

bool inRange(const Param& param, const rt::Scalar& value) {
  if (!param.range) return true;
  const ParamRange& range = *param.range;
  rt::Kind kind = param.schema.kind;
  if (range.lo && compare(kind, value, *range.lo) < (range.loClosed ? 0 : 1)) return false;
  if (range.hi && compare(kind, value, *range.hi) > (range.hiClosed ? 0 : -1)) return false;
  return true;
}

bool isEmpty(const ParamRange& range, rt::Kind kind) {
  if (!range.lo || !range.hi) return false;
  int order = compare(kind, *range.lo, *range.hi);
  return order > 0 || (order == 0 && !(range.loClosed && range.hiClosed));
}

}  // namespace zc::ir
