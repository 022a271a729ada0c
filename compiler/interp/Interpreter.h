// Evaluates the typed IR against one record. The reference engine: every
// other engine must give the same bytes.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "zc/engine.h"
#include "interp/ValueText.h"
#include "ir/RuntimeFunction.h"

namespace zc {

// A value the explanation shows where the source has it: a field or
// parameter in the award formula, or a 最小 that capped it.
struct ShownValue {
  Span span;
  std::string text;
};

// One item of a 求和 or 个数 list, and whether its 满足 filter kept it.
struct ListItem {
  Span loop;         // the 求和/个数 expression
  size_t position;   // from 0
  std::string item;  // the item's values
  bool kept;
  std::string value;  // what a kept item added to a 求和, with its unit
};

// The arm a 档位, 匹配 or 如果 took: the test that held, or the value taken
// when none did.
struct Choice {
  Span expression;
  Span arm;
  bool tested;  // arm is the test that held; false: the 否则 value
};

// Of a 条件 written A 或 B that held, the alternative that held; of one
// written A 且 B that did not, the part that did not: its source and the
// values it read.
struct ConditionPart {
  int condition;  // its index among the clause's conditions
  bool held;
  Span part;
  std::vector<ShownValue> inputs;
};

// A 累进 bracket of the award: the part of the value inside it and what that
// part earned, or that the value did not reach it.
struct BracketPart {
  Span span;  // the bracket's arm
  bool reached;
  std::string part, earned;
};

// What a 就高 or 封顶 rule did to a clause (an item of a per-item clause).
// The renderers word it (TraceText.h: ruleEffectText).
struct RuleEffect {
  enum class Kind {
    Failed,       // the rule failed the clause (its error is the clause's)
    SetAside,     // 就高: another clause paid more, or as much and is listed first
    Cut,          // 封顶: cut to `amount`, 0 when nothing is left
    Within,       // 封顶: the members' total was within the limit; nothing cut
    SettledAway,  // a per-item clause's item, when a rule over the whole clause set it aside
    SettledCut,   // …or cut it, to `amount`
  };
  Kind kind;
  Span rule;          // the rule's source
  bool highest;       // 就高; else 封顶
  zc_dec amount{};    // Cut, SettledCut: what is paid after it
  // 就高: the clause that won and what it pays; tie: it pays as much as this one.
  int winner = -1;
  zc_dec winnerAmount{};
  bool tie = false;
  // 封顶: the limit in 元, its source, the values it read, and the members' total before the cut.
  std::optional<zc_dec> limit;
  Span limitSource;
  std::vector<ShownValue> limitInputs;
  std::vector<std::pair<std::string, std::string>> limitLets;  // the policy's 设 it read: name, value
  std::optional<zc_dec> total;  // none where the sum overflows
  bool changed() const { return kind != Kind::Within; }
};

// Why a clause did or did not fire, for --explain.
struct ClauseTrace {
  int clause = -1;
  int64_t item = -1;     // a per-item clause: the item's position in its list
  std::string itemName;  // and its name in results
  std::string itemValues;  // what the item holds
  bool applicable = true;
  int failedApplies = -1;   // index of the 适用 condition that did not hold
  int heldExclude = -1;     // index of the 排除 condition that held
  int failedCondition = -1; // index of the 条件 that did not hold
  bool fired = false;
  std::optional<rt::EvalError> error;  // the run-time error that failed the clause
  bool policyFailed = false;       // that error was in the policy's 适用/排除
  std::vector<std::pair<int, std::string>> policyInputs;    // what the policy's 适用/排除 read
  std::vector<std::pair<int, std::string>> inputs;          // what the clause read besides: field index, value
  std::vector<std::pair<int, std::string>> params;          // parameter index, value
  std::vector<std::pair<std::string, std::string>> values;  // 设 bindings
  // The policy's 设 it reads: index in ir::Policy::lets, and name and value
  // (explained once with the policy; named in the formula like the others).
  std::vector<int> sharedLets;
  std::vector<std::pair<std::string, std::string>> sharedValues;
  std::string rawAmount;                                    // the formula's value with its unit
  std::optional<zc_dec> amount;
  std::optional<zc_dec> halfUp;   // where a 最小's limit kept the award below its rounding half up: that rounding
  Span formula;                   // the award's source
  std::vector<ShownValue> leaves; // the fields and parameters it read, with their values
  std::vector<ShownValue> caps;   // each 最小 in the formula or its 设 that cut: its result
  std::vector<ListItem> items;    // each list item a 求和/个数 walked
  std::vector<Choice> choices;
  std::vector<ConditionPart> conditionParts;
  std::vector<BracketPart> brackets;
  std::vector<RuleEffect> rules;  // each 就高/封顶 over the clause that it reached, in order
  std::optional<zc_dec> paid;                        // the award after them, where they cut it
};

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
  RuleEffect ruleEffect(const ir::Step& step, const zc_outcomes& outcomes, int32_t c, bool firedBefore, zc_dec amountBefore) const;
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
