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
      case 0:
        return inOrder("({} + {})", {money(depth - 1), money(depth - 1)});
      case 1:
        return inOrder("({} - {})", {money(depth - 1), money(depth - 1)});
      case 2:
        return inOrder("({} × {})", {money(depth - 1), ratio()});
      case 3:
        return inOrder("({} / {})", {money(depth - 1), ratio()});
      case 4:
        return inOrder("最小({}, {})", {money(depth - 1), money(depth - 1)});
      case 5:
        return inOrder("最大({}, {})", {money(depth - 1), money(depth - 1)});
      case 6:
        return inOrder("(如果 {} 则 {} 否则 {})", {condition(depth - 1), money(depth - 1), money(depth - 1)});
      case 7:
        return inOrder(
            "(档位 金额A {{ [0 万元, 50 万元) => {}, [50 万元, 200 万元] => {}, (200 万元, ∞) => {}, 否则 => {} }})",
            {money(depth - 1), money(depth - 1), money(depth - 1), money(depth - 1)});
      case 8:
        return inOrder("求和(x 属于 费用 满足 x > {} => 最小(x, {}))", {moneyLeaf(), money(depth - 1)});
      case 9:
        return inOrder("四舍五入({}, {})", {money(depth - 1), std::to_string(below(4))});
      case 10:
        return inOrder("(累进 金额A {{ [0 万元, 50 万元) => {}, [50 万元, 200 万元) => {}, [200 万元, ∞) => {} }})",
                       {ratio(), ratio(), ratio()});
      case 11:
        return inOrder("(累进 次数 {{ (1, 5] => {}, (5, ∞) => {} }})", {moneyLeaf(), moneyLeaf()});
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
        case 8:
          return "行业 属于 行业集";
        case 9:
          return "类别 = \"服务业\"";
        case 10:
          return fmt::format("利率 ≥ {}%", below(6));
        case 0:
          return inOrder("{} < {}", {moneyLeaf(), moneyLeaf()});
        case 1:
          return inOrder("{} ≥ {}", {moneyLeaf(), moneyLeaf()});
        case 2:
          return "标志A";
        case 3:
          return "级别 = 省级";
        case 4:
          return "次数 > 1";
        case 5:
          return "年度 属于 [2021, 2023]";
        case 6:
          return "(有(认定日期) 且 认定日期 < 2024-01-01)";
        default:
          return "行业 = \"制造业\"";
      }
    }
    switch (below(3)) {
      case 0:
        return inOrder("({} 且 {})", {condition(depth - 1), condition(depth - 1)});
      case 1:
        return inOrder("({} 或 {})", {condition(depth - 1), condition(depth - 1)});
      default:
        return fmt::format("非 ({})", condition(depth - 1));
    }
  }

  // An amount for one item of 项目 (the per-item clauses' p), which may
  // read the record too.
  std::string itemMoney(int depth) {
    if (depth <= 0 || below(3) == 0) {
      switch (below(4)) {
        case 0:
          return "p.投资";
        case 1:
          return fmt::format("(p.投资 × {})", ratio());
        case 2:
          return moneyLeaf();
        default:
          return "(p.投资 / p.台数)";  // 台数 may be 0: that item fails alone
      }
    }
    switch (below(4)) {
      case 0:
        return inOrder("最小({}, {})", {itemMoney(depth - 1), money(depth - 1)});
      case 1:
        return inOrder("(如果 p.重点 则 {} 否则 {})", {itemMoney(depth - 1), itemMoney(depth - 1)});
      case 2:
        return inOrder("({} + {})", {itemMoney(depth - 1), itemMoney(depth - 1)});
      default:
        return inOrder("({} × {})", {itemMoney(depth - 1), ratio()});
    }
  }

  std::string itemCondition() {
    switch (below(4)) {
      case 0:
        return "p.重点";
      case 1:
        return fmt::format("p.投资 > {} 万元", below(300));
      case 2:
        return condition(1);
      default:
        return fmt::format("(p.重点 或 {})", condition(0));
    }
  }

  // A 封顶 limit: a constant, or a field, now and then zero or below.
  std::string limit() {
    if (shared_ && below(6) == 0) return "共享额";
    switch (below(5)) {
      case 0:
        return "金额A";
      case 1:
        return fmt::format("{} 万元", below(400));
      case 2:
        return "(金额A - 金额B)";
      case 3:
        return "0 元";
      default:
        return inOrder("{}.{} 元", {std::to_string(below(100000)), fmt::format("{:02}", below(100))});
    }
  }

  // Whether the policy's 设 共享额 is declared yet, for its clauses and rules to read.
  void shareDeclared() { shared_ = true; }

 private:
  uint64_t below(uint64_t n) { return choices_() % n; }

  std::string moneyLeaf() {
    if (shared_ && below(8) == 0) return "共享额";
    switch (below(10)) {
      case 9:
        return "(金额A × 利率)";  // a 百分数 field: 4.2 is 4.2%
      case 0:
        return "金额A";
      case 1:
        return "金额B";
      case 2:
        return "单价 × 面积";
      case 3:
        return "外资 × 汇率";
      case 4:
        return inOrder("({}.{} 万元)", {std::to_string(below(300)), fmt::format("{:03}", below(1000))});
      case 5:
        return "(0.005 元)";
      case 6:
        return "3 万元 × 次数";
      case 7:
        return "面积 × 标准";  // dated: none in force before 2022, so some records fail
      default:
        return "巨额";  // a parameter: overflows at run time, where a constant would not check
    }
  }

  std::string ratio() {
    switch (below(6)) {
      case 0:
        return "1.5%";
      case 1:
        return "比例";
      case 2:
        return "(金额A / 金额B)";
      case 3:
        return "3";
      case 4:
        return "0.333333";
      default:
        return "次数";
    }
  }

  const Choices& choices_;
  bool shared_ = false;
};

// A second policy whose awards share 资金池s and read the record's history
// (往年奖励): 最长 N 年, 已享受 {ids} in conditions and amounts, a lifetime
// 封顶 扣除 已享受, and now and then a condition on the first policy's
// 名次, so a ranking and a pool meet. Its awards are bounded (最小(…, N 万元)),
// so a run's claims add up within what a pool can settle.
std::string pooledPolicy(const Choices& choices, int firstClauses) {
  ExpressionGenerator gen(choices);
  auto below = [&](uint64_t n) { return choices() % n; };
  int count = 1 + static_cast<int>(below(4));
  // 已享受 over one to three distinct ids of either policy's clauses, or of a policy.
  auto received = [&] {
    std::vector<std::string> ids;
    for (uint64_t n = 1 + below(3); ids.size() < n;) {
      uint64_t pick = below(4);
      std::string id = pick == 0   ? "随机池"
                       : pick == 1 ? "随机"
                       : pick == 2 ? fmt::format("P{:03}", below(count))
                                   : fmt::format("R{:03}", below(firstClauses));
      if (std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(id);
      else
        break;
    }
    std::string text = "已享受 {";
    for (size_t i = 0; i < ids.size(); ++i) text += fmt::format("{}\"{}\"", i == 0 ? " " : ", ", ids[i]);
    return text + " }";
  };
  std::string text = "政策 \"随机池\" 针对 样本 {\n  截至 2024-06-30;\n";
  for (int i = 0; i < count; ++i) {
    std::string atMost = below(2) == 0 ? fmt::format(" 最长 {} 年;", 1 + below(3)) : "";
    std::string condition;
    switch (below(5)) {
      case 0:
        condition = gen.condition(1);
        break;
      case 1:
        condition = received() + " = 0 元";
        break;
      case 2:
        condition = inOrder("{} < {} 万元", {received(), std::to_string(below(50))});
        break;
      case 3:
        condition = fmt::format("有(名次) 且 名次 ≤ {}", 1 + below(5));
        break;
      default:
        condition = inOrder("({} 或 {} > 0 元)", {gen.condition(1), received()});
        break;
    }
    std::string bound = fmt::format("{} 万元", 1 + below(200));
    std::string award = below(2) == 0 ? inOrder("最小({}, {})", {gen.money(3), bound})
                                      : inOrder("最小(最大(0 元, {} - {}), {})", {gen.money(3), received(), bound});
    text += fmt::format("  条款 \"P{:03}\" {{ 原文 \"随机\"; 受益方 企业;{} 条件 {}; 奖励 {}; }}\n", i, atMost,
                        condition, award);
  }
  auto ids = [](int from, int to) {
    std::string out = "{";
    for (int i = from; i < to; ++i) out += fmt::format("{}\"P{:03}\"", i == from ? " " : ", ", i);
    return out + " }";
  };
  if (below(2) == 0) {
    uint64_t less = below(3);
    std::string deducted = less == 0 ? "已享受" : less == 1 ? "已享受额" : "(" + received() + ")";
    std::string limit = fmt::format("{} 万元", below(300));
    const char* how = below(2) == 0 ? "按顺序" : "按比例";
    text += fmt::format("  封顶 {} 扣除 {} {} {};\n", limit, deducted, ids(0, count), how);
  }
  // One pool over them all (listed, or the policy's clauses unlisted), or two.
  auto pool = [&](const std::string& members) {
    std::string amount;
    switch (below(4)) {
      case 0:
        amount = "池额";
        break;  // a parameter: --param tries another budget
      case 1:
        amount = fmt::format("{} 万元", below(1000));
        break;
      case 2:
        amount = inOrder("{}.{} 元", {std::to_string(below(100000)), fmt::format("{:02}", below(100))});
        break;
      default:
        amount = "900000 亿元";
        break;  // more than any run asks: paid in full
    }
    const char* how[] = {"按比例", "按比例", "按顺序 申报日期", "按顺序 年度", "按顺序"};
    text += fmt::format("  资金池 {}{} {};\n", amount, members, how[below(5)]);
  };
  int split = count >= 2 && below(2) == 0 ? 1 + static_cast<int>(below(count - 1)) : 0;
  if (split > 0) {
    pool(" " + ids(0, split));
    pool(" " + ids(split, count));
  } else {
    pool(below(3) == 0 ? "" : " " + ids(0, count));
  }
  return text + "}\n";
}

}  // namespace

const char* sampleDeclarations() {
  return R"(导入 "std/units.zc";
导入 "std/policy.zc";
导入 "std/history.zc";
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
  申报日期: 日期 = 2024-01-01;
  往年奖励: 列表<往年奖励> = [];
}
参数 汇率: 元/美元 = 7.10 元/美元;
参数 巨额: 亿元 = 99999999999999999999999999999 亿元;
参数 池额: 万元 属于 [0 万元, ∞) = 120 万元;
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
    text += fmt::format("  条款 \"R{:03}\" {{ 原文 \"随机\"; 受益方 企业;{} 条件 {}; 奖励 {}; }}\n", i, window,
                        condition, gen.money(4));
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
    if (choices() % 2 == 0)
      text += fmt::format("  就高{} {{ {} }};\n", each, ids);
    else {
      std::string limit = gen.limit();
      std::string less = choices() % 3 == 0 ? " 扣除 已享受额" : "";
      text +=
          fmt::format("  封顶 {}{}{} {{ {} }} {};\n", limit, less, each, ids, choices() % 2 == 0 ? "按顺序" : "按比例");
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
  text += inOrder(
      "  条款 \"RK\" {{ 原文 \"随机\"; 受益方 企业; 条件 有(名次) 且 名次 ≤ {}; "
      "奖励 档位 名次 {{ [1, 2) => {}, [2, 4) => {}, 否则 => {} }}; }}\n",
      {places, gen.money(2), gen.money(2), gen.money(2)});
  return text + "}\n" + pooledPolicy(choices, clauses);
}

std::string randomRuleset(uint64_t seed, int clauses) {
  std::mt19937_64 engine(seed);
  return randomRuleset(Choices([&engine] { return engine(); }), clauses);
}

}  // namespace zc::testing
