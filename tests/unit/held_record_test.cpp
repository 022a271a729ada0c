// A ranked run's held records (driver/HeldRecord.h) read back as the JSON
// reader decodes the same text: every field, and what the decoding found.
#include <catch2/catch.hpp>
#include <string>

#include "driver/HeldRecord.h"

namespace {

using zc::rt::FieldSchema;
using zc::rt::Kind;

zc::rt::RecordSchema schema() {
  zc::rt::RecordSchema s;
  FieldSchema id{.name = "id", .kind = Kind::Text, .required = true};
  FieldSchema amount{.name = "外资", .kind = Kind::Dec, .optional = true, .unit = "万美元"};
  FieldSchema count{.name = "次数", .kind = Kind::Count};
  FieldSchema costs{.name = "费用", .kind = Kind::Dec, .list = true, .unit = "元"};
  FieldSchema day{.name = "申报日期", .kind = Kind::Date, .optional = true};
  FieldSchema kind{.name = "类型", .kind = Kind::Enum, .enumValues = {"甲", "乙"}};
  FieldSchema code{.name = "编号", .kind = Kind::Text, .required = true, .key = true};
  FieldSchema paid{.name = "金额", .kind = Kind::Dec, .optional = true, .unit = "元"};
  FieldSchema items{.name = "项目", .kind = Kind::Record, .list = true, .subFields = {code, paid}};
  s.fields = {id, amount, count, costs, day, kind, items};
  s.keyField = 0;
  return s;
}

bool same(const zc::rt::Scalar& a, const zc::rt::Scalar& b) {
  return a.i == b.i && a.d.num == b.d.num && a.d.den == b.d.den && a.text == b.text;
}

// Decoded from JSON, then held and read back: the same record and outcome.
// Whether the JSON reader decoded it.
bool checkHeld(const std::string& json) {
  zc::rt::RecordSchema s = schema();
  zc::rt::JsonRecordReader reader(s);
  zc::rt::Record decoded, read;
  zc::rt::DecodeOutcome want = reader.decode(json, decoded);
  std::string held;
  if (want.ok)
    zc::holdDecoded(decoded, want, held);
  else
    zc::holdText(json, held);
  read.fields.resize(2);  // a reused record: whatever it held is replaced
  read.fields[1].present = true;
  read.fields[1].list.resize(3);
  zc::HeldRecordReader heldReader(s);
  zc::rt::DecodeOutcome got = heldReader.read(held, read);
  CHECK(got.ok == want.ok);
  CHECK(got.id == want.id);
  CHECK(got.unknownFields == want.unknownFields);
  CHECK(got.describe() == want.describe());
  if (!want.ok) return false;
  CHECK(read.id == decoded.id);
  REQUIRE(read.fields.size() == decoded.fields.size());
  size_t mismatches = 0;
  for (size_t f = 0; f < decoded.fields.size(); ++f) {
    const zc::rt::FieldValue &a = decoded.fields[f], &b = read.fields[f];
    mismatches += a.present != b.present || !same(a.scalar, b.scalar) || a.list.size() != b.list.size() ||
                  a.rows.size() != b.rows.size();
    for (size_t i = 0; i < std::min(a.list.size(), b.list.size()); ++i) mismatches += !same(a.list[i], b.list[i]);
    for (size_t r = 0; r < std::min(a.rows.size(), b.rows.size()); ++r) {
      mismatches += a.rows[r].present != b.rows[r].present || a.rows[r].values.size() != b.rows[r].values.size();
      for (size_t v = 0; v < std::min(a.rows[r].values.size(), b.rows[r].values.size()); ++v)
        mismatches += !same(a.rows[r].values[v], b.rows[r].values[v]);
    }
  }
  CHECK(mismatches == 0);
  return true;
}

}  // namespace

TEST_CASE("a decoded record held back reads back as the JSON reader decodes it") {
  CHECK(checkHeld(R"({"id": "E1", "外资": 12.345, "次数": 3, "费用": [1.5, 2, -0.25], "申报日期": "2024-03-01",)"
                  R"( "类型": "乙", "项目": [{"编号": "A", "金额": 100}, {"编号": "B"}], "备注": "unknown"})"));
  CHECK(checkHeld(R"({"id": "E2", "次数": 0, "费用": [], "类型": "甲", "项目": []})"));
}

TEST_CASE("a record that could not be decoded is held as its text and fails again the same") {
  CHECK_FALSE(checkHeld(R"({"id": "E3", "外资": "abc", "次数": 1})"));
  CHECK_FALSE(checkHeld(R"({"id": "E4", "项目": [{"编号": "A"}, {"编号": "A"}]})"));
  CHECK_FALSE(checkHeld("not json at all"));
}
