// What zc serve says of a record it refuses: the record reader's own problems
// (real reader output, never a test's copy of its wording), each in Chinese
// with a stable code and the field it names. Also the one check of a field's
// declared range (rt::refusedValue), which every input path reaches.
#include <catch2/catch.hpp>
#include <regex>

#include "serve/ChineseErrors.h"
#include "zc/json_reader.h"

using namespace zc::rt;
using zc::serve::recordRefusal;

namespace {

RecordSchema schema() {
  RecordSchema s;
  FieldSchema id{.name = "id", .kind = Kind::Text, .required = true};
  FieldSchema revenue{.name = "营业收入", .kind = Kind::Dec, .unit = "万元"};
  revenue.range = ValueRange{.lo = Scalar{.d = {0, 1}}, .loClosed = true, .text = "[0, ∞)"};
  FieldSchema staff{.name = "员工", .kind = Kind::Count};
  staff.range =
      ValueRange{.lo = Scalar{.i = 1}, .hi = Scalar{.i = 100}, .loClosed = true, .hiClosed = true, .text = "[1, 100]"};
  FieldSchema level{.name = "级别", .kind = Kind::Enum, .enumValues = {"国家级", "省级"}};
  FieldSchema district{.name = "区县", .kind = Kind::Text, .optional = true, .enumValues = {"昌江区", "珠山区"}};
  FieldSchema date{.name = "认定日期", .kind = Kind::Date, .optional = true};
  FieldSchema flag{.name = "规上", .kind = Kind::Flag};
  FieldSchema fund{.name = "扶持资金", .kind = Kind::Record, .list = true};
  FieldSchema amount{.name = "金额", .kind = Kind::Dec, .required = true, .unit = "万元"};
  amount.range = revenue.range;
  fund.subFields = {amount};
  FieldSchema costs{.name = "费用", .kind = Kind::Dec, .list = true, .unit = "元"};
  costs.range = revenue.range;
  s.fields = {id, revenue, staff, level, district, date, flag, fund, costs};
  for (FieldSchema& f : s.fields)
    if (!f.required && !f.optional && f.kind != Kind::Enum) f.defaultValue = f.range ? *f.range->lo : Scalar{};
  s.keyField = 0;
  return s;
}

DecodeOutcome decoded(const std::string& json) {
  static RecordSchema s = schema();
  JsonRecordReader reader(s);
  Record record;
  return reader.decode(json, record);
}

}  // namespace

TEST_CASE("a value outside a field's declared range is a problem of that field, its bound inside", "[range]") {
  CHECK(decoded(R"({"id": "E1", "级别": "省级", "营业收入": 0, "员工": 100})").ok);
  DecodeOutcome below = decoded(R"({"id": "E1", "级别": "省级", "营业收入": -0.01})");
  REQUIRE(below.errors.size() == 1);
  CHECK(below.errors[0].field == "营业收入");
  CHECK(below.errors[0].message() == "-0.01 万元 is outside the range [0, ∞) that the record declares for this field");
  CHECK(decoded(R"({"id": "E1", "级别": "省级", "员工": 101})").errors.at(0).field == "员工");
  CHECK(
      decoded(R"({"id": "E1", "级别": "省级", "费用": [1, -1]})").errors.at(0).message().starts_with("entry 2: -1 元"));
  CHECK(decoded(R"({"id": "E1", "级别": "省级", "扶持资金": [{"金额": -3}]})")
            .errors.at(0)
            .message()
            .starts_with("entry 1: 金额: -3 万元"));
}

TEST_CASE("each problem the reader words is Chinese for zc serve, with its code and field", "[serve]") {
  struct Case {
    std::string json, code, field, words;
  };
  std::vector<Case> cases = {
      {R"({"id": "E1", "级别": "省级", "营业收入": "abc"})", "field_type", "营业收入",
       "应为以 万元 计的数字，实为文本 \"abc\""},
      {R"({"id": "E1", "级别": "省级", "营业收入": 1e5})", "not_a_number", "营业收入", "带有指数"},
      {R"({"id": "E1", "级别": "省级", "营业收入": "0100"})", "not_a_number", "营业收入", "不是 zc 读的数字写法"},
      {R"({"id": "E1", "级别": "省级", "营业收入": -5})", "out_of_range", "营业收入",
       "-5 万元 超出这个字段允许的范围 [0, ∞)"},
      {R"({"id": "E1", "级别": "省级", "员工": -1})", "out_of_range", "员工", "个数不能为负数"},
      {R"({"id": "E1", "级别": "省级", "员工": 1.5})", "field_type", "员工", "应为个数"},
      {R"({"id": "E1", "级别": "县级"})", "unknown_value", "级别", "没有 \"县级\" 这个值；应为以下之一：国家级、省级"},
      {R"({"id": "E1", "级别": "省级", "区县": "昌江"})", "not_in_set", "区县", "不是这个字段可取的值：昌江区、珠山区"},
      {R"({"id": "E1", "级别": "省级", "认定日期": "2023-02-30"})", "bad_date", "认定日期", "日期 2023-02-30 不存在"},
      {R"({"id": "E1", "级别": "省级", "规上": "yes"})", "field_type", "规上", "应为true 或 false"},
      {R"({"id": "E1", "级别": "省级", "费用": 3})", "field_type", "费用", "应为列表"},
      {R"({"id": "E1", "级别": "省级", "费用": [1, null]})", "field_type", "费用", "第 2 项：列表中不能有 null"},
      {R"({"id": "E1", "级别": "省级", "费用": {"a": 1}})", "field_type", "费用", "应为列表 [ … ]，实为对象"},
      {R"({"id": "E1", "级别": "县级", "营业收入": -1})", "unknown_value", "级别", "；字段 营业收入：-1 万元 超出"},
      {R"({"id": "E1", "级别": "省级", "扶持资金": [{}]})", "missing_field", "扶持资金", "第 1 项：缺少字段 金额"},
      {R"({"id": "E1", "级别": "省级", "扶持资金": [{"金额": 1, "x": 2}]})", "unknown_field", "扶持资金",
       "含有未知的字段"},
      {R"({"id": "E1", "级别": "省级", "扶持资金": [{"金额": -1}]})", "out_of_range", "扶持资金",
       "第 1 项：金额：-1 万元 超出"},
      {R"({"id": "E1", "级别": "省级", "规上": true, "规上": false})", "field_twice", "规上", "给出了两次"},
      {R"({"级别": "省级"})", "missing_field", "id", "字段 id：必填"},
      {R"({"id": " ", "级别": "省级"})", "empty_id", "id", "每条记录都须有编号"},
      {R"({"id": 7, "级别": "省级"})", "field_type", "id", "应为文本，实为数字 7"},
      {R"({"id": "E1",)", "invalid_json", "", "不是有效的 JSON"},
      {R"([1, 2])", "not_an_object", "", "不是 JSON 对象"},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    DecodeOutcome outcome = decoded(c.json);
    REQUIRE_FALSE(outcome.ok);
    zc::serve::Refusal refusal = recordRefusal(outcome);
    INFO(refusal.message);
    CHECK(refusal.code == c.code);
    CHECK(refusal.field == c.field);
    CHECK(refusal.message.find(c.words) != std::string::npos);
    // No English sentence is left: at most names, values, units and JSON's own words.
    CHECK_FALSE(std::regex_search(refusal.message, std::regex(R"(\b(is|not|the|expected|found|entry|field|a|an)\b)")));
  }
}
