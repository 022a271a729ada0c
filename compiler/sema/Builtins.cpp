#include "sema/Builtins.h"

#include "zc/runtime.h"

namespace zc {

namespace {

// Indices into runtimeFunctions(); the order of the table below.
enum RuntimeIndex {
  kDecMin, kDecMax, kIntMin, kIntMax, kDecAbs, kDecRound,
  kDateYear, kDateMonth, kDateDay, kDateDiff, kDateMake,
};

}  // namespace

const std::vector<RuntimeFunction>& runtimeFunctions() {
  static const std::vector<RuntimeFunction> table = {
      {"zc_dec_min", CallShape::DecDecToDec, false, reinterpret_cast<void*>(&zc_dec_min)},
      {"zc_dec_max", CallShape::DecDecToDec, false, reinterpret_cast<void*>(&zc_dec_max)},
      {"zc_int_min", CallShape::IntIntToInt, false, reinterpret_cast<void*>(&zc_int_min)},
      {"zc_int_max", CallShape::IntIntToInt, false, reinterpret_cast<void*>(&zc_int_max)},
      {"zc_dec_abs", CallShape::DecToDecChecked, true, reinterpret_cast<void*>(&zc_dec_abs)},
      {"zc_dec_round", CallShape::DecIntToDecChecked, true, reinterpret_cast<void*>(&zc_dec_round)},
      {"zc_date_year", CallShape::DateToInt, false, reinterpret_cast<void*>(&zc_date_year)},
      {"zc_date_month", CallShape::DateToInt, false, reinterpret_cast<void*>(&zc_date_month)},
      {"zc_date_day", CallShape::DateToInt, false, reinterpret_cast<void*>(&zc_date_day)},
      {"zc_date_diff_days", CallShape::DateDateToInt, false, reinterpret_cast<void*>(&zc_date_diff_days)},
      {"zc_date_make", CallShape::IntIntIntToDateChecked, true, reinterpret_cast<void*>(&zc_date_make)},
  };
  return table;
}

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> table = {
      {"最小", "min", BuiltinSignature::MinMax, kIntMin, kDecMin, "the least of its arguments"},
      {"最大", "max", BuiltinSignature::MinMax, kIntMax, kDecMax, "the greatest of its arguments"},
      {"四舍五入", "round", BuiltinSignature::Round, -1, kDecRound, "rounds half away from zero to N places"},
      {"绝对值", "abs", BuiltinSignature::Abs, -1, kDecAbs, "the absolute value"},
      {"有", "present", BuiltinSignature::Present, -1, -1, "whether an optional field is present"},
      {"年份", "year", BuiltinSignature::DateToInt, kDateYear, -1, "the year of a date"},
      {"月份", "month", BuiltinSignature::DateToInt, kDateMonth, -1, "the month of a date"},
      {"日", "day", BuiltinSignature::DateToInt, kDateDay, -1, "the day of the month of a date"},
      {"天数差", "days_between", BuiltinSignature::DaysBetween, kDateDiff, -1, "days from the first date to the second"},
      {"构造日期", "make_date", BuiltinSignature::MakeDate, kDateMake, -1, "the date of a year, month and day"},
  };
  return table;
}

const Builtin* findBuiltin(std::string_view name) {
  for (const Builtin& b : builtins())
    if (b.chinese == name || b.english == name) return &b;
  return nullptr;
}

}  // namespace zc
