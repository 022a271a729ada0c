// A record's problems and the runtime's statuses in Chinese, as zc serve and
// its page show them: the same values problemCode() and english() read.
#include <fmt/format.h>

#include "zc/problem.h"
#include "zc/record.h"

namespace zc::rt {

namespace {

std::string listed(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : "、") + v;
  return out;
}

std::string kindWords(const ExpectedKind& expected) {
  switch (expected.kind) {
    case Kind::Flag:
      return "true 或 false";
    case Kind::Int:
      return "整数";
    case Kind::Count:
      return expected.plain ? "整数" : "个数（0 或更大的整数）";
    case Kind::Dec:
      return expected.unit.empty() ? "数字" : fmt::format("以 {} 计的数字", expected.unit);
    case Kind::Date:
      return "日期，写作 \"YYYY-MM-DD\"";
    case Kind::Text:
      return expected.choices.empty() ? "文本" : "以下之一：" + listed(expected.choices);
    case Kind::Enum:
      return "以下之一：" + listed(expected.choices);
    case Kind::Record:
      return "对象 {…}";
  }
  return "";
}

std::string valueWords(const std::string& text, ScalarSyntax syntax) {
  switch (syntax) {
    case ScalarSyntax::Plain:
      return "\"" + text + "\"";
    case ScalarSyntax::JsonString:
      return "文本 \"" + text + "\"";
    case ScalarSyntax::JsonNumber:
      return "数字 " + text;
    case ScalarSyntax::JsonFlag:
      return "true/false";
    case ScalarSyntax::JsonList:
      return "列表";
    case ScalarSyntax::JsonObject:
      return "对象";
    case ScalarSyntax::JsonNull:
      return "null";
    case ScalarSyntax::JsonOther:
      return "无法读取的值";
  }
  return text;
}

std::string unwrapped(const Problem& p) {
  switch (p.code) {
    case ProblemCode::None:
      return "";
    case ProblemCode::NotAnObject:
      return "不是 JSON 对象：一条记录是一个 {…}";
    case ProblemCode::InvalidJson:
    case ProblemCode::InvalidValue:
      return "不是有效的 JSON";
    case ProblemCode::TooDeep:
      return "不是有效的 JSON：嵌套超过 1024 层";
    case ProblemCode::TextAfterObject:
      return "不是有效的 JSON：对象之后还有内容";
    case ProblemCode::UnknownFieldInvalid:
      return "不是有效的 JSON（规则集没有这个字段，但它的值也须是 JSON）";
    case ProblemCode::GivenTwice:
      return "给出了两次";
    case ProblemCode::Missing:
      return "必填，但记录中没有";
    case ProblemCode::EmptyId:
      return "为空：每条记录都须有编号";
    case ProblemCode::WrongType:
      return fmt::format("应为{}，实为{}", kindWords(p.expected), valueWords(p.value, p.syntax));
    case ProblemCode::NotANumber:
      return fmt::format("\"{}\" 不是 zc 读的数字写法：只有数字，至多一个开头的 - 和数字之间的 .，不以 0 开头",
                         p.value);
    case ProblemCode::Exponent:
      return fmt::format("数字 {} 带有指数：请写出它的各位数字（指数无法精确读取）", p.value);
    case ProblemCode::TooLarge:
      return fmt::format("数字 {} 太大", p.value);
    case ProblemCode::BadNumber:
      return fmt::format("{}：{}", chineseStatusMessage(p.status), p.value);
    case ProblemCode::NoSuchDate:
      return fmt::format("日期 {} 不存在", p.value);
    case ProblemCode::NegativeCount:
      return "个数不能为负数，实为 " + p.value;
    case ProblemCode::Negative:
      return "不能为负数，实为 " + p.value;
    case ProblemCode::OutOfRange:
      return fmt::format("{}{} 超出这个字段允许的范围 {}", p.value,
                         p.expected.unit.empty() ? "" : " " + p.expected.unit, p.range);
    case ProblemCode::NotInSet:
      return fmt::format("\"{}\" 不是这个字段可取的值：{}", p.value, listed(p.expected.choices));
    case ProblemCode::UnknownValue:
      return p.expected.plain ? fmt::format("没有 \"{}\" 这个值", p.value)
                              : fmt::format("没有 \"{}\" 这个值；应为{}", p.value, kindWords(p.expected));
    case ProblemCode::RecordAsText:
      return "明细不能写成文本";
    case ProblemCode::NotAList:
      return "应为列表 [ … ]，实为" + valueWords(p.value, p.syntax);
    case ProblemCode::EmptyEntry:
      return "列表中不能有 null 或空的项";
    case ProblemCode::NotAnEntry:
      return fmt::format("应为含 {} 个字段的对象", p.count);
    case ProblemCode::UnknownSubField:
      return fmt::format("含有未知的字段 \"{}\"", p.value);
    case ProblemCode::LacksSubField:
      return "缺少字段 " + p.value;
    case ProblemCode::RepeatedKey:
      return fmt::format("第 {} 和第 {} 项的 {} {} 相同", p.count, p.second, p.name, p.value);
  }
  return "";
}

}  // namespace

std::string chinese(const Problem& p) {
  std::string out;
  if (p.entry > 0) out = fmt::format("第 {} 项：", p.entry);
  if (!p.subField.empty()) out += p.subField + "：";
  return out + unwrapped(p);
}

const char* chineseStatusMessage(zc_status status) {
  switch (status) {
    case ZC_OK:
      return "正常";
    case ZC_ERR_OVERFLOW:
      return "数值超出可计算的范围";
    case ZC_ERR_DIV_ZERO:
      return "除数为零";
    case ZC_ERR_BAD_DATE:
      return "日期不存在";
    case ZC_ERR_SYNTAX:
      return "不是数字或日期";
    case ZC_ERR_PRECISION:
      return "小数位数过多（至多 38 位）";
    case ZC_ERR_NEGATIVE_AWARD:
      return "奖励金额为负数，负数的奖励不予发放";
    case ZC_ERR_RULE:
      return "未判定：同一 就高 或 封顶 规则中的另一条款计算失败";
    case ZC_ERR_NEGATIVE_CAP:
      return "封顶 的限额低于零";
    case ZC_ERR_DEPENDENCY:
      return "未判定：它所依据奖励的条款计算失败";
    case ZC_ERR_NO_VALUE:
      return "政策截至日没有生效的参数值";
    case ZC_ERR_NO_MEMORY:
      return "内存不足";
    case ZC_ERR_BAD_RECORD:
      return "记录被拒绝：某个值不是其字段可取的值";
  }
  return "未知错误";
}

}  // namespace zc::rt
