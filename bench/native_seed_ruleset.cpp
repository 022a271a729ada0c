#include "native_seed_ruleset.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace zc::bench {

namespace {

// An exact number with the operators a C++ programmer would give it, over
// the runtime's functions (overflow is not looked for: the benchmark's data
// stays in range).
struct Dec {
  zc_dec v{};
  Dec() = default;
  Dec(const zc_dec& value) : v(value) {}
  static Dec of(__int128 num, __int128 den = 1) {
    Dec d;
    zc_dec_make(num, den, &d.v);
    return d;
  }
  friend Dec operator+(const Dec& a, const Dec& b) { return apply(zc_dec_add, a, b); }
  friend Dec operator-(const Dec& a, const Dec& b) { return apply(zc_dec_sub, a, b); }
  friend Dec operator*(const Dec& a, const Dec& b) { return apply(zc_dec_mul, a, b); }
  friend Dec operator/(const Dec& a, const Dec& b) { return apply(zc_dec_div, a, b); }
  Dec& operator+=(const Dec& b) { return *this = *this + b; }
  friend int compare(const Dec& a, const Dec& b) { return zc_dec_compare(&a.v, &b.v); }
  friend bool operator<(const Dec& a, const Dec& b) { return compare(a, b) < 0; }
  friend bool operator<=(const Dec& a, const Dec& b) { return compare(a, b) <= 0; }
  friend bool operator>(const Dec& a, const Dec& b) { return compare(a, b) > 0; }
  friend bool operator>=(const Dec& a, const Dec& b) { return compare(a, b) >= 0; }

 private:
  static Dec apply(zc_status (*op)(const zc_dec*, const zc_dec*, zc_dec*), const Dec& a, const Dec& b) {
    Dec r;
    op(&a.v, &b.v, &r.v);
    return r;
  }
};

Dec wan(int64_t n) { return Dec::of(static_cast<__int128>(n) * 10000); }  // n 万元 in 元

// Where a field lives in the batch and how its values are held.
struct Field {
  int index = -1;
  rt::Kind kind = rt::Kind::Text;
  const rt::FieldSchema* schema = nullptr;
};

struct Layout {
  std::vector<int> slot;  // clause id order of the catalogue → the program's clause index
  Field 区县, 市, 省, 年度, 行业, 限制淘汰, 安全事故, 失信, 平台级别, 协同创新体, 院士站, 专家站, 海智站, 博士后站,
      高成长认定, 高成长奖励, 电商费用, 外资, 会展, 竣工面积, 去化面积, 投产类别, 五百强, 上市迁入, 规上, 新进规上,
      营业收入, 上年营业收入, 历史最高营业收入, 入库税收, 历史最高入库税收, 扶持资金, 上市类型, 技改投资, 发票金额,
      已获技改, 智能制造, 升规满一年, 专精特新荣誉, 创新平台, 交易所上市, 民参军, 专精特新认定, 认定日期;
  int 扶持级别 = -1, 扶持金额 = -1;
};

Layout layout;

const char* kClauses[] = {"CJ-Q-3a", "CJ-Q-3b", "CJ-Q-3c", "CJ-Q-3d", "CJ-Q-3e", "CJ-Q-4",  "CJ-Q-5",
                          "CJ-Q-6",  "CJ-Q-7",  "CJ-Q-8a", "CJ-Q-8b", "CJ-B-2a", "CJ-B-2b", "CJ-B-2c",
                          "CJ-B-3",  "CJ-B-4a", "CJ-B-4b", "CJ-B-4c", "CJ-B-6",  "CJ-B-7",  "CJ-B-8",
                          "PX-Z-2a", "PX-Z-2b", "PX-Z-3",  "PX-Z-4",  "PX-Z-10", "XJ-Y-3"};

struct Row {
  const zc_batch* batch;
  int64_t row;

  const zc_column& column(const Field& f) const { return batch->columns[f.index]; }
  Dec dec(const Field& f) const { return static_cast<const zc_dec*>(column(f).values)[row]; }
  int64_t integer(const Field& f) const { return static_cast<const int64_t*>(column(f).values)[row]; }
  bool flag(const Field& f) const { return integer(f) != 0; }
  bool present(const Field& f) const { return column(f).present[row] != 0; }
  // A text or enum field holding this value.
  bool is(const Field& f, std::string_view value) const {
    if (f.kind == rt::Kind::Enum) return present(f) && f.schema->enumValues[integer(f)] == value;
    const zc_text& t = static_cast<const zc_text*>(column(f).values)[row];
    return static_cast<size_t>(t.length) == value.size() && std::memcmp(t.data, value.data(), value.size()) == 0;
  }
  bool isElement(const Field& f, int64_t i, std::string_view value) const {
    if (f.kind == rt::Kind::Enum)
      return f.schema->enumValues[static_cast<const int64_t*>(column(f).values)[i]] == value;
    const zc_text& t = static_cast<const zc_text*>(column(f).values)[i];
    return static_cast<size_t>(t.length) == value.size() && std::memcmp(t.data, value.data(), value.size()) == 0;
  }
  int64_t begin(const Field& f) const { return column(f).offsets[row]; }
  int64_t end(const Field& f) const { return column(f).offsets[row + 1]; }
};

zc_dec toFen(const Dec& yuan) {
  zc_dec out;
  zc_dec_round(&yuan.v, 2, &out);
  return out;
}

}  // namespace

bool prepareNativeSeed(const ir::Program& program, std::string& problem) {
  auto bind = [&](Field& f, const char* name) {
    f.index = program.schema.fieldIndex(name);
    if (f.index < 0) {
      problem = std::string("no field ") + name;
      return false;
    }
    f.schema = &program.schema.fields[f.index];
    f.kind = f.schema->kind;
    return true;
  };
  if (program.params.size() != 1 || program.params[0].name != "美元汇率") {
    problem = "the only parameter should be 美元汇率";
    return false;
  }
  Layout& l = layout;
  bool ok =
      bind(l.区县, "区县") && bind(l.市, "市") && bind(l.省, "省") && bind(l.年度, "年度") && bind(l.行业, "行业") &&
      bind(l.限制淘汰, "主营属于限制淘汰类") && bind(l.安全事故, "近三年重大安全环保事故") &&
      bind(l.失信, "严重失信或重大违法") && bind(l.平台级别, "新认定创新平台级别") &&
      bind(l.协同创新体, "推荐上报协同创新体") && bind(l.院士站, "新设院士工作站") &&
      bind(l.专家站, "新设专家工作站") && bind(l.海智站, "新设海智工作站") && bind(l.博士后站, "新增博士后站") &&
      bind(l.高成长认定, "高成长认定") && bind(l.高成长奖励, "省级高成长奖励") && bind(l.电商费用, "电商活动费用") &&
      bind(l.外资, "当年实际利用外资") && bind(l.会展, "参加国内外重大会展") &&
      bind(l.竣工面积, "区属新增竣工标准厂房面积") && bind(l.去化面积, "区属新增去化标准厂房面积") &&
      bind(l.投产类别, "新投产项目类别") && bind(l.五百强, "中国制造业500强落户") &&
      bind(l.上市迁入, "市外上市企业迁入") && bind(l.规上, "规上企业") && bind(l.新进规上, "当年新进规上") &&
      bind(l.营业收入, "营业收入") && bind(l.上年营业收入, "上年营业收入") &&
      bind(l.历史最高营业收入, "历史最高营业收入") && bind(l.入库税收, "入库税收") &&
      bind(l.历史最高入库税收, "历史最高入库税收") && bind(l.扶持资金, "获得项目扶持资金") &&
      bind(l.上市类型, "上市类型") && bind(l.技改投资, "技术改造投资额") && bind(l.发票金额, "设备购置发票金额") &&
      bind(l.已获技改, "已获技改扶持资金") && bind(l.智能制造, "智能制造赛道企业") &&
      bind(l.升规满一年, "首次升规入统满一年") && bind(l.专精特新荣誉, "首次荣获省级以上专精特新等荣誉") &&
      bind(l.创新平台, "首次获评省级以上创新平台") && bind(l.交易所上市, "沪深北交易所上市") &&
      bind(l.民参军, "获得民参军资质") && bind(l.专精特新认定, "专精特新认定") && bind(l.认定日期, "认定日期");
  if (!ok) return false;
  for (size_t k = 0; k < l.扶持资金.schema->subFields.size(); ++k) {
    if (l.扶持资金.schema->subFields[k].name == "级别") l.扶持级别 = static_cast<int>(k);
    if (l.扶持资金.schema->subFields[k].name == "金额") l.扶持金额 = static_cast<int>(k);
  }
  l.slot.clear();
  for (const char* id : kClauses) {
    int found = -1;
    for (size_t c = 0; c < program.clauses.size(); ++c)
      if (program.clauses[c].id == id) found = static_cast<int>(c);
    if (found < 0) {
      problem = std::string("no clause ") + id;
      return false;
    }
    l.slot.push_back(found);
  }
  if (program.clauses.size() != l.slot.size()) problem = "the program has clauses the hand-written ruleset lacks";
  return problem.empty();
}

void evaluateNativeSeed(const zc_batch* batch, const void* const* params, zc_batch_result* result) {
  const Layout& l = layout;
  const Dec rate = *static_cast<const zc_dec*>(params[0]);
  const Dec zero, percent = Dec::of(1, 100), tenThousand = Dec::of(10000);
  const size_t clauses = l.slot.size();
  for (int64_t row = 0; row < batch->rows; ++row) {
    Row r{batch, row};
    uint8_t* fired = result->fired + row * clauses;
    zc_dec* amounts = result->amounts + row * clauses;
    std::memset(fired, 0, clauses);
    std::fill(amounts, amounts + clauses, zc_dec{});
    std::fill(result->status + row * clauses, result->status + (row + 1) * clauses, ZC_OK);
    std::fill(result->site + row * clauses, result->site + (row + 1) * clauses, -1);
    // A negative amount is never paid: it fails its clause.
    auto pay = [&](int clause, const Dec& yuan) {
      int slot = l.slot[clause];
      amounts[slot] = toFen(yuan);
      fired[slot] = amounts[slot].num > 0;
      if (amounts[slot].num < 0) result->status[row * clauses + slot] = ZC_ERR_NEGATIVE_AWARD;
    };
    auto eligible = [&](int clause, bool holds) { fired[l.slot[clause]] = holds; };

    bool changjiang = r.is(l.区县, "昌江区");
    int64_t year = r.integer(l.年度);
    if (changjiang && !r.flag(l.限制淘汰) && !r.flag(l.安全事故) && !r.flag(l.失信)) {
      Dec platforms;
      for (int64_t i = r.begin(l.平台级别); i < r.end(l.平台级别); ++i)
        platforms += r.isElement(l.平台级别, i, "国家级") ? wan(30)
                     : r.isElement(l.平台级别, i, "省级") ? wan(10)
                                                          : wan(5);
      pay(0, platforms);
      pay(1, wan(3) * Dec::of(r.integer(l.协同创新体)));
      pay(2, wan(20) * Dec::of(r.integer(l.院士站)));
      pay(3, wan(5) * Dec::of(r.integer(l.专家站) + r.integer(l.海智站)));
      Dec postdoc;
      for (int64_t i = r.begin(l.博士后站); i < r.end(l.博士后站); ++i)
        postdoc += r.isElement(l.博士后站, i, "创新实践基地") ? wan(5) : wan(10);
      pay(4, postdoc);
      if (r.present(l.高成长认定)) pay(5, r.dec(l.高成长奖励) * Dec::of(5000));
      Dec ecommerce;
      for (int64_t i = r.begin(l.电商费用); i < r.end(l.电商费用); ++i) {
        Dec fee = static_cast<const zc_dec*>(r.column(l.电商费用).values)[i];
        ecommerce += fee < wan(1) ? fee : wan(1);
      }
      pay(6, ecommerce);
      Dec capital = r.dec(l.外资);
      if (r.is(l.行业, "制造业") && capital >= Dec::of(50)) {
        Dec share = capital < Dec::of(200) ? percent : capital < Dec::of(500) ? Dec::of(15, 1000) : Dec::of(1, 50);
        pay(7, share * capital * rate * tenThousand);
      }
      if (r.flag(l.会展)) pay(8, wan(1));
      pay(9, Dec::of(200) * r.dec(l.竣工面积));
      pay(10, Dec::of(600) * r.dec(l.去化面积));
    }
    if (changjiang && year >= 2021 && year <= 2023) {
      if (r.is(l.投产类别, "50项目"))
        pay(11, wan(300));
      else if (r.is(l.投产类别, "20项目"))
        pay(11, wan(100));
      eligible(12, r.flag(l.五百强));
      if (r.flag(l.上市迁入)) pay(13, wan(200));
      if (r.flag(l.新进规上)) pay(14, wan(3));
      Dec revenue = r.dec(l.营业收入), revenueBefore = r.dec(l.历史最高营业收入);
      Dec crossed;
      const int64_t revenueSteps[][2] = {{500000, 100}, {1000000, 200}, {3000000, 600}};
      for (auto [threshold, award] : revenueSteps)
        if (revenueBefore < Dec::of(threshold) && Dec::of(threshold) <= revenue) crossed += wan(award);
      pay(15, crossed);
      Dec tax = r.dec(l.入库税收), taxBefore = r.dec(l.历史最高入库税收);
      crossed = zero;
      const int64_t taxSteps[][2] = {{10000, 100}, {50000, 500}, {100000, 1000}, {200000, 2000}};
      for (auto [threshold, award] : taxSteps)
        if (taxBefore < Dec::of(threshold) && Dec::of(threshold) <= tax) crossed += wan(award);
      pay(16, crossed);
      Dec last = r.dec(l.上年营业收入);
      if (r.flag(l.规上) && !r.flag(l.新进规上) && last > zero) {
        Dec growth = revenue / last - Dec::of(1);
        Dec award = growth > Dec::of(15, 100)  ? wan(20)
                    : growth > Dec::of(1, 10)  ? wan(10)
                    : growth > Dec::of(8, 100) ? wan(8)
                    : growth > Dec::of(5, 100) ? wan(2)
                                               : zero;
        pay(17, award);
      }
      Dec support;
      const zc_column& grants = r.column(l.扶持资金);
      const auto* levels = static_cast<const int64_t*>(grants.fields[l.扶持级别]);
      const auto* amounts = static_cast<const zc_dec*>(grants.fields[l.扶持金额]);
      const auto& levelNames = l.扶持资金.schema->subFields[l.扶持级别].enumValues;
      for (int64_t i = r.begin(l.扶持资金); i < r.end(l.扶持资金); ++i) {
        std::string_view level = levelNames[levels[i]];
        Dec share = level == "国家级" ? Dec::of(1, 5) : level == "省级" ? Dec::of(15, 100) : Dec::of(1, 10);
        support += share * amounts[i];
      }
      pay(18, support * tenThousand);
      if (r.is(l.上市类型, "境内首发"))
        pay(19, wan(500));
      else if (r.is(l.上市类型, "境外首发"))
        pay(19, wan(200));
      else if (r.is(l.上市类型, "新三板"))
        pay(19, wan(50));
      if (r.dec(l.技改投资) >= Dec::of(300) && !r.flag(l.已获技改)) pay(20, percent * r.dec(l.发票金额) * tenThousand);
    }
    if (r.is(l.市, "萍乡市") && r.flag(l.智能制造) && year >= 2023) {
      eligible(21, r.flag(l.升规满一年));
      eligible(22, r.flag(l.专精特新荣誉));
      eligible(23, r.flag(l.创新平台));
      eligible(24, r.flag(l.交易所上市));
      eligible(25, r.flag(l.民参军));
    }
    if (r.is(l.省, "新疆维吾尔自治区") && r.present(l.认定日期)) {
      int64_t day = r.integer(l.认定日期);
      if (day >= 19358 && day <= 20453) {  // 2023-01-01 .. 2025-12-31
        if (r.is(l.专精特新认定, "国家重点小巨人"))
          pay(26, wan(50));
        else if (r.is(l.专精特新认定, "专精特新小巨人"))
          pay(26, wan(100));
        else if (r.is(l.专精特新认定, "专精特新中小企业"))
          pay(26, wan(25));
      }
    }
  }
}

}  // namespace zc::bench
