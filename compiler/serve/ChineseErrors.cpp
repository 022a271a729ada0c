#include "serve/ChineseErrors.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace zc::serve {

namespace {

// The runtime's statuses (runtime/src/status.c), as a message names them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kStatuses{{
    {"arithmetic overflow", "数值超出可计算的范围"},
    {"division by zero", "除数为零"},
    {"date does not exist", "日期不存在"},
    {"not a number or date", "不是数字或日期"},
    {"too many decimal places (at most 38)", "小数位数过多（至多 38 位）"},
    {"out of memory", "内存不足"},
    {"the award is negative, and a negative award is never paid", "奖励金额为负数，负数的奖励不予发放"},
}};

std::string_view after(std::string_view text, std::string_view prefix) { return text.substr(prefix.size()); }

// "a, b, c" → "a、b、c".
std::string listed(std::string_view values) {
  std::string out;
  for (size_t at = 0;;) {
    size_t comma = values.find(", ", at);
    out.append(values.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at));
    if (comma == std::string_view::npos) return out;
    out += "、";
    at = comma + 2;
  }
}

// "a number in 万元" → "以 万元 计的数字"; what a field takes (describeKind in runtime/src/record.cpp).
std::string kindWords(std::string_view kind) {
  if (kind == "true or false") return "true 或 false";
  if (kind == "a whole number") return "整数";
  if (kind == "a count (a whole number, 0 or more)") return "个数（0 或更大的整数）";
  if (kind == "a number") return "数字";
  if (kind.starts_with("a number in ")) return fmt::format("以 {} 计的数字", after(kind, "a number in "));
  if (kind.starts_with("a date")) return "日期，写作 \"YYYY-MM-DD\"";
  if (kind == "a text") return "文本";
  if (kind.starts_with("one of ")) return "以下之一：" + listed(after(kind, "one of "));
  if (kind == "an object") return "对象 {…}";
  return std::string(kind);
}

// "the text \"abc\"" → "文本 \"abc\""; a value as a message names it (describeScalarText, describeJson).
std::string valueWords(std::string_view value) {
  if (value.starts_with("the text ")) return "文本 " + std::string(after(value, "the text "));
  if (value.starts_with("the number ")) return "数字 " + std::string(after(value, "the number "));
  if (value == "a flag") return "true/false";
  if (value == "a list") return "列表";
  if (value == "an object") return "对象";
  if (value == "a string") return "文本";
  if (value == "null") return "null";
  if (value.starts_with("something")) return "无法读取的值";
  return std::string(value);
}

Refusal problem(std::string code, std::string message) { return {std::move(code), std::move(message), ""}; }

}  // namespace

Refusal chineseProblem(std::string_view e) {
  // A problem of a list's entry or of a sub-record's field: the inner one, placed.
  if (e.starts_with("entry ")) {
    size_t colon = e.find(": ");
    if (colon != std::string_view::npos) {
      Refusal inner = chineseProblem(e.substr(colon + 2));
      inner.message = fmt::format("第 {} 项：{}", e.substr(6, colon - 6), inner.message);
      return inner;
    }
  }
  if (e == "is not valid JSON" || e.starts_with("invalid JSON")) {
    if (e.find("nested more than 1024 levels") != std::string_view::npos)
      return problem("invalid_json", "不是有效的 JSON：嵌套超过 1024 层");
    if (e.find("text after the object") != std::string_view::npos)
      return problem("invalid_json", "不是有效的 JSON：对象之后还有内容");
    if (e.find("the field is unknown") != std::string_view::npos)
      return problem("invalid_json", "不是有效的 JSON（规则集没有这个字段，但它的值也须是 JSON）");
    return problem("invalid_json", "不是有效的 JSON");
  }
  if (e.starts_with("not a JSON object")) return problem("not_an_object", "不是 JSON 对象：一条记录是一个 {…}");
  // A sub-record's field, "金额: …": a name (no space, no quote) before the colon.
  if (size_t colon = e.find(": "); colon != std::string_view::npos && colon > 0 &&
                                   e.substr(0, colon).find_first_of(" \"") == std::string_view::npos) {
    Refusal inner = chineseProblem(e.substr(colon + 2));
    inner.message = fmt::format("{}：{}", e.substr(0, colon), inner.message);
    return inner;
  }
  if (e == "is required and missing") return problem("missing_field", "必填，但记录中没有");
  if (e.starts_with("is empty; every record needs an id")) return problem("empty_id", "为空：每条记录都须有编号");
  if (e == "is given twice") return problem("field_twice", "给出了两次");
  if (e == "a list holds no null or empty entries") return problem("field_type", "列表中不能有 null 或空的项");
  if (e == "a record cannot be written as text") return problem("field_type", "明细不能写成文本");
  if (e.starts_with("expected an object with "))
    return problem("field_type", fmt::format("应为含 {} 个字段的对象", e.substr(24, e.find(' ', 24) - 24)));
  if (e.starts_with("has an unknown field "))
    return problem("unknown_field", "含有未知的字段 " + std::string(after(e, "has an unknown field ")));
  if (e.starts_with("lacks the field "))
    return problem("missing_field", "缺少字段 " + std::string(after(e, "lacks the field ")));
  if (e.starts_with("expected a list [ … ], found "))
    return problem("field_type", "应为列表 [ … ]，实为" + valueWords(after(e, "expected a list [ … ], found ")));
  if (e.starts_with("expected ")) {
    size_t found = e.rfind(", found ");
    if (found != std::string_view::npos)
      return problem("field_type",
                     fmt::format("应为{}，实为{}", kindWords(e.substr(9, found - 9)), valueWords(e.substr(found + 8))));
  }
  if (e.find(" is not a number as zc reads them") != std::string_view::npos)
    return problem("not_a_number",
                   fmt::format("{} 不是 zc 读的数字写法：只有数字，至多一个开头的 - 和数字之间的 .，不以 0 开头",
                               e.substr(0, e.find(" is not a number"))));
  if (e.starts_with("the number ") && e.find(" has an exponent") != std::string_view::npos)
    return problem("not_a_number", fmt::format("数字 {} 带有指数：请写出它的各位数字（指数无法精确读取）",
                                               e.substr(11, e.find(" has an exponent") - 11)));
  if (e.starts_with("the number ") && e.ends_with(" is too large"))
    return problem("too_large", fmt::format("数字 {} 太大", e.substr(11, e.size() - 11 - 13)));
  if (e.starts_with("the date ") && e.ends_with(" does not exist"))
    return problem("bad_date", fmt::format("日期 {} 不存在", e.substr(9, e.size() - 9 - 15)));
  if (e.starts_with("a count cannot be negative, found "))
    return problem("out_of_range",
                   "个数不能为负数，实为 " + std::string(after(e, "a count cannot be negative, found ")));
  if (e.starts_with("cannot be negative, found "))
    return problem("out_of_range", "不能为负数，实为 " + std::string(after(e, "cannot be negative, found ")));
  if (size_t at = e.find(" is outside the range ");
      at != std::string_view::npos && e.ends_with(" that the record declares for this field")) {
    std::string_view range = e.substr(at + 22, e.size() - at - 22 - 40);
    return problem("out_of_range", fmt::format("{} 超出这个字段允许的范围 {}", e.substr(0, at), range));
  }
  if (size_t at = e.find(" is not one of the texts this field takes: "); at != std::string_view::npos)
    return problem("not_in_set",
                   fmt::format("{} 不是这个字段可取的值：{}", e.substr(0, at), listed(e.substr(at + 43))));
  if (e.starts_with("unknown value ")) {
    size_t expected = e.find("; expected ");
    std::string_view value = e.substr(14, expected == std::string_view::npos ? std::string_view::npos : expected - 14);
    return problem("unknown_value",
                   expected == std::string_view::npos
                       ? fmt::format("没有 {} 这个值", value)
                       : fmt::format("没有 {} 这个值；应为{}", value, kindWords(e.substr(expected + 11))));
  }
  if (e.starts_with("entries ") && e.find(" have the same ") != std::string_view::npos) {
    size_t same = e.find(" have the same ");
    std::string which(e.substr(8, same - 8));
    if (size_t andAt = which.find(" and "); andAt != std::string::npos) which.replace(andAt, 5, " 和第 ");
    return problem("repeated_key", fmt::format("第 {} 项的 {} 相同", which, e.substr(same + 15)));
  }
  for (const auto& [english, chinese] : kStatuses)
    if (e.starts_with(english)) {
      std::string_view rest = e.substr(english.size());
      return problem("bad_number", fmt::format("{}{}{}", chinese, rest.starts_with(": ") ? "：" : "",
                                               rest.substr(rest.starts_with(": ") ? 2 : 0)));
    }
  return problem("unreadable", "无法读取：" + std::string(e));
}

Refusal recordRefusal(const rt::DecodeOutcome& outcome) {
  Refusal out;
  for (const rt::DecodeProblem& p : outcome.errors) {
    Refusal one = chineseProblem(p.message);
    if (out.code.empty()) {
      out.code = one.code;
      out.field = p.field;
    }
    if (!out.message.empty()) out.message += "；";
    out.message += p.field.empty() ? one.message : fmt::format("字段 {}：{}", p.field, one.message);
  }
  if (out.code.empty()) out = {"unreadable", "无法读取这条记录", ""};
  return out;
}

Refusal evaluationRefusal(std::string_view english) {
  for (const auto& [status, chinese] : kStatuses) {
    size_t at = english.find(status);
    if (at == std::string_view::npos) continue;
    std::string where(english.substr(0, at));
    if (where.ends_with(": ")) where = where.substr(0, where.size() - 2) + "：";
    std::string_view rest = english.substr(at + status.size());
    if (rest == " while adding up the totals") return {"evaluation_failed", fmt::format("汇总合计时{}", chinese), ""};
    return {"evaluation_failed", fmt::format("无法计算：{}{}{}", where, chinese, rest), ""};
  }
  return {"evaluation_failed", "无法计算：" + std::string(english), ""};
}

}  // namespace zc::serve
