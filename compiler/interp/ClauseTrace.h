// What the interpreter records of one clause for --explain: the facts the
// renderers (TraceText.h, ExplanationJson.h) word.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/Ir.h"
#include "zc/engine.h"

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

// The arm a 档位, 匹配 or 如果 took (ir::Choice), or whether a 跨越
// threshold was crossed.
struct Choice {
  ir::Choice::Kind kind;
  Span expression;
  Span arm;           // its patterns, tier or test; a 否则: its value
  bool otherwise;     // the 否则 arm, as written
  bool crossed;       // a threshold: whether it was crossed
  Span subject;       // 档位, 匹配: the value sorted or matched (else empty)
  std::string value;  // and that value
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
  // Over a rate, an arm that is a rate of an amount (ir::Bracket::base): the
  // amount's source, and the part of it the arm's rate applies to.
  Span baseSource;
  std::string base;
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
  Span rule;        // the rule's source
  bool highest;     // 就高; else 封顶
  zc_dec amount{};  // Cut, SettledCut: what is paid after it
  // 就高: the clause that won and what it pays; tie: it pays as much as this one.
  int winner = -1;
  zc_dec winnerAmount{};
  bool tie = false;
  // 封顶: the limit in 元, its source, the values it read, and the members' total before the cut.
  std::optional<zc_dec> limit;
  Span limitSource;
  std::vector<ShownValue> limitInputs;
  std::vector<std::pair<std::string, std::string>> limitLets;  // the policy's 设 it read: name, value
  std::optional<zc_dec> total;                                 // none where the sum overflows
  bool changed() const { return kind != Kind::Within; }
};

// Why a clause did or did not fire, for --explain.
struct ClauseTrace {
  int clause = -1;
  int64_t item = -1;       // a per-item clause: the item's position in its list
  std::string itemName;    // and its name in results
  std::string itemValues;  // what the item holds
  bool applicable = true;
  int failedApplies = -1;    // index of the 适用 condition that did not hold
  int heldExclude = -1;      // index of the 排除 condition that held
  int failedCondition = -1;  // index of the 条件 that did not hold
  bool fired = false;
  std::optional<rt::EvalError> error;                       // the run-time error that failed the clause
  bool policyFailed = false;                                // that error was in the policy's 适用/排除
  std::vector<std::pair<int, std::string>> policyInputs;    // what the policy's 适用/排除 read
  std::vector<std::pair<int, std::string>> inputs;          // what the clause read besides: field index, value
  std::vector<std::pair<int, std::string>> params;          // parameter index, value
  std::vector<std::pair<std::string, std::string>> values;  // 设 bindings
  // The policy's 设 it reads: index in ir::Policy::lets, and name and value
  // (explained once with the policy; named in the formula like the others).
  std::vector<int> sharedLets;
  std::vector<std::pair<std::string, std::string>> sharedValues;
  std::string rawAmount;  // the formula's value with its unit
  std::optional<zc_dec> amount;
  std::optional<zc_dec> halfUp;    // where a 最小's limit kept the award below its rounding half up: that rounding
  Span formula;                    // the award's source
  std::vector<ShownValue> leaves;  // the fields and parameters it read, with their values
  std::vector<ShownValue> caps;    // each 最小 in the formula or its 设 that cut: its result
  std::vector<ListItem> items;     // each list item a 求和/个数 walked
  std::vector<Choice> choices;
  std::vector<ConditionPart> conditionParts;
  std::vector<BracketPart> brackets;
  std::vector<RuleEffect> rules;  // each 就高/封顶 over the clause that it reached, in order
  std::optional<zc_dec> paid;     // the award after them, where they cut it
};

}  // namespace zc
