// The one formatter of values for people (interp/ValueText.h): what an
// explanation, zc serve's page and the REPL show.
#include <catch2/catch.hpp>

#include "interp/ValueText.h"
#include "source/Utf8.h"

using namespace zc;

TEST_CASE("a text is quoted with its quotes, backslashes and line breaks escaped") {
  CHECK(showText("昌江区") == "\"昌江区\"");
  CHECK(showText("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(showText("a\\b") == "\"a\\\\b\"");
  CHECK(showText("two\nlines") == "\"two\\nlines\"");
}

TEST_CASE("an enum value is bare when it is a name, quoted when it is not") {
  CHECK(showEnumValue("国家级") == "国家级");
  CHECK(showEnumValue("A_1") == "A_1");
  CHECK(showEnumValue("50项目") == "\"50项目\"");
  CHECK(showEnumValue("境内 首发") == "\"境内 首发\"");
  CHECK(showEnumValue("") == "\"\"");
}

TEST_CASE("an absent field reads 无, in a list's records too") {
  rt::FieldSchema level{.name = "级别", .kind = rt::Kind::Enum, .optional = true, .enumValues = {"国家级", "省级"}};
  CHECK(showField(level, rt::FieldValue{}) == "无");
  rt::FieldValue given{};
  given.present = true;
  given.scalar.i = 1;
  CHECK(showField(level, given) == "省级");
  rt::FieldSchema list{.name = "项目", .kind = rt::Kind::Record, .list = true, .subFields = {level}};
  rt::FieldValue rows{};
  rows.present = true;
  rows.rows.push_back({{rt::Scalar{}}, {0}});
  CHECK(showField(list, rows) == "[{级别: 无}]");
}

TEST_CASE("names are the grammar's: letters, digits, _ and CJK ideographs") {
  CHECK(isNameCharacter(U'奖'));
  CHECK(isNameCharacter(U'_'));
  CHECK_FALSE(isNameCharacter(U'×'));
  CHECK_FALSE(isNameCharacter(U'（'));
}
