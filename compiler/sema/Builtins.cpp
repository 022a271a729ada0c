#include "sema/Builtins.h"

#include "ir/RuntimeFunction.h"

namespace zc {

namespace {

constexpr int fn(ir::RuntimeFn f) { return static_cast<int>(f); }

}  // namespace

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> table = {
      {"最小", "min", BuiltinSignature::MinMax, fn(ir::RuntimeFn::IntMin), fn(ir::RuntimeFn::DecMin),
       "the least of its arguments"},
      {"最大", "max", BuiltinSignature::MinMax, fn(ir::RuntimeFn::IntMax), fn(ir::RuntimeFn::DecMax),
       "the greatest of its arguments"},
      {"四舍五入", "round", BuiltinSignature::Round, -1, fn(ir::RuntimeFn::DecRound),
       "rounds half away from zero to N places"},
      {"向下取整", "floor", BuiltinSignature::Round, -1, fn(ir::RuntimeFn::DecFloor),
       "rounds down (toward −∞) to N places"},
      {"向上取整", "ceil", BuiltinSignature::Round, -1, fn(ir::RuntimeFn::DecCeil),
       "rounds up (toward +∞) to N places"},
      {"截断", "truncate", BuiltinSignature::Round, -1, fn(ir::RuntimeFn::DecTrunc),
       "drops the digits past N places (toward zero)"},
      {"绝对值", "abs", BuiltinSignature::Abs, -1, fn(ir::RuntimeFn::DecAbs), "the absolute value"},
      {"有", "present", BuiltinSignature::Present, -1, -1, "whether an optional field is present"},
      {"年份", "year", BuiltinSignature::DateToInt, fn(ir::RuntimeFn::DateYear), -1, "the year of a date"},
      {"月份", "month", BuiltinSignature::DateToInt, fn(ir::RuntimeFn::DateMonth), -1, "the month of a date"},
      {"日", "day", BuiltinSignature::DateToInt, fn(ir::RuntimeFn::DateDay), -1, "the day of the month of a date"},
      {"天数差", "days_between", BuiltinSignature::DaysBetween, fn(ir::RuntimeFn::DateDiffDays), -1,
       "days from the first date to the second"},
      {"构造日期", "make_date", BuiltinSignature::MakeDate, fn(ir::RuntimeFn::DateMake), -1,
       "the date of a year, month and day"},
      {"加月", "add_months", BuiltinSignature::AddMonths, fn(ir::RuntimeFn::DateAddMonths), -1,
       "the date N months later, on the month's last day if it is shorter"},
      {"月数差", "months_between", BuiltinSignature::DaysBetween, fn(ir::RuntimeFn::DateMonthsBetween), -1,
       "whole months from the first date to the second"},
  };
  return table;
}

const Builtin* findBuiltin(std::string_view name) {
  for (const Builtin& b : builtins())
    if (b.chinese == name || b.english == name) return &b;
  return nullptr;
}

}  // namespace zc
