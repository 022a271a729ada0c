// The decoding behind records as offices keep them (docs/results.md): 是/否
// and thousands separators in CSV cells, UTF-8 checked and GB18030 decoded,
// and an Excel sheet's day numbers and column names.
#include <catch2/catch.hpp>

#include "zc/csv.h"
#include "zc/text_encoding.h"
#include "zc/xlsx.h"

using namespace zc::rt;

namespace {

RecordSchema officeSchema() {
  RecordSchema s;
  s.fields = {FieldSchema{.name = "id", .kind = Kind::Text, .required = true},
              FieldSchema{.name = "高新", .kind = Kind::Flag},
              FieldSchema{.name = "收入", .kind = Kind::Dec, .unit = "万元"},
              FieldSchema{.name = "单价", .kind = Kind::Dec, .unit = "元/平方米"},
              FieldSchema{.name = "员工", .kind = Kind::Count}};
  s.keyField = 0;
  return s;
}

std::string rowJson(const std::vector<std::string>& cells) {
  static const RecordSchema schema = officeSchema();  // the converter points into it
  CsvRowToJson toJson(schema, {"id", "高新", "收入", "单价", "员工"});
  std::string json;
  std::string problem = toJson.append(cells, json);
  return problem.empty() ? json : "error: " + problem;
}

}  // namespace

TEST_CASE("csv cells: 是/否 are flags, thousands are grouped only in money", "[csv]") {
  CHECK(rowJson({"E1", "是", "", "", ""}) == "{\"id\": \"E1\", \"高新\": true}");
  CHECK(rowJson({"E1", "否", "", "", ""}) == "{\"id\": \"E1\", \"高新\": false}");
  CHECK(rowJson({"E1", "", "1,200", "", ""}) == "{\"id\": \"E1\", \"收入\": \"1200\"}");
  CHECK(rowJson({"E1", "", "-12,345,678.90", "", ""}) == "{\"id\": \"E1\", \"收入\": \"-12345678.90\"}");
  // Not a grouping: left as written, for the reader to refuse by name.
  for (const char* odd : {"1,20", "1,2000", ",200", "0,200", "1,,200", "1234,567", "1,200,00"}) {
    INFO(odd);
    CHECK(rowJson({"E1", "", odd, "", ""}) == "{\"id\": \"E1\", \"收入\": \"" + std::string(odd) + "\"}");
  }
  // A rate is not money; a count is not either.
  CHECK(rowJson({"E1", "", "", "1,200", ""}) == "{\"id\": \"E1\", \"单价\": \"1,200\"}");
  CHECK(rowJson({"E1", "", "", "", "1,200"}) == "{\"id\": \"E1\", \"员工\": \"1,200\"}");
}

TEST_CASE("csv cells: text that is not UTF-8 names its field and the encoding to say", "[csv]") {
  CHECK(rowJson({"E1", "", "", "", "\xBC\xD7"}) ==
        "error: field 员工: the cell is not UTF-8 text; a file saved by Excel in China is GBK: say --encoding gbk");
  CHECK(rowJson({"E1\xE7\x94", "", "", "", ""}).starts_with("error: field id: the cell is not UTF-8"));
}

TEST_CASE("text encoding: UTF-8 checked, GB18030 decoded across buffers", "[encoding]") {
  CHECK(isUtf8("甲公司 abc"));
  CHECK(!isUtf8("\xBC\xD7"));       // 甲 in GBK
  CHECK(!isUtf8("\xE7\x94"));       // cut off
  CHECK(isUtf8("\xE7\x94", true));  // cut off where the input read so far ends
  CHECK(!isUtf8("\xC0\xAF"));       // an overlong /
  TextEncoding e;
  CHECK((parseTextEncoding("GBK", e) && e == TextEncoding::Gb18030));
  CHECK((parseTextEncoding("utf8", e) && e == TextEncoding::Utf8));
  CHECK(!parseTextEncoding("latin1", e));

  Gb18030Decoder decoder;
  std::string out;
  // 甲公司 in GBK, split inside its second character.
  decoder.decode("\xBC\xD7\xB9", false, out);
  decoder.decode("\xAB\xCB\xBE", false, out);
  decoder.decode("", true, out);
  CHECK(out == "甲公司");
  // A byte GB18030 does not have becomes U+FFFD, and decoding goes on.
  Gb18030Decoder other;
  out.clear();
  other.decode(
      "a\xFF"
      "b",
      true, out);
  CHECK(out ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("xlsx: day numbers as dates, columns by letter", "[xlsx]") {
  CHECK(xlsxSerialToDate("45352", false) == "2024-03-01");
  CHECK(xlsxSerialToDate("61", false) == "1900-03-01");
  CHECK(xlsxSerialToDate("60", false).empty());  // 1900-02-29, which never was
  CHECK(xlsxSerialToDate("0", true) == "1904-01-01");
  CHECK(xlsxSerialToDate("45352.5", false).empty());
  CHECK(xlsxSerialToDate("-1", false).empty());
  CHECK(xlsxSerialToDate("99999999999", false).empty());
  CHECK(xlsxColumnName(0) == "A");
  CHECK(xlsxColumnName(25) == "Z");
  CHECK(xlsxColumnName(26) == "AA");
  CHECK(xlsxColumnName(16383) == "XFD");
}
