// The Chinese spellings of the keywords, for one hint: a keyword must stand
// apart from the name after it, since the longest name wins (条件规上企业 is
// one name). The grammar (grammar/Zhengce.g4) is where they are defined.
#pragma once

#include <array>
#include <string_view>

namespace zc::ast {

inline constexpr std::array<std::string_view, 55> kChineseKeywords = {
    "导入", "量纲", "单位", "枚举", "记录", "键",   "参数", "受益方", "政策", "针对", "标题", "适用",
    "排除", "条款", "原文", "设",   "条件", "奖励", "仅资格", "一事一议", "测试", "输入", "期望", "如果",
    "则",   "否则", "匹配", "档位", "跨越", "求和", "个数", "计数",   "属于", "满足", "且",   "或",
    "非",   "真",   "假",   "无",   "文本", "标志", "整数", "日期",   "数",   "列表",
    "就高", "封顶", "按顺序", "按比例", "累进", "截至", "有效期", "按日期", "逐项"};

// The longest keyword the name starts with, when more follows it; empty if none.
inline std::string_view leadingKeyword(std::string_view name) {
  std::string_view best;
  for (std::string_view keyword : kChineseKeywords)
    if (name.size() > keyword.size() && name.substr(0, keyword.size()) == keyword && keyword.size() > best.size())
      best = keyword;
  return best;
}

}  // namespace zc::ast
