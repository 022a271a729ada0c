/* Proleptic Gregorian dates as days since 1970-01-01. The conversions are
 * Howard Hinnant's days_from_civil / civil_from_days
 * (https://howardhinnant.github.io/date_algorithms.html): they count from
 * 0000-03-01 in 400-year eras so the leap day falls at the end of each
 * counted year. Internal arithmetic is 64-bit so any zc_date converts. */
#include <stdbool.h>

#include "zc/runtime.h"

static bool is_leap(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

static int64_t days_in_month(int64_t year, int64_t month) {
  static const int8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static int64_t floor_div(int64_t a, int64_t b) { return (a >= 0 ? a : a - (b - 1)) / b; }

static int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = floor_div(y, 400);
  int64_t yoe = y - era * 400;                                   /* [0, 399] */
  int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
  return era * 146097 + doe - 719468;
}

zc_status zc_date_make(int64_t year, int64_t month, int64_t day, zc_date* out) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return ZC_ERR_BAD_DATE;
  *out = (zc_date)days_from_civil(year, month, day);
  return ZC_OK;
}

void zc_date_parts(zc_date date, int32_t* year, int32_t* month, int32_t* day) {
  int64_t z = (int64_t)date + 719468;
  int64_t era = floor_div(z, 146097);
  int64_t doe = z - era * 146097; /* [0, 146096] */
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* [0, 365] */
  int64_t mp = (5 * doy + 2) / 153;                      /* March = 0 */
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  *year = (int32_t)(yoe + era * 400 + (m <= 2));
  *month = (int32_t)m;
  *day = (int32_t)(doy - (153 * mp + 2) / 5 + 1);
}

static bool digits_at(const char* text, size_t start, size_t count, int64_t* value) {
  *value = 0;
  for (size_t i = start; i < start + count; i++) {
    if (text[i] < '0' || text[i] > '9') return false;
    *value = *value * 10 + (text[i] - '0');
  }
  return true;
}

zc_status zc_date_parse(const char* text, size_t length, zc_date* out) {
  int64_t year, month, day;
  if (length != 10 || text[4] != '-' || text[7] != '-' || !digits_at(text, 0, 4, &year) ||
      !digits_at(text, 5, 2, &month) || !digits_at(text, 8, 2, &day))
    return ZC_ERR_SYNTAX;
  return zc_date_make(year, month, day, out);
}

/* Dates outside years 1..9999 (reachable only through unchecked date
 * arithmetic) print as the impossible "0000-00-00" rather than overrun the
 * 11 bytes. */
size_t zc_date_format(zc_date date, char* buf) {
  int32_t year, month, day;
  zc_date_parts(date, &year, &month, &day);
  if (year < 1 || year > 9999) year = month = day = 0;
  int32_t fields[3] = {year, month, day};
  static const int widths[3] = {4, 2, 2};
  char* p = buf;
  for (int f = 0; f < 3; f++) {
    if (f > 0) *p++ = '-';
    for (int i = widths[f] - 1; i >= 0; i--) {
      p[i] = (char)('0' + fields[f] % 10);
      fields[f] /= 10;
    }
    p += widths[f];
  }
  *p = '\0';
  return 10;
}

zc_status zc_date_add_months(zc_date date, int64_t months, zc_date* out) {
  int32_t y, m, d;
  zc_date_parts(date, &y, &m, &d);
  if (months > 12 * 10000 || months < -12 * 10000) return ZC_ERR_BAD_DATE;
  int64_t index = (int64_t)y * 12 + (m - 1) + months; /* months since 0000-01 */
  int64_t year = floor_div(index, 12), month = index - year * 12 + 1;
  if (year < 1 || year > 9999) return ZC_ERR_BAD_DATE;
  int64_t last = days_in_month(year, month);
  return zc_date_make(year, month, d < last ? d : last, out);
}

int64_t zc_date_months_between(zc_date from, zc_date to) {
  if (to < from) return -zc_date_months_between(to, from);
  int32_t y1, m1, d1, y2, m2, d2;
  zc_date_parts(from, &y1, &m1, &d1);
  zc_date_parts(to, &y2, &m2, &d2);
  int64_t months = ((int64_t)y2 - y1) * 12 + (m2 - m1);
  zc_date reached;
  /* One month too many when the day of the month is not reached yet. */
  if (months > 0 && (zc_date_add_months(from, months, &reached) != ZC_OK || reached > to)) months--;
  return months;
}
