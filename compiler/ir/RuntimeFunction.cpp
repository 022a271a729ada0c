#include "ir/RuntimeFunction.h"

#include <type_traits>

namespace zc::ir {

// Every function has the C type of its shape, so calling it through its
// address as that type (the interpreter does) is sound.
#define ZC_RUNTIME_FUNCTION(Name, symbol, Shape, canFail) \
  static_assert(std::is_same_v<decltype(symbol), CFunctionOf<CallShape::Shape>::type>, #symbol " is not a " #Shape);
#include "zc/functions.def"
#undef ZC_RUNTIME_FUNCTION

const RuntimeFunctionInfo& runtimeFunction(RuntimeFn fn) {
  static const RuntimeFunctionInfo table[] = {
#define ZC_RUNTIME_FUNCTION(Name, symbol, Shape, canFail) {#symbol, CallShape::Shape, canFail != 0},
#include "zc/functions.def"
#undef ZC_RUNTIME_FUNCTION
  };
  return table[static_cast<size_t>(fn)];
}

std::optional<RuntimeFn> runtimeFunctionOf(Op op) {
  switch (op) {
    case Op::IntToDec:
      return RuntimeFn::DecFromInt;
    case Op::IntAdd:
      return RuntimeFn::IntAdd;
    case Op::IntSub:
    case Op::IntNeg:
      return RuntimeFn::IntSub;
    case Op::IntMul:
      return RuntimeFn::IntMul;
    case Op::DecAdd:
      return RuntimeFn::DecAdd;
    case Op::DecSub:
      return RuntimeFn::DecSub;
    case Op::DecMul:
      return RuntimeFn::DecMul;
    case Op::DecDiv:
      return RuntimeFn::DecDiv;
    case Op::DecNeg:
      return RuntimeFn::DecNeg;
    case Op::DecScale:
      return RuntimeFn::DecMul;
    default:
      return std::nullopt;
  }
}

RuntimeFn accumulatorOf(const Inst& loop) {
  return loop.op == Op::Sum && loop.type == Type::Dec ? RuntimeFn::DecAdd : RuntimeFn::IntAdd;
}

bool canFail(const Inst& inst) {
  if (inst.op == Op::Call) return runtimeFunction(inst.index).canFail;
  if (inst.op == Op::Sum || inst.op == Op::Count || inst.op == Op::ClauseAmount) return true;
  std::optional<RuntimeFn> fn = runtimeFunctionOf(inst.op);
  return fn && runtimeFunction(*fn).canFail;
}

}  // namespace zc::ir
