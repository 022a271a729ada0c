#include "RulesetGenerator.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <random>

namespace zc::testing {

namespace {

// The parts of a form in the order they are written: a braced list is
// evaluated left to right where a call's arguments are not (GCC goes right to
// left, clang left to right), and the same choices must give the same
// ruleset in every build, or a fuzzer's input replays as another ruleset.
std::string inOrder(fmt::string_view pattern, std::initializer_list<std::string> parts) {
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  for (const std::string& part : parts) args.push_back(part);
  return fmt::vformat(pattern, args);
}

// Random money expressions that are well typed by construction.
class ExpressionGenerator {
 public:
  explicit ExpressionGenerator(const Choices& choices) : choices_(choices) {}

  std::string money(int depth) {
    if (depth <= 0 || below(4) == 0) return moneyLeaf();
    switch (below(14)) {
      case 0: return inOrder("({} + {})", {money(depth - 1), money(depth - 1)});
      case 1: return inOrder("({} - {})", {money(depth - 1), money(depth - 1)});
      case 2: return inOrder("({} × {})", {money(depth - 1), ratio()});
      case 3: return inOrder("({} / {})", {money(depth - 1), ratio()});
      case 4: return inOrder("最小({}, {})", {money(depth - 1), money(depth - 1)});
      case 5: return inOrder("最大({}, {})", {money(depth - 1), money(depth - 1)});
      case 6: return inOrder("(如果 {} 则 {} 否则 {})", {condition(depth - 1), money(depth - 1), money(depth - 1)});
      case 7:
        return inOrder("(档位 金额A {{ [0 万元, 50 万元) => {}, [50 万元, 200 万元] => {}, (200 万元, ∞) => {}, 否则 => {} }})",
                       {money(depth - 1), money(depth - 1), money(depth - 1), money(depth - 1)});
      case 8: return inOrder("求和(x 属于 费用 满足 x > {} => 最小(x, {}))", {moneyLeaf(), money(depth - 1)});
      case 9: return inOrder("四舍五入({}, {})", {money(depth - 1), std::to_string(below(4))});
      case 10:
        return inOrder("(累进 金额A {{ [0 万元, 50 万元) => {}, [50 万元, 200 万元) => {}, [200 万元, ∞) => {} }})",
                       {ratio(), ratio(), ratio()});
      case 11: return inOrder("(累进 次数 {{ (1, 5] => {}, (5, ∞) => {} }})", {moneyLeaf(), moneyLeaf()});
      // A 集合 in a pattern: over a field closed to it, the arms need no _.
      case 12:
        return inOrder("(匹配 类别 {{ \"制造业\" => {}, 行业集 => {} }})", {money(depth - 1), money(depth - 1)});
      default:
        return inOrder("(跨越 (金额B, 金额A] {{ 1 万元 => {}, 50 万元 => {}, 300 万元 => {} }})",
                       {money(depth - 1), money(depth - 1), money(depth - 1)});
    }
  }

  std::string condition(int depth) {
    if (depth <= 0 || below(3) == 0) {
      switch (below(11)) {
        case 8: return "行业 属于 行业集";
        case 9: return "类别 = \"服务业\"";
        case 10: return fmt::format("利率 ≥ {}%", below(6));
        case 0: return inOrder("{} < {}", {moneyLeaf(), moneyLeaf()});
        case 1: return inOrder("{} ≥ {}", {moneyLeaf(), moneyLeaf()});
        case 2: return "标志A";
        case 3: return "级别 = 省级";
        case 4: return "次数 > 1";
        case 5: return "年度 属于 [2021, 2023]";
        case 6: return "(有(认定日期) 且 认定日期 < 2024-01-01)";
        default: return "行业 = \"制造业\"";
      }
    }
    switch (below(3)) {
      case 0: return inOrder("({} 且 {})", {condition(depth - 1), condition(depth - 1)});
      case 1: return inOrder("({} 或 {})", {condition(depth - 1), condition(depth - 1)});
      default: return fmt::format("非 ({})", condition(depth - 1));
    }
  }

  // An amount for one item of 项目 (the per-item clauses' p), which may
  // read the record too.
  std::string itemMoney(int depth) {
    if (depth <= 0 || below(3) == 0) {
      switch (below(4)) {
        case 0: return "p.投资";
        case 1: return fmt::format("(p.投资 × {})", ratio());
        case 2: return moneyLeaf();
        default: return "(p.投资 / p.台数)";  // 台数 may be 0: that item fails alone
      }
    }
    switch (below(4)) {
      case 0: return inOrder("最小({}, {})", {itemMoney(depth - 1), money(depth - 1)});
      case 1: return inOrder("(如果 p.重点 则 {} 否则 {})", {itemMoney(depth - 1), itemMoney(depth - 1)});
      case 2: return inOrder("({} + {})", {itemMoney(depth - 1), itemMoney(depth - 1)});
      default: return inOrder("({} × {})", {itemMoney(depth - 1), ratio()});
    }
  }

  std::string itemCondition() {
    switch (below(4)) {
      case 0: return "p.重点";
      case 1: return fmt::format("p.投资 > {} 万元", below(300));
      case 2: return condition(1);
      default: return fmt::format("(p.重点 或 {})", condition(0));
    }
  }

  // A 封顶 limit: a constant, or a field, now and then zero or below.
  std::string limit() {
    if (shared_ && below(6) == 0) return "共享额";
    switch (below(5)) {
      case 0: return "金额A";
      case 1: return fmt::format("{} 万元", below(400));
      case 2: return "(金额A - 金额B)";
      case 3: return "0 元";
      default: return inOrder("{}.{} 元", {std::to_string(below(100000)), fmt::format("{:02}", below(100))});
    }
  }

  // Whether the policy's 设 共享额 is declared yet, for its clauses and rules to read.
  void shareDeclared() { shared_ = true; }

 private:
  uint64_t below(uint64_t n) { return choices_() % n; }

  std::string moneyLeaf() {
    if (shared_ && below(8) == 0) return "共享额";
    switch (below(10)) {
      case 9: return "(金额A × 利率)";  // a 百分数 field: 4.2 is 4.2%
      case 0: return "金额A";
      case 1: return "金额B";
      case 2: return "单价 × 面积";
      case 3: return "外资 × 汇率";
      case 4: return inOrder("({}.{} 万元)", {std::to_string(below(300)), fmt::format("{:03}", below(1000))});
      case 5: return "(0.005 元)";
      case 6: return "3 万元 × 次数";
      case 7: return "面积 × 标准";  // dated: none in force before 2022, so some records fail
      default: return "巨额";  // a parameter: overflows at run time, where a constant would not check
    }
  }

  std::string ratio() {
    switch (below(6)) {
      case 0: return "1.5%";
      case 1: return "比例";
      case 2: return "(金额A / 金额B)";
      case 3: return "3";
      case 4: return "0.333333";
      default: return "次数";
    }
  }

  const Choices& choices_;
  bool shared_ = false;
};

}  // namespace

const char* sampleDeclarations() {
  return R"(导入 "std/units.zc";
导入 "std/policy.zc";
枚举 等级 { 国家级, 省级, 市级 }
集合 行业集 { "制造业", "服务业", "采矿业" }
记录 子项 {
  编号: 文本 键;
  投资: 万元 = 0;
  台数: 整数 = 1;
  重点: 标志 = 假;
}
记录 样本 {
  id: 文本 键;
  金额A: 万元 = 0;
  金额B: 元 = 0;
  面积: 平方米 = 0;
  单价: 元/平方米 = 0;
  外资: 万美元 = 0;
  比例: 数 = 0;
  次数: 计数 = 0;
  年度: 整数 = 0;
  标志A: 标志 = 假;
  行业: 文本 = "";
  类别: 行业集 = "制造业";
  利率: 百分数 = 0 百分数;
  已享受额: 万元 = 0;
  级别: 等级 = 市级;
  费用: 列表<元> = [];
  项目: 列表<子项> = [];
  认定日期: 日期?;
  名次: 整数?;
}
参数 汇率: 元/美元 = 7.10 元/美元;
参数 巨额: 亿元 = 99999999999999999999999999999 亿元;
参数 标准: 元/平方米 = 按日期 { 2022-01-01 => 100 元/平方米, 2023-07-01 => 150.5 元/平方米 };
)";
}

std::string randomRuleset(const Choices& choices, int clauses) {
  ExpressionGenerator gen(choices);
  std::string text = std::string(sampleDeclarations()) + R"(政策 "随机" 针对 样本 {
  适用 非 (金额B = 0.0001 元);
  截至 如果 有(认定日期) 则 认定日期 否则 2023-06-30;
)";
  // A value the clauses share, computed where a clause reads it.
  text += fmt::format("  设 共享额 = {} 原文 \"随机\";\n", gen.money(3));
  gen.shareDeclared();
  for (int i = 0; i < clauses; ++i) {
    std::string window = choices() % 4 == 0 ? " 有效期 [2022-01-01, 2024-01-01);" : "";
    std::string condition = gen.condition(2);
    text += fmt::format("  条款 \"R{:03}\" {{ 原文 \"随机\"; 受益方 企业;{} 条件 {}; 奖励 {}; }}\n", i, window, condition,
                        gen.money(4));
  }
  // Clauses paying per item of 项目, the later now and then a 配套 of the
  // item's award of an earlier one.
  int items = static_cast<int>(choices() % 4);
  // The highest item clause that does not build, through a chain of 配套,
  // on I000: a rule over both of two clauses where one builds on the other
  // is a circle the checker refuses.
  int apartFromFirst = 0;
  bool buildsOnFirst = true;
  for (int i = 0; i < items; ++i) {
    bool readsPrevious = i > 0 && choices() % 3 == 0;
    // I000 builds on itself: the chain starts at I001.
    if (i > 0) buildsOnFirst = buildsOnFirst && readsPrevious;
    if (i > 0 && !buildsOnFirst) apartFromFirst = i;
    std::string amount = readsPrevious ? fmt::format("({} × 条款 \"I{:03}\")", "50%", i - 1) : gen.itemMoney(3);
    text += fmt::format("  条款 \"I{:03}\" {{ 原文 \"随机\"; 受益方 企业; 逐项 p 属于 项目; 条件 {}; 奖励 {}; }}\n", i,
                        gen.itemCondition(), amount);
  }
  auto rule = [&](const std::string& ids, bool perItem) {
    const char* each = perItem ? " 逐项" : "";
    if (choices() % 2 == 0) text += fmt::format("  就高{} {{ {} }};\n", each, ids);
    else {
      std::string limit = gen.limit();
      std::string less = choices() % 3 == 0 ? " 扣除 已享受额" : "";
      text += fmt::format("  封顶 {}{}{} {{ {} }} {};\n", limit, less, each, ids, choices() % 2 == 0 ? "按顺序" : "按比例");
    }
  };
  // 就高 and 封顶 rules over runs of the clauses, each clause in at most one
  // of each kind so the ids are distinct.
  for (int first = 0; first + 1 < clauses; first += 2 + static_cast<int>(choices() % 6)) {
    int last = std::min(clauses - 1, first + 1 + static_cast<int>(choices() % 4));
    std::string ids;
    for (int i = first; i <= last; ++i) ids += fmt::format("{}\"R{:03}\"", i == first ? "" : ", ", i);
    // Now and then a per-item clause joins a rule over whole clauses.
    if (items > 0 && choices() % 3 == 0) ids += fmt::format(", \"I{:03}\"", choices() % items);
    rule(ids, false);
  }
  if (apartFromFirst > 0) rule(fmt::format("\"I000\", \"I{:03}\"", apartFromFirst), true);
  // A 排名 writing 名次, ties all in or none in, and a clause paying by the place: per record
  // the engines read the place the record gives (a run ranks its records first). Drawn last,
  // so the clauses above are what they were for each seed.
  text += fmt::format("  排名 名次 按 金额A 降序, 年度 升序 并列 {};\n", choices() % 2 == 0 ? "全部入选" : "均不入选");
  std::string places = std::to_string(choices() % 6);
  text += inOrder("  条款 \"RK\" {{ 原文 \"随机\"; 受益方 企业; 条件 有(名次) 且 名次 ≤ {}; "
                  "奖励 档位 名次 {{ [1, 2) => {}, [2, 4) => {}, 否则 => {} }}; }}\n",
                  {places, gen.money(2), gen.money(2), gen.money(2)});
  return text + "}\n";
}

std::string randomRuleset(uint64_t seed, int clauses) {
  std::mt19937_64 engine(seed);
  return randomRuleset(Choices([&engine] { return engine(); }), clauses);
}

}  // namespace zc::testing
