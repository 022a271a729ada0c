// Appends instructions to a Program; the checker's only way to make IR.
#pragma once

#include "ir/Ir.h"

namespace zc::ir {

class IrBuilder {
 public:
  explicit IrBuilder(Program& program) : program_(program) {}

  ValueId constFlag(bool value, Span span) { return constant(Type::Flag, value, {}, span); }
  ValueId constInt(int64_t value, Span span) { return constant(Type::Int, value, {}, span); }
  ValueId constDec(zc_dec value, Span span) { return constant(Type::Dec, 0, value, span); }
  ValueId constDate(zc_date value, Span span) { return constant(Type::Date, value, {}, span); }
  ValueId constEnum(int value, Span span) { return constant(Type::Enum, value, {}, span); }
  ValueId constText(const std::string& value, Span span);

  ValueId field(int index, Type type, Span span) {
    return emit({.op = Op::Field, .type = type, .index = index, .span = span});
  }
  ValueId fieldPresent(int index, Span span) {
    return emit({.op = Op::FieldPresent, .type = Type::Flag, .index = index, .span = span});
  }
  // Another clause's award, bound to its clause (index) once all are known.
  ValueId clauseAmount(Span span) {
    return emit({.op = Op::ClauseAmount, .type = Type::Dec, .index = -1, .span = span});
  }
  ValueId param(int index, Type type, Span span) {
    return emit({.op = Op::Param, .type = type, .index = index, .span = span});
  }
  ValueId elem(int loop, Type type, Span span) {
    return emit({.op = Op::Elem, .type = type, .index = loop, .span = span});
  }
  ValueId elemField(int loop, int field, Type type, Span span) {
    return emit({.op = Op::ElemField, .type = type, .index = loop, .index2 = field, .span = span});
  }
  ValueId elemFieldPresent(int loop, int field, Span span) {
    return emit({.op = Op::ElemFieldPresent, .type = Type::Flag, .index = loop, .index2 = field, .span = span});
  }
  ValueId unary(Op op, Type type, ValueId a, Span span) { return emit({.op = op, .type = type, .a = a, .span = span}); }
  ValueId binary(Op op, Type type, ValueId a, ValueId b, Span span) {
    return emit({.op = op, .type = type, .a = a, .b = b, .span = span});
  }
  ValueId compare(Pred pred, Type operandType, ValueId a, ValueId b, Span span) {
    return emit({.op = Op::Compare,
                 .type = Type::Flag,
                 .pred = pred,
                 .operandType = operandType,
                 .a = a,
                 .b = b,
                 .span = span});
  }
  ValueId select(Type type, ValueId condition, ValueId then, ValueId otherwise, Span span) {
    return emit({.op = Op::If, .type = type, .a = condition, .b = then, .c = otherwise, .span = span});
  }
  ValueId scale(ValueId a, zc_dec factor, Span span) {
    return emit({.op = Op::DecScale, .type = Type::Dec, .a = a, .dec = factor, .span = span});
  }
  ValueId sum(Type type, int loop, int listField, ValueId body, ValueId filter, Span span) {
    return emit(
        {.op = Op::Sum, .type = type, .a = body, .b = filter, .index = loop, .index2 = listField, .span = span});
  }
  ValueId count(int loop, int listField, ValueId filter, Span span) {
    return emit({.op = Op::Count, .type = Type::Int, .b = filter, .index = loop, .index2 = listField, .span = span});
  }
  ValueId call(int function, Type type, std::vector<ValueId> args, Span span) {
    return emit({.op = Op::Call, .type = type, .index = function, .args = std::move(args), .span = span});
  }
  ValueId gate(int index, Span span) {
    return emit({.op = Op::Gate, .type = Type::Flag, .index = index, .span = span});
  }
  // All of the flags, tested in order while they hold; true when there are none.
  int newLoop() {
    program_.loopUnits.emplace_back();
    return program_.loopCount++;
  }
  int newGate() { return program_.gateCount++; }

  // What the program held at a point, to drop what was lowered after it (an
  // expression tried in the REPL) instead of leaving it in the program.
  struct Mark {
    size_t insts, texts, locations, brackets, choices, minimums, yearsLimits;
    int loops;
  };
  Mark mark() const {
    return {program_.insts.size(),   program_.texts.size(),    program_.locations.size(),   program_.brackets.size(),
            program_.choices.size(), program_.minimums.size(), program_.yearsLimits.size(), program_.loopCount};
  }
  void rollback(const Mark& m) {
    program_.insts.resize(m.insts);
    program_.texts.resize(m.texts);
    program_.brackets.resize(m.brackets);
    program_.choices.resize(m.choices);
    program_.minimums.resize(m.minimums);
    program_.yearsLimits.resize(m.yearsLimits);
    if (program_.locations.size() > m.locations) program_.locations.resize(m.locations);
    program_.loopCount = m.loops;
    program_.loopUnits.resize(m.loops);
  }
  void bracket(Bracket b) { program_.brackets.push_back(std::move(b)); }
  void choice(Choice c) { program_.choices.push_back(std::move(c)); }
  void minimum(Minimum m) { program_.minimums.push_back(std::move(m)); }
  void yearsLimit(YearsLimit l) { program_.yearsLimits.push_back(std::move(l)); }

 private:
  ValueId constant(Type type, int64_t imm, zc_dec dec, Span span) {
    return emit({.op = Op::Const, .type = type, .imm = imm, .dec = dec, .span = span});
  }
  ValueId emit(Inst inst) {
    program_.insts.push_back(std::move(inst));
    return static_cast<ValueId>(program_.insts.size() - 1);
  }
  Program& program_;
};

inline ValueId IrBuilder::constText(const std::string& value, Span span) {
  uint32_t index = 0;
  while (index < program_.texts.size() && program_.texts[index] != value) ++index;
  if (index == program_.texts.size()) program_.texts.push_back(value);
  return emit({.op = Op::Const, .type = Type::Text, .text = index, .span = span});
}

}  // namespace zc::ir
