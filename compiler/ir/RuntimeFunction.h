// The runtime functions evaluated IR calls, from the one table in
// zc/functions.def: what an Op or a builtin call means is a runtime function,
// so the interpreter and generated code cannot compute it differently.
#pragma once

#include <optional>
#include <string_view>

#include "ir/Ir.h"

namespace zc::ir {

enum class RuntimeFn : uint8_t {
#define ZC_RUNTIME_FUNCTION(Name, symbol, Shape, canFail) Name,
#include "zc/functions.def"
#undef ZC_RUNTIME_FUNCTION
};

// How a runtime function is called: its C signature.
enum class CallShape : uint8_t {
  DecDecToDec,             // void f(const zc_dec*, const zc_dec*, zc_dec*)
  DecDecToInt,             // int32_t f(const zc_dec*, const zc_dec*)
  IntIntToInt,             // int64_t f(int64_t, int64_t)
  TextTextToInt,           // int32_t f(const char*, int64_t, const char*, int64_t)
  DecToDecChecked,         // zc_status f(const zc_dec*, zc_dec*)
  DecDecToDecChecked,      // zc_status f(const zc_dec*, const zc_dec*, zc_dec*)
  DecIntToDecChecked,      // zc_status f(const zc_dec*, int32_t, zc_dec*)
  IntToDecChecked,         // zc_status f(int64_t, zc_dec*)
  IntIntToIntChecked,      // zc_status f(int64_t, int64_t, int64_t*)
  DateToInt,               // int64_t f(zc_date)
  DateDateToInt,           // int64_t f(zc_date, zc_date)
  IntIntIntToDateChecked,  // zc_status f(int64_t, int64_t, int64_t, zc_date*)
  DateIntToDateChecked,    // zc_status f(zc_date, int64_t, zc_date*)
};

struct RuntimeFunctionInfo {
  std::string_view symbol;
  CallShape shape;
  bool canFail;
};

const RuntimeFunctionInfo& runtimeFunction(RuntimeFn fn);
inline const RuntimeFunctionInfo& runtimeFunction(int index) { return runtimeFunction(static_cast<RuntimeFn>(index)); }

// The runtime function an operation is, if it is one (DecAdd is zc_dec_add).
// IntNeg is zc_int_sub(0, a), DecScale multiplies by its constant factor, a
// text Compare is TextEqual and a decimal one DecCompare.
std::optional<RuntimeFn> runtimeFunctionOf(Op op);

// What a 求和 or 个数 adds each kept item with: checked, so a total that
// does not fit fails the loop with the adding function's error, in every
// engine (个数 adds 1 per item).
RuntimeFn accumulatorOf(const Inst& loop);

// Whether evaluating the instruction itself can fail at run time (its
// operands aside): only such instructions need a location for the message.
bool canFail(const Inst& inst);

}  // namespace zc::ir
