/* The runtime functions behind the language's builtin calls (最小, 年份, …). */
#include "zc/runtime.h"

void zc_dec_min(const zc_dec* a, const zc_dec* b, zc_dec* out) { *out = zc_dec_compare(a, b) <= 0 ? *a : *b; }
void zc_dec_max(const zc_dec* a, const zc_dec* b, zc_dec* out) { *out = zc_dec_compare(a, b) >= 0 ? *a : *b; }
int64_t zc_int_min(int64_t a, int64_t b) { return a < b ? a : b; }
int64_t zc_int_max(int64_t a, int64_t b) { return a > b ? a : b; }

zc_status zc_dec_abs(const zc_dec* a, zc_dec* out) { return a->num < 0 ? zc_dec_neg(a, out) : (*out = *a, ZC_OK); }

int64_t zc_date_year(zc_date date) {
  int32_t y, m, d;
  zc_date_parts(date, &y, &m, &d);
  return y;
}

int64_t zc_date_month(zc_date date) {
  int32_t y, m, d;
  zc_date_parts(date, &y, &m, &d);
  return m;
}

int64_t zc_date_day(zc_date date) {
  int32_t y, m, d;
  zc_date_parts(date, &y, &m, &d);
  return d;
}

int64_t zc_date_diff_days(zc_date from, zc_date to) { return (int64_t)to - (int64_t)from; }

zc_status zc_no_dated_value(const zc_dec* unused, zc_dec* out) {
  (void)unused;
  out->num = 0;
  out->den = 1;
  return ZC_ERR_NO_VALUE;
}
