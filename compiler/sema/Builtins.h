// The one table of builtin functions. The checker reads names and signatures;
// the IR names a concrete runtime function by its index; the interpreter calls
// it through the pointer and generated code through the symbol.
#pragma once

#include <string_view>
#include <vector>

namespace zc {

// How a runtime function is called (its C signature).
enum class CallShape : unsigned char {
  DecDecToDec,         // zc_dec f(zc_dec, zc_dec)
  IntIntToInt,         // int64_t f(int64_t, int64_t)
  DecToDecChecked,     // zc_status f(zc_dec, zc_dec*)
  DecIntToDecChecked,  // zc_status f(zc_dec, int32_t, zc_dec*)
  DateToInt,           // int64_t f(zc_date)
  DateDateToInt,       // int64_t f(zc_date, zc_date)
  IntIntIntToDateChecked,  // zc_status f(int64_t, int64_t, int64_t, zc_date*)
};

struct RuntimeFunction {
  std::string_view symbol;
  CallShape shape;
  bool canFail;
  void* address;
};

const std::vector<RuntimeFunction>& runtimeFunctions();

// How the checker types a call.
enum class BuiltinSignature : unsigned char {
  MinMax,      // (T, T, …) → T for integers or quantities of one dimension
  Round,       // (quantity, places: integer literal 0..18) → quantity
  Abs,         // (quantity) → quantity
  Present,     // (optional field) → 标志; narrows the field where it holds
  DateToInt,   // (日期) → 整数
  DaysBetween, // (日期, 日期) → 整数: the second minus the first
  MakeDate,    // (整数, 整数, 整数) → 日期; fails on a date that does not exist
};

struct Builtin {
  std::string_view chinese;
  std::string_view english;
  BuiltinSignature signature;
  int intFunction;   // index in runtimeFunctions(), -1 if none
  int decFunction;   // index in runtimeFunctions(), -1 if none
  std::string_view summary;
};

const std::vector<Builtin>& builtins();
const Builtin* findBuiltin(std::string_view name);

}  // namespace zc
