// Records typed straight into a columnar batch (JsonRecordReader into
// ColumnarBatch rows) give the batch that decoding into Records and packing
// them gives, value for value, and the same outcome for every record,
// failed ones included: compiled code reads the one or the other.
#include <catch2/catch.hpp>
#include <cstring>

#include "zc/columnar.h"
#include "zc/json_reader.h"

using namespace zc::rt;

namespace {

RecordSchema schema() {
  RecordSchema s;
  FieldSchema id{.name = "id", .kind = Kind::Text, .required = true, .key = true};
  FieldSchema amount{.name = "外资", .kind = Kind::Dec, .unit = "万美元"};
  amount.defaultValue.d = zc_dec{5, 1};
  FieldSchema optional{.name = "收入", .kind = Kind::Dec, .optional = true, .unit = "万元"};
  FieldSchema count{.name = "次数", .kind = Kind::Count};
  FieldSchema flag{.name = "高新", .kind = Kind::Flag};
  FieldSchema name{.name = "名称", .kind = Kind::Text};
  name.defaultValue.text = "无名";
  FieldSchema costs{.name = "费用", .kind = Kind::Dec, .list = true, .unit = "元"};
  FieldSchema tags{.name = "标签", .kind = Kind::Text, .list = true};
  FieldSchema projects{.name = "项目", .kind = Kind::Record, .list = true};
  projects.subFields = {FieldSchema{.name = "编号", .kind = Kind::Text, .required = true, .key = true},
                        FieldSchema{.name = "金额", .kind = Kind::Dec, .optional = true, .unit = "元"}};
  FieldSchema range{.name = "人数", .kind = Kind::Int};
  range.range =
      ValueRange{.lo = Scalar{.i = 0}, .hi = std::nullopt, .loClosed = true, .hiClosed = false, .text = "[0, ∞)"};
  s.fields = {id, amount, optional, count, flag, name, costs, tags, projects, range};
  s.keyField = 0;
  return s;
}

const char* const kLines[] = {
    R"({"id": "E1", "外资": 12.5, "收入": 3, "次数": 2, "高新": true, "名称": "甲\"公司", "费用": [1, 2.25]})",
    R"({"id": "E2", "费用": [1, "x"], "标签": ["a"]})",  // fails in a list: its entries must not stay
    R"({"id": "E3", "标签": ["创新", "b"], "项目": [{"编号": "P1", "金额": 7}, {"编号": "P2"}]})",
    R"({"id": "E4", "项目": [{"编号": "P1"}, {"编号": "P1"}]})",  // the same key twice
    R"({"外资": 1})",                                             // no id
    R"({"id": "E6", "收入": null, "名称": "", "人数": 3})",
    R"({"id": "E7", "人数": -1})",  // outside the declared range
    R"({"id": "E8", "id": "E8"})",  // given twice
    R"({"id": "E9", "项目": [{"编号": "Q"}], "备注": [1, 2]})",
    R"([1, 2])",
    R"({"id": "E11", "外资": "12"})",
};

void checkColumn(const FieldSchema& field, const zc_column& a, const zc_column& b, int64_t rows) {
  INFO("field " << field.name);
  for (int64_t r = 0; r < rows; ++r) CHECK(a.present[r] == b.present[r]);
  auto sameValues = [](const FieldSchema& f, const void* x, const void* y, int64_t count) {
    for (int64_t i = 0; i < count; ++i) {
      if (f.kind == Kind::Dec) {
        const zc_dec &p = static_cast<const zc_dec*>(x)[i], &q = static_cast<const zc_dec*>(y)[i];
        CHECK(zc_dec_compare(&p, &q) == 0);
        CHECK(p.den == q.den);
      } else if (f.kind == Kind::Text) {
        const zc_text &p = static_cast<const zc_text*>(x)[i], &q = static_cast<const zc_text*>(y)[i];
        CHECK(std::string(p.data, p.length) == std::string(q.data, q.length));
      } else {
        CHECK(static_cast<const int64_t*>(x)[i] == static_cast<const int64_t*>(y)[i]);
      }
    }
  };
  if (!field.list) return sameValues(field, a.values, b.values, rows);
  for (int64_t r = 0; r <= rows; ++r) CHECK(a.offsets[r] == b.offsets[r]);
  int64_t entries = a.offsets[rows];
  if (field.kind != Kind::Record) return sameValues(field, a.values, b.values, entries);
  for (size_t k = 0; k < field.subFields.size(); ++k) {
    sameValues(field.subFields[k], a.fields[k], b.fields[k], entries);
    for (int64_t i = 0; i < entries; ++i) CHECK(a.field_present[k][i] == b.field_present[k][i]);
  }
}

}  // namespace

TEST_CASE("columnar: records typed into the batch's rows are the records packed", "[columnar]") {
  RecordSchema s = schema();
  JsonRecordReader reader(s);
  std::vector<Record> records;
  std::vector<DecodeOutcome> viaRecords, viaColumns;
  for (const char* line : kLines) {
    Record record;
    viaRecords.push_back(reader.decode(line, record));
    if (viaRecords.back().ok) records.push_back(std::move(record));
  }
  ColumnarBatch packed(s), typed(s);
  packed.assign(records.data(), records.size());
  // Twice: a batch reused keeps nothing of the rows before.
  for (int round = 0; round < 2; ++round) {
    typed.clear();
    viaColumns.clear();
    for (const char* line : kLines) viaColumns.push_back(reader.decode(line, typed));
    typed.finish();
  }
  REQUIRE(viaColumns.size() == viaRecords.size());
  for (size_t i = 0; i < viaRecords.size(); ++i) {
    INFO("line " << i + 1);
    CHECK(viaColumns[i].ok == viaRecords[i].ok);
    CHECK(viaColumns[i].id == viaRecords[i].id);
    CHECK(viaColumns[i].describe() == viaRecords[i].describe());
    CHECK(viaColumns[i].unknownFields == viaRecords[i].unknownFields);
  }
  // The failures are the ones the lines were written to have.
  CHECK(records.size() == 5);
  CHECK(viaColumns[6].describe().find("outside the range [0, ∞)") != std::string::npos);
  REQUIRE(typed.rows() == packed.rows());
  for (size_t f = 0; f < s.fields.size(); ++f)
    checkColumn(s.fields[f], packed.view()->columns[f], typed.view()->columns[f], typed.rows());
}

TEST_CASE("columnar: a text is the batch's own copy, whatever the reader reads next", "[columnar]") {
  RecordSchema s = schema();
  JsonRecordReader reader(s);
  ColumnarBatch typed(s);
  typed.clear();
  std::string long_text(100000, 'x');
  REQUIRE(reader.decode(R"({"id": "E1", "名称": ")" + long_text + R"("})", typed).ok);
  REQUIRE(reader.decode(R"({"id": "E2", "名称": "乙"})", typed).ok);
  typed.finish();
  const zc_text* names = static_cast<const zc_text*>(typed.view()->columns[5].values);
  CHECK(std::string(names[0].data, names[0].length) == long_text);
  CHECK(std::string(names[1].data, names[1].length) == "乙");
  const zc_text* ids = static_cast<const zc_text*>(typed.view()->columns[0].values);
  CHECK(std::string(ids[0].data, ids[0].length) == "E1");
}
