// What a clause's outcome depends on: the record fields and parameters it
// reads through its policy's 适用/排除, its 有效期, 条件, 设 and award, the
// clauses it names (条款 "X"), and the 就高/封顶 rules that tie it to other
// clauses (whose amounts then decide its own). zc deps prints it; zc eval
// --partial decides with it which clauses a partial record already settles.
// A 资金池 is left out: it is settled over a whole run, never per record.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"

namespace zc::ir {

struct ClauseDependencies {
  std::vector<int> fields;           // record fields (list fields by their own name), in schema order
  std::vector<int> conditionFields;  // those that decide whether it applies at all: its policy's and its own conditions
  std::vector<int> params;           // parameters, the first entry of a dated one, in declaration order
  std::vector<int> clauses;          // other clauses its outcome reads or shares a rule with, in clause order
};

class DependencyAnalysis {
 public:
  explicit DependencyAnalysis(const Program& program);
  const ClauseDependencies& clause(int index) const { return clauses_[index]; }
  // The fields and parameters a value reads, through the policies' gates and
  // the clauses it names (each with everything its outcome depends on).
  void reads(ValueId value, std::vector<bool>& fields, std::vector<bool>& params) const;
  // A clause's Clause step (inside an Items step for a per-item clause).
  const Step& clauseStep(int index) const { return *clauseSteps_[index]; }
  const Step& gateStep(int gate) const { return *gateSteps_[gate]; }

 private:
  // What one clause reads itself, before the clauses it names and its rules.
  struct Direct {
    std::vector<bool> fields, params;
    std::vector<int> named;  // the clauses its values read (条款 "X")
  };
  void walk(ValueId root, std::vector<bool>& fields, std::vector<bool>& params, std::vector<int>& named) const;
  void collectSteps(const std::vector<Step>& steps);

  const Program& program_;
  std::vector<const Step*> clauseSteps_, gateSteps_;
  std::vector<int> loopField_;                     // per loop: the list field it walks
  std::vector<std::vector<const Step*>> rulesOf_;  // per clause: the 就高/封顶 steps over it
  std::vector<Direct> direct_;
  std::vector<ClauseDependencies> clauses_;
};

}  // namespace zc::ir
