// The builtin functions of the language: names in both languages and how the
// checker types a call. Each lowers to a runtime function of ir/RuntimeFunction.h.
#pragma once

#include <string_view>
#include <vector>

namespace zc {

// How the checker types a call.
enum class BuiltinSignature : unsigned char {
  MinMax,       // (T, T, …) → T for integers or quantities of one dimension
  Round,        // (quantity, places: integer literal 0..18, 0 when left out) → quantity
  Abs,          // (quantity) → quantity
  Present,      // (optional field) → 标志; narrows the field where it holds
  DateToInt,    // (日期) → 整数
  AddMonths,    // (日期, 整数) → 日期
  DaysBetween,  // (日期, 日期) → 整数: the second minus the first
  MakeDate,     // (整数, 整数, 整数) → 日期; fails on a date that does not exist
};

struct Builtin {
  std::string_view chinese;
  std::string_view english;
  BuiltinSignature signature;
  int intFunction;  // an ir::RuntimeFn for integers, -1 if none
  int decFunction;  // an ir::RuntimeFn for quantities, -1 if none
  std::string_view summary;
};

const std::vector<Builtin>& builtins();
const Builtin* findBuiltin(std::string_view name);

}  // namespace zc
