#include "zc/runtime.h"

/* Like the decimal operations, *out is left untouched on failure rather than
 * receiving the wrapped value the builtins produce. */

zc_status zc_int_add(int64_t a, int64_t b, int64_t* out) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return ZC_ERR_OVERFLOW;
  *out = r;
  return ZC_OK;
}

zc_status zc_int_sub(int64_t a, int64_t b, int64_t* out) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) return ZC_ERR_OVERFLOW;
  *out = r;
  return ZC_OK;
}

zc_status zc_int_mul(int64_t a, int64_t b, int64_t* out) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return ZC_ERR_OVERFLOW;
  *out = r;
  return ZC_OK;
}
