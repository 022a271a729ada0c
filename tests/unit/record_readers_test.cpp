// The record readers behind `zc run`: CSV rows cut strictly (libcsv), a CSV
// row turned into the JSON object the JSON reader decodes, and the written
// form of numbers and nulls (docs/results.md, "What input is accepted").
#include <catch2/catch.hpp>
#include <sstream>

#include "zc/csv.h"
#include "zc/json_reader.h"

using namespace zc::rt;

namespace {

struct Row {
  size_t line;
  std::vector<std::string> cells;
  std::string error;
};

// Every row of the text, as the reader cuts it.
std::vector<Row> rowsOf(const std::string& text, std::vector<size_t>* blankLines = nullptr) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<Row> rows;
  Row row;
  while (reader.readRow(row.cells, row.line, row.error)) rows.push_back(row);
  if (blankLines != nullptr) *blankLines = reader.blankLines();
  return rows;
}

RecordSchema schema() {
  RecordSchema s;
  FieldSchema id{.name = "id", .kind = Kind::Text, .required = true};
  FieldSchema amount{.name = "外资", .kind = Kind::Dec, .unit = "万美元"};
  FieldSchema count{.name = "次数", .kind = Kind::Count};
  FieldSchema costs{.name = "费用", .kind = Kind::Dec, .list = true, .unit = "元"};
  s.fields = {id, amount, count, costs};
  s.keyField = 0;
  return s;
}

}  // namespace

TEST_CASE("csv: a stray quote fails its own row; the rows after it are read", "[csv]") {
  auto rows = rowsOf("a,b\nE1,x\"y\nE2,z\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].error.find("cell 2: a \" inside a cell") == 0);
  CHECK(rows[1].cells.empty());
  CHECK(rows[2].line == 3);
  CHECK(rows[2].error.empty());
  CHECK(rows[2].cells == std::vector<std::string>{"E2", "z"});
}

TEST_CASE("csv: a quote never closed fails at its line; the lines it took are read again", "[csv]") {
  auto rows = rowsOf("E1,\"open\nE2,b\nE3,c\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].line == 1);
  CHECK(rows[0].error == "cell 2: a quoted cell is not closed before the end of the file");
  CHECK(rows[1].cells == std::vector<std::string>{"E2", "b"});
  CHECK(rows[2].line == 3);
}

TEST_CASE("csv: quoted cells hold commas, doubled quotes and line breaks; CRLF ends a line", "[csv]") {
  auto rows = rowsOf("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nnext, spaced ,\r\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].cells == std::vector<std::string>{"a,b", "say \"hi\"", "two\nlines"});
  CHECK(rows[1].line == 3);
  // Every byte of an unquoted cell is kept.
  CHECK(rows[1].cells == std::vector<std::string>{"next", " spaced ", ""});
}

TEST_CASE("csv: text after a closing quote fails the row, naming the line it is on", "[csv]") {
  auto rows = rowsOf("E1,\"two\nlines\"x\nE2,b\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].error.find("cell 2 (line 2): text after the closing quote") == 0);
  CHECK(rows[1].line == 2);
  CHECK_FALSE(rows[1].error.empty());
  CHECK(rows[2].cells == std::vector<std::string>{"E2", "b"});
}

TEST_CASE("csv: a lone CR is an error of its line; a byte order mark and blank lines are skipped", "[csv]") {
  std::vector<size_t> blank;
  auto rows = rowsOf("\xEF\xBB\xBFid,x\n\nE1,a\rE2,b\n \t\nE3,c", &blank);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].cells == std::vector<std::string>{"id", "x"});
  CHECK(rows[1].line == 3);
  CHECK(rows[1].error.find("lone carriage return") != std::string::npos);
  CHECK(rows[2].cells == std::vector<std::string>{"E3", "c"});
  CHECK(blank == std::vector<size_t>{2, 4});
}

TEST_CASE("csv: a row longer than the limit fails instead of holding the file", "[csv]") {
  std::string big;
  for (int i = 0; i < 70; ++i) big += std::string(CsvReader::kMaxRowBytes / 64, 'x') + "\n";
  auto rows = rowsOf("E1,\"" + big + "E2,b\n");
  REQUIRE(!rows.empty());
  CHECK(rows[0].error.find("longer than 16 MiB") != std::string::npos);
  CHECK(rows.back().cells == std::vector<std::string>{"E2", "b"});
}

TEST_CASE("csv: a list cell is exactly one JSON array, else the row is an error", "[csv]") {
  RecordSchema s = schema();
  std::vector<std::string> header{"id", "外资", "次数", "费用"};
  CsvRowToJson toJson(s, header);
  std::string json;
  CHECK(toJson.append({"E1", "1", "2", "[5000, 1.5]"}, json).empty());
  CHECK(json == "{\"id\": \"E1\", \"外资\": \"1\", \"次数\": 2, \"费用\": [5000, 1.5]}");
  // A failed row leaves what was already appended as it was.
  json = "kept";
  CHECK(toJson.append({"E1", "", "", "[], \"外资\": 100000"}, json).find("field 费用: the cell is not one JSON list") ==
        0);
  CHECK(toJson.append({"E1", "", "", "[1] [2]"}, json).find("field 费用:") == 0);
  CHECK(toJson.append({"E1", "", "", "5000"}, json) == "field 费用: the cell is not a JSON list [ … ]");
  CHECK(json == "kept");
  // A whole number is raw only as digits: anything else is a text the reader names.
  json.clear();
  CHECK(toJson.append({"E1", "", "5-3", ""}, json).empty());
  CHECK(json == "{\"id\": \"E1\", \"次数\": \"5-3\"}");
}

TEST_CASE("numbers: one written form, JSON's without an exponent, in every syntax", "[record]") {
  FieldSchema amount{.name = "外资", .kind = Kind::Dec, .unit = "万美元"};
  Scalar out;
  bool absent;
  for (const char* good : {"0", "-0.5", "12.50", "100"}) {
    INFO(good);
    CHECK(parseScalarText(amount, good, ScalarSyntax::Plain, out, &absent).empty());
    CHECK(parseScalarText(amount, good, ScalarSyntax::JsonString, out, &absent).empty());
    CHECK(parseScalarText(amount, good, ScalarSyntax::JsonNumber, out, &absent).empty());
  }
  for (const char* bad : {"+7.2", ".5", "5.", "0100", "-.5", "00"}) {
    INFO(bad);
    CHECK(english(parseScalarText(amount, bad, ScalarSyntax::Plain, out, &absent))
              .find("is not a number as zc reads them") != std::string::npos);
    CHECK_FALSE(parseScalarText(amount, bad, ScalarSyntax::JsonString, out, &absent).empty());
    CHECK_FALSE(parseScalarText(amount, bad, ScalarSyntax::JsonNumber, out, &absent).empty());
  }
  FieldSchema count{.name = "次数", .kind = Kind::Count};
  CHECK_FALSE(parseScalarText(count, "+3", ScalarSyntax::Plain, out, &absent).empty());
  CHECK(parseScalarText(count, "3", ScalarSyntax::Plain, out, &absent).empty());
  // A JSON string may hold a whole number, as it may a quantity; only as digits.
  CHECK(parseScalarText(count, "5", ScalarSyntax::JsonString, out, &absent).empty());
  CHECK(out.i == 5);
  CHECK_FALSE(parseScalarText(count, "5.0", ScalarSyntax::JsonString, out, &absent).empty());
  CHECK_FALSE(parseScalarText(count, "0100", ScalarSyntax::JsonString, out, &absent).empty());
}

TEST_CASE("json: a whole number in a string is read by both JSON readers' shared rule", "[json]") {
  RecordSchema s = schema();
  JsonRecordReader reader(s);
  Record record;
  CHECK(reader.decode(R"({"id": "E1", "次数": "5"})", record).ok);
  CHECK(record.fields[2].scalar.i == 5);
  CHECK(reader.decode(R"({"id": "E1", "次数": "-1"})", record).describe() ==
        "field 次数: a count cannot be negative, found -1");
}

TEST_CASE("json: a value is read whole, known field or not; an empty id is an error", "[json]") {
  RecordSchema s = schema();
  JsonRecordReader reader(s);
  Record record;
  CHECK(reader.decode(R"({"id": "E1", "外资": null, "备注": {"a": [1, "x", null]}})", record).ok);
  DecodeOutcome unknown = reader.decode(R"({"id": "E1", "备注": {"a": nul}})", record);
  CHECK_FALSE(unknown.ok);
  CHECK(unknown.id == "E1");
  CHECK(unknown.describe().find("field 备注: invalid JSON") == 0);
  CHECK(reader.decode(R"({"id": "E1", "外资": nul})", record).describe() == "field 外资: is not valid JSON");
  CHECK(reader.decode(R"({"id": "E1", "费用": [1, nul]})", record).describe() ==
        "field 费用: entry 2: is not valid JSON");
  CHECK_FALSE(reader.decode(R"({"id": "E1", "备注": tru})", record).ok);
  DecodeOutcome empty = reader.decode(R"({"id": " "})", record);
  CHECK(empty.describe() == "field id: is empty; every record needs an id");
  CHECK(empty.id.empty());
}

TEST_CASE("json: a key is its field however it is written, and only that field", "[json]") {
  RecordSchema s = schema();
  s.fields.push_back(FieldSchema{.name = "当年实际利用外资", .kind = Kind::Dec, .unit = "万美元"});
  JsonRecordReader reader(s);
  Record record;
  // Escaped keys are unescaped before they are looked up.
  DecodeOutcome escaped = reader.decode(R"({"\u0069d": "E1", "\u5916\u8d44": 2, "当年实际利用\u5916资": 3})", record);
  CHECK(escaped.ok);
  CHECK(escaped.unknownFields.empty());
  CHECK(record.fields[1].present);
  CHECK(record.fields[4].present);
  // A key that begins or ends like a name is not that name.
  DecodeOutcome near = reader.decode(
      R"({"id": "E1", "i": 1, "idx": 1, "外资x": 1, "当年实际利用外": 1, "当年实际利用外资资": 1})", record);
  CHECK(near.ok);
  CHECK(near.unknownFields == std::vector<std::string>{"i", "idx", "外资x", "当年实际利用外", "当年实际利用外资资"});
  CHECK_FALSE(record.fields[1].present);
  CHECK_FALSE(record.fields[4].present);
  // A record cut off inside a key is invalid JSON, whatever follows it in memory.
  CHECK_FALSE(reader.decode(R"({"id": "E1", "当年实际利用外)", record).ok);
  CHECK_FALSE(reader.decode(R"({"i)", record).ok);
  // Decoded in place, a record's text may be followed by another's: only its own counts.
  std::string block = std::string(R"({"id": "E1", "外)") + '\0' + R"(资": 1})" + std::string(kJsonPadding, '\0');
  CHECK_FALSE(reader.decodeInPlace(std::string_view(block.data(), block.find('\0')), record).ok);
}
