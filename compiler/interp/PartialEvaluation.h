// zc eval --partial: a record that gives only some of its fields ("免申即享":
// which policies may an enterprise qualify for, and what must it still
// provide?). Each clause is
//   decided       — every field its outcome depends on is given: its award
//                   (or none, or its error) is the full evaluation's;
//   not eligible  — a condition that reads only given fields does not hold
//                   (or an 排除 holds), so no value of the others can pay it;
//   eligible      — its conditions hold; its amount still needs fields;
//   possible      — neither: it may pay, once the missing fields are given.
// Only the interpreter's evaluation decides: a decided clause's outcome is
// that of the record with the missing fields at their defaults, which they
// cannot change; a condition is evaluated by the interpreter only when every
// field it reads is given. Conditions combine as the steps combine them
// (Kleene's ∧: one that does not hold decides); inside one condition, 且 and
// 或 are decided by their second operand alone only when the first, unknown,
// cannot fail, since the engines evaluate it first and its error would be the
// condition's.
#pragma once

#include <string_view>
#include <vector>

#include "interp/Interpreter.h"
#include "ir/Dependencies.h"

namespace zc {

struct PartialVerdict {
  enum class Kind { Decided, NotEligible, Eligible, Possible };
  Kind kind = Kind::Possible;
  int clause = -1;
  std::vector<int> missing;  // the fields its outcome depends on that are not given, in schema order
  Span failed;               // NotEligible: the condition that does not hold, or the 排除 that does
  bool excluded = false;     // …and it is an 排除
};

struct PartialEvaluation {
  Evaluation evaluation;  // of the record as given, the rest at their defaults: the decided clauses' outcomes
  std::vector<PartialVerdict> clauses;  // in clause order
  std::vector<int> missing;             // every field some undecided clause still needs, in schema order
};

// known: per field of the schema, whether the record gives it (a null counts:
// it says the field is absent, or at its default).
PartialEvaluation evaluatePartial(Interpreter& interpreter, const ir::Program& program,
                                  const ir::DependencyAnalysis& dependencies, const rt::Record& record,
                                  const std::vector<bool>& known);

// The fields a JSON record names, null or not: what a partial record gives.
// The record reader has accepted the text (a JSON object).
std::vector<bool> fieldsNamed(const rt::RecordSchema& schema, std::string_view json);

const char* partialKindName(PartialVerdict::Kind kind);  // "decided", "not_eligible", "eligible", "possible"

}  // namespace zc
