// Tests of the runtime's proleptic Gregorian dates.
#include <zc/runtime.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

zc_status parse(const std::string& text, zc_date* out) { return zc_date_parse(text.data(), text.size(), out); }

zc_date date(int64_t year, int64_t month, int64_t day) {
  zc_date out = 0;
  REQUIRE(zc_date_make(year, month, day, &out) == ZC_OK);
  return out;
}

std::string str(zc_date value) {
  char buf[11];
  REQUIRE(zc_date_format(value, buf) == 10);
  REQUIRE(std::strlen(buf) == 10);
  return buf;
}

// An independent statement of the calendar rules for the day-by-day walk.
int month_length(int year, int month) {
  if (month == 2) return year % 400 == 0 || (year % 4 == 0 && year % 100 != 0) ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

}  // namespace

TEST_CASE("date known day numbers", "[runtime][date]") {
  CHECK(date(1970, 1, 1) == 0);
  CHECK(date(1970, 1, 2) == 1);
  CHECK(date(1969, 12, 31) == -1);
  CHECK(date(2000, 1, 1) == 10957);
  CHECK(date(2000, 3, 1) - date(2000, 2, 28) == 2);
  CHECK(date(1900, 3, 1) - date(1900, 2, 28) == 1);
  CHECK(date(2024, 3, 1) - date(2024, 2, 28) == 2);
  CHECK(date(1, 1, 1) == -719162);
  CHECK(date(9999, 12, 31) == 2932896);
}

TEST_CASE("date make validates the calendar", "[runtime][date]") {
  zc_date out = 0;
  CHECK(zc_date_make(2024, 2, 29, &out) == ZC_OK);
  CHECK(zc_date_make(2023, 2, 29, &out) == ZC_ERR_BAD_DATE);
  CHECK(zc_date_make(2000, 2, 29, &out) == ZC_OK);
  CHECK(zc_date_make(1900, 2, 29, &out) == ZC_ERR_BAD_DATE);
  CHECK(zc_date_make(2023, 4, 31, &out) == ZC_ERR_BAD_DATE);
  CHECK(zc_date_make(2023, 12, 31, &out) == ZC_OK);
  CHECK(zc_date_make(2023, 13, 1, &out) == ZC_ERR_BAD_DATE);
  CHECK(zc_date_make(2023, 0, 1, &out) == ZC_ERR_BAD_DATE);
  CHECK(zc_date_make(2023, 1, 0, &out) == ZC_ERR_BAD_DATE);
  CHECK(zc_date_make(0, 12, 31, &out) == ZC_ERR_BAD_DATE);
  CHECK(zc_date_make(10000, 1, 1, &out) == ZC_ERR_BAD_DATE);
  CHECK(zc_date_make(INT64_MIN, 1, 1, &out) == ZC_ERR_BAD_DATE);
  CHECK(zc_date_make(2023, INT64_MAX, 1, &out) == ZC_ERR_BAD_DATE);
}

TEST_CASE("date parse", "[runtime][date]") {
  zc_date out = -1;
  REQUIRE(parse("1970-01-01", &out) == ZC_OK);
  CHECK(out == 0);
  REQUIRE(parse("2024-02-29", &out) == ZC_OK);
  CHECK(out == date(2024, 2, 29));
  CHECK(parse("2023-02-29", &out) == ZC_ERR_BAD_DATE);
  CHECK(parse("2023-02-30", &out) == ZC_ERR_BAD_DATE);
  CHECK(parse("2023-13-01", &out) == ZC_ERR_BAD_DATE);
  CHECK(parse("0000-01-01", &out) == ZC_ERR_BAD_DATE);
  for (const char* bad :
       {"", "2023-1-01", "2023-01-1", "23-01-01", "2023/01/01", "2023-01-01 ", " 2023-01-01", "20230101", "2023-01-011",
        "+023-01-01", "2023-0a-01", "2023--1-01", "2023-01-01T00:00", "２０２３-01-01"}) {
    INFO("text: " << bad);
    CHECK(parse(bad, &out) == ZC_ERR_SYNTAX);
  }
  CHECK(zc_date_parse("2023-01-01", 9, &out) == ZC_ERR_SYNTAX);
}

TEST_CASE("date format", "[runtime][date]") {
  CHECK(str(0) == "1970-01-01");
  CHECK(str(date(2024, 2, 29)) == "2024-02-29");
  CHECK(str(date(1, 1, 1)) == "0001-01-01");
  CHECK(str(date(9999, 12, 31)) == "9999-12-31");
  CHECK(str(date(987, 6, 5)) == "0987-06-05");
  CHECK(str(date(1, 1, 1) - 1) == "0000-00-00");
  CHECK(str(date(9999, 12, 31) + 1) == "0000-00-00");
  CHECK(str(INT32_MIN) == "0000-00-00");
  CHECK(str(INT32_MAX) == "0000-00-00");
}

TEST_CASE("date every day from 0001-01-01 to 9999-12-31 round-trips", "[runtime][date]") {
  // Walks the calendar with the rules above and checks each day against
  // make, parts, format and parse; stops at the first mismatch.
  zc_date expected = date(1, 1, 1);
  long days = 0;
  for (int year = 1; year <= 9999; year++) {
    for (int month = 1; month <= 12; month++) {
      for (int day = 1; day <= month_length(year, month); day++, expected++, days++) {
        zc_date made = 0, parsed = 0;
        int32_t y = 0, m = 0, d = 0;
        char buf[11], want[16];
        std::snprintf(want, sizeof want, "%04d-%02d-%02d", year, month, day);
        zc_date_parts(expected, &y, &m, &d);
        zc_date_format(expected, buf);
        if (zc_date_make(year, month, day, &made) != ZC_OK || made != expected || y != year || m != month || d != day ||
            std::strcmp(buf, want) != 0 || zc_date_parse(buf, 10, &parsed) != ZC_OK || parsed != expected)
          FAIL("mismatch at " << want << ": made " << made << ", expected " << expected << ", parts " << y << "-" << m
                              << "-" << d << ", text " << buf);
      }
    }
  }
  CHECK(days == 3652059);
  CHECK(expected == date(9999, 12, 31) + 1);
}
