// The runtime functions evaluated IR calls, from the one table in
// zc/functions.def: what an Op or a builtin call means is a runtime function,
// so the interpreter and generated code cannot compute it differently.
#pragma once

#include <optional>
#include <string_view>

#include "ir/Ir.h"
#include "zc/batch.h"

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
  // The steps': they take an engine's gates or outcomes, never IR values,
  // so no Call instruction names one.
  GateDecide,   // void f(zc_gate*, int32_t gate, int32_t holds)
  GateFail,     // void f(zc_gate*, int32_t gate, int32_t why, int32_t where)
  GateRead,     // zc_status f(const zc_gate*, int32_t gate, int32_t* holds, int32_t* site): fails at *site
  OutcomeSlot,  // void f(const zc_outcomes*, int32_t clause)
  PaySlot,      // void f(const zc_outcomes*, int32_t clause, const zc_dec* amount, int32_t amount_site, int32_t pays)
  FailSlot,     // void f(const zc_outcomes*, int32_t clause, int32_t why, int32_t where)
  SlotToDecChecked,  // zc_status f(const zc_outcomes*, int32_t clause, zc_dec*)
  Members,           // void f(const zc_outcomes*, const int32_t* members, int32_t count)
  MembersToInt,      // int32_t f(const zc_outcomes*, const int32_t* members, int32_t count)
  CapMembers,   // void f(const zc_outcomes*, const int32_t*, int32_t, const zc_dec* limit, int32_t limit_site, int32_t
                // pro_rata)
  FailMembers,  // void f(const zc_outcomes*, const int32_t*, int32_t, int32_t why, int32_t where)
  RecordItems,  // void f(zc_item_results*, int64_t row, int64_t item, const int32_t*, int32_t,
                //        const zc_outcomes* item_outcomes, const zc_outcomes* outcomes)
  SettleItems,  // void f(zc_item_results*, int64_t row, int32_t clause, const zc_outcomes*, int32_t pro_rata)
};

// The C type of a function of each shape, so a call through the table's
// address is typed by the table (RuntimeFunction.cpp checks every entry).
template <CallShape>
struct CFunctionOf;
#define ZC_C_FUNCTION(Shape, ...)        \
  template <>                            \
  struct CFunctionOf<CallShape::Shape> { \
    using type = __VA_ARGS__;            \
  };
ZC_C_FUNCTION(DecDecToDec, void(const zc_dec*, const zc_dec*, zc_dec*))
ZC_C_FUNCTION(DecDecToInt, int32_t(const zc_dec*, const zc_dec*))
ZC_C_FUNCTION(IntIntToInt, int64_t(int64_t, int64_t))
ZC_C_FUNCTION(TextTextToInt, int32_t(const char*, int64_t, const char*, int64_t))
ZC_C_FUNCTION(DecToDecChecked, zc_status(const zc_dec*, zc_dec*))
ZC_C_FUNCTION(DecDecToDecChecked, zc_status(const zc_dec*, const zc_dec*, zc_dec*))
ZC_C_FUNCTION(DecIntToDecChecked, zc_status(const zc_dec*, int32_t, zc_dec*))
ZC_C_FUNCTION(IntToDecChecked, zc_status(int64_t, zc_dec*))
ZC_C_FUNCTION(IntIntToIntChecked, zc_status(int64_t, int64_t, int64_t*))
ZC_C_FUNCTION(DateToInt, int64_t(zc_date))
ZC_C_FUNCTION(DateDateToInt, int64_t(zc_date, zc_date))
ZC_C_FUNCTION(IntIntIntToDateChecked, zc_status(int64_t, int64_t, int64_t, zc_date*))
ZC_C_FUNCTION(DateIntToDateChecked, zc_status(zc_date, int64_t, zc_date*))
ZC_C_FUNCTION(GateDecide, void(zc_gate*, int32_t, int32_t))
ZC_C_FUNCTION(GateFail, void(zc_gate*, int32_t, int32_t, int32_t))
ZC_C_FUNCTION(GateRead, zc_status(const zc_gate*, int32_t, int32_t*, int32_t*))
ZC_C_FUNCTION(OutcomeSlot, void(const zc_outcomes*, int32_t))
ZC_C_FUNCTION(PaySlot, void(const zc_outcomes*, int32_t, const zc_dec*, int32_t, int32_t))
ZC_C_FUNCTION(FailSlot, void(const zc_outcomes*, int32_t, int32_t, int32_t))
ZC_C_FUNCTION(SlotToDecChecked, zc_status(const zc_outcomes*, int32_t, zc_dec*))
ZC_C_FUNCTION(Members, void(const zc_outcomes*, const int32_t*, int32_t))
ZC_C_FUNCTION(MembersToInt, int32_t(const zc_outcomes*, const int32_t*, int32_t))
ZC_C_FUNCTION(CapMembers, void(const zc_outcomes*, const int32_t*, int32_t, const zc_dec*, int32_t, int32_t))
ZC_C_FUNCTION(FailMembers, void(const zc_outcomes*, const int32_t*, int32_t, int32_t, int32_t))
ZC_C_FUNCTION(RecordItems,
              void(zc_item_results*, int64_t, int64_t, const int32_t*, int32_t, const zc_outcomes*, const zc_outcomes*))
ZC_C_FUNCTION(SettleItems, void(zc_item_results*, int64_t, int32_t, const zc_outcomes*, int32_t))
#undef ZC_C_FUNCTION

constexpr CallShape kCallShapes[] = {
#define ZC_RUNTIME_FUNCTION(Name, symbol, Shape, canFail) CallShape::Shape,
#include "zc/functions.def"
#undef ZC_RUNTIME_FUNCTION
};
constexpr CallShape shapeOf(RuntimeFn fn) { return kCallShapes[static_cast<size_t>(fn)]; }
template <RuntimeFn fn>
using CFunction = typename CFunctionOf<shapeOf(fn)>::type;

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
