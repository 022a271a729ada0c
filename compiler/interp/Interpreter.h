// Evaluates the typed IR against one record. The reference engine: every
// other engine must give the same bytes.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "interp/ClauseTrace.h"
#include "interp/ValueText.h"
#include "ir/RuntimeFunction.h"
#include "zc/engine.h"

namespace zc {

struct Evaluation : rt::RecordOutcome {
  std::vector<ClauseTrace> trace;  // filled when asked for
};

class Interpreter {
 public:
  explicit Interpreter(const ir::Program& program);
  const rt::ResultTable& resultTable() const { return table_; }
  void setParam(int index, const rt::Scalar& value) { params_[index] = value; }
  const rt::Scalar& param(int index) const { return params_[index]; }
  Evaluation evaluate(const rt::Record& record, bool trace);
  // The clauses' outcomes alone, indexed by clause, as compiled code gives
  // them: what the benchmark times.
  void evaluateClauses(const rt::Record& record, uint8_t* fired, zc_dec* amounts, int32_t* status, int32_t* site,
                       std::vector<ClauseTrace>* trace = nullptr);
  // One value outside any clause (the REPL): the error, or the value.
  struct Value {
    zc_dec d{};
    int64_t i = 0;
    std::string_view text;
  };
  std::optional<rt::EvalError> evaluateValue(const rt::Record* record, ir::ValueId id, Value& out);

 private:
  Value eval(ir::ValueId id);
  Value evalBinary(const ir::Inst& inst);
  Value evalLoop(const ir::Inst& inst);
  Value evalCall(const ir::Inst& inst);
  Value evalRuntimeCall(ir::RuntimeFn fn, const std::vector<Value>& args, const ir::Inst& inst);
  [[noreturn]] void trap(zc_status status, const ir::Inst& inst);
  bool holds(ir::ValueId id) { return eval(id).i != 0; }
  // A step's conditions as Kleene's ∧ (ir::Step::conditions); throws the
  // first error only when none of them is false.
  bool allHold(const std::vector<ir::ValueId>& conditions);
  // For an explanation: whether a condition gives `value`, an error not.
  bool gives(ir::ValueId condition, bool value);
  ClauseTrace explain(const ir::Clause& clause, int index);
  // Why a clause whose step found its conditions false did not fire.
  void explainFailure(const ir::Clause& clause, ClauseTrace& trace);
  std::string describe(ir::ValueId id, const ir::ShownUnit& unit);
  Value compute(ir::ValueId id);
  // A Clause step into outcome arrays indexed by clause: the record's, or an
  // item's (item >= 0).
  void runClause(const ir::Step& step, const zc_outcomes& into, std::vector<ClauseTrace>* trace, int64_t item);
  // A 就高 or 封顶 step over the outcomes so far: the record's, or an item's.
  void applyRule(const ir::Step& step, const zc_outcomes& outcomes, std::vector<ClauseTrace>* trace, int64_t item);
  // 逐项: the Items step's clauses and rules for each item of its list.
  void runItems(const ir::Step& step, std::vector<ClauseTrace>* trace);
  void settle(const ir::Step& step, std::vector<ClauseTrace>* trace);
  // What a rule step did to member `c`, its outcome having been `before`.
  RuleEffect ruleEffect(const ir::Step& step, const zc_outcomes& outcomes, int32_t c, bool firedBefore,
                        zc_dec amountBefore) const;
  // Which alternative of an 或 held, which part of a 且 did not.
  void explainConditions(const ir::Clause& clause, ClauseTrace& trace);
  // What the clause computed, from the values observed while it ran.
  void explainAmount(const ir::Clause& clause, ClauseTrace& trace);
  struct Observation;
  // The instructions `root` was computed from, in order, loop bodies left out.
  std::vector<ir::ValueId> observedFrom(ir::ValueId root, const Observation& seen) const;
  // The fields, parameters, counts, clause amounts and (of `clause`'s item)
  // item values among them that `source` writes, with their values.
  void showLeaves(const std::vector<ir::ValueId>& order, const Observation& seen, Span source, const ir::Clause* clause,
                  std::vector<ShownValue>& leaves) const;
  std::string describeValue(const Value& v, ir::Type type, const ir::ShownUnit& unit) const {
    return showValue(type, {v.i, v.d, std::string(v.text)}, unit);
  }

  const ir::Program& program_;
  std::vector<rt::Scalar> params_;
  const rt::Record* record_ = nullptr;
  std::vector<size_t> loopPosition_;  // per loop: the current element
  std::vector<int> loopField_;        // per loop: the list field it walks
  std::vector<zc_gate> gates_;
  // While a clause is explained: each instruction's value, and the list
  // items each loop walked.
  struct Observation {
    std::unordered_map<ir::ValueId, Value> values;
    struct Item {
      ir::ValueId loop;
      size_t position;
      bool kept;
      std::optional<Value> value;  // a 求和's: what the item added
    };
    std::vector<Item> items;
  };
  Observation* observing_ = nullptr;
  // The IR's explanation side tables by the instruction each is found from
  // (a Minimum, Choice or Bracket by what a clause's amount reached, a
  // YearsLimit by its test), made at the first explanation: a clause looks up
  // what it read instead of going through every table of the program.
  struct SideTableIndex {
    std::unordered_map<ir::ValueId, std::vector<size_t>> minimums, choices, brackets;
    std::unordered_map<ir::ValueId, size_t> yearsLimits;
  };
  const SideTableIndex& sideTables();
  std::optional<SideTableIndex> sideTables_;
  // The record's outcomes so far, which the steps write and 条款 "X" reads;
  // and the item's at hand, in an Items step.
  zc_outcomes outcomes_{}, itemOutcomes_{};
  // For an explanation: the last rule over whole clauses as it acted on its
  // winner or limit, which the Settle step after it reports to items.
  RuleEffect lastRule_{};
  rt::ResultTable table_;
  // Per clause, for the record at hand.
  std::vector<uint8_t> fired_;
  std::vector<zc_dec> amounts_;
  std::vector<int32_t> status_, site_;
  std::vector<uint8_t> itemFired_;
  std::vector<zc_dec> itemAmounts_;
  std::vector<int32_t> itemStatus_, itemSite_;
  rt::ItemResults items_;  // the record's per-item outcomes, row 0
};

// The interpreter as an engine of the evaluation core, for bulk runs.
std::unique_ptr<rt::Engine> makeInterpreterEngine(const ir::Program& program);

}  // namespace zc
