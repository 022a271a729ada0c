// The typed IR: what the checker produces and every back end consumes.
// Units are gone: each conversion is an explicit DecScale by an exact ratio,
// each operator a concrete operation on one machine type. Instructions live
// in one flat array and refer to their operands by index; control flow is
// structured (If, And, Or, Sum, Count evaluate their operands lazily), so an
// interpreter walks it directly and LLVM lowers each to a few blocks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "source/SourceManager.h"
#include "zc/params.h"
#include "zc/record.h"
#include "zc/result_table.h"
#include "zc/runtime.h"

namespace zc::ir {

enum class Type : uint8_t { Flag, Int, Dec, Date, Text, Enum };

using ValueId = uint32_t;
constexpr ValueId kNoValue = UINT32_MAX;

enum class Op : uint8_t {
  Const,             // imm / dec / text by type
  Field,             // index = field of the evaluated record (present, or its default)
  FieldPresent,      // index = an optional field: is it present?
  Param,             // index = parameter
  Elem,              // index = loop: the current element of a scalar list
  ElemField,         // index = loop, index2 = field of the current sub-record (present, or its default)
  ElemFieldPresent,  // index = loop, index2 = an optional field of the current sub-record: is it present?
  IntToDec,          // a
  IntAdd,
  IntSub,
  IntMul,
  IntNeg,
  DecAdd,
  DecSub,
  DecMul,
  DecDiv,
  DecNeg,
  DecScale,  // a × dec, exact: a unit conversion by a constant factor
  Compare,   // pred, operandType, a, b
  Not,       // a
  And,
  Or,            // a, b; b only when needed
  If,            // a ? b : c; only the branch taken is evaluated
  Sum,           // index = loop, index2 = list field, a = body, b = filter or kNoValue; type Int or Dec
  Count,         // index = loop, index2 = list field, b = filter or kNoValue
  Call,          // index = ir::RuntimeFn, args
  Gate,          // index = gate: whether that policy applies, as its Gate step decided
  ClauseAmount,  // index = clause: the award its step computed (0 if it did not fire); fails if that clause failed.
                 // index2 = 1: a per-item clause of the same Items step, for the item at hand
};

enum class Pred : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

struct Inst {
  Op op;
  Type type;
  Pred pred = Pred::Eq;
  Type operandType = Type::Flag;
  ValueId a = kNoValue, b = kNoValue, c = kNoValue;
  int32_t index = 0;
  int32_t index2 = 0;
  int64_t imm = 0;            // Const Flag/Int/Date/Enum
  zc_dec dec{};               // Const Dec; DecScale factor
  uint32_t text = 0;          // Const Text: index into Program::texts
  std::vector<ValueId> args;  // Call
  Span span;                  // where a run-time error is reported
};

// How an explanation shows a quantity: its value × scale, then the unit's
// name. The scale is 1 where the unit has a name (万元, 元/美元); a unit
// without one (元 × 月/年) is shown in its base units, the value converted,
// as the REPL shows it (sema::UnitTable::shownUnit decides for both).
struct ShownUnit {
  std::string name;
  zc_dec scale{1, 1};
};

// A named intermediate value a trace shows (a 设 binding).
struct NamedValue {
  std::string name;
  ValueId value;
  ShownUnit unit;
  std::string source;  // a policy's 设: the sentence it encodes, if it quotes one
};

// A clause as explanations and results name it. What it computes is in its
// Clause step; conditions and lets are kept apart for the trace.
struct Clause {
  std::string id;
  std::string source;
  std::string beneficiary;
  rt::ResultKind kind = rt::ResultKind::Award;
  int policy = 0;
  std::vector<ValueId> conditions;  // each 条件 line, a Flag
  std::vector<Span> conditionSpans;
  // Per 条件: written as A 或 B or A 且 B, whose instruction's operands
  // are the parts an explanation names (a 有效期's date tests are not).
  std::vector<bool> conditionHasParts;
  std::vector<NamedValue> lets;
  ValueId rawAmount = kNoValue;  // the award formula before rounding
  ShownUnit rawUnit;             // its unit, for the trace
  ValueId halfUp = kNoValue;     // an award 最小(amount, limit…): its amount rounded half up, which a limit may lower
  // 逐项: a clause that pays once per item of a list field, its expressions
  // reading the item through this loop.
  int itemList = -1;  // the list field
  int itemLoop = -1;
  int itemKey = -1;  // the field of the list's records that names an item (its 键), or -1
  Span itemSpan;
  std::string payer;  // 出资方: whose money pays it, or empty
  int pool = -1;      // the 资金池 its awards claim, or -1
  Span span;
};

// 资金池: a fund the awards of its clauses share over a whole run. It is no
// step: every engine evaluates each record as if there were no pool, and the
// run settles the pools afterwards over the final per-record awards
// (zc/pool.h: pro rata with the largest remainders, or in order).
struct Pool {
  std::string name;  // "<policy> 资金池", numbered when a policy has more than one
  int policy = 0;
  std::vector<int32_t> members;  // the clauses whose awards claim it
  zc_dec amount{};               // 元, a whole number of 分, when it is a literal
  int param = -1;                // else the parameter that holds it
  zc_dec paramScale{1, 1};       // the parameter's unit in 元
  bool proRata = false;
  int orderField = -1;  // 按顺序: the record field (a date or a whole number), smallest first; -1: input order
  Span span;
};

// 排名: the run's records ordered by fields of theirs, each record's rank
// from 1 written into its field `rankField` before any engine evaluates it,
// so it is no step either: to the engines the rank is a field like any
// other. zc run ranks every record first (zc/ranking.h); a single record
// brings its rank, or has none.
struct Ranking {
  std::string name;  // the rank field's name: 用电排名
  int policy = 0;
  int rankField = -1;               // an optional 整数 field of the record
  std::vector<int32_t> keyFields;   // a number, quantity, whole number or date each; a record lacking one is not ranked
  std::vector<uint8_t> descending;  // per key
  bool tiesAllIn =
      false;  // records tied on every key share the best of their ranks (all in at a boundary), else the worst
  Span span;
};

struct Policy {
  std::string id;
  std::string title;
  std::vector<ValueId> applies;  // all must hold
  std::vector<Span> appliesSpans;
  std::vector<ValueId> excludes;  // none may hold
  std::vector<Span> excludesSpans;
  // 设 at the policy level: values its clauses read (the same instructions),
  // computed where read and explained once, with the policy.
  std::vector<NamedValue> lets;
};

struct Param {
  std::string name;
  Type type;
  rt::FieldSchema schema;  // how an override is read (kind, unit, enum values)
  rt::Scalar value;        // the default
  Span span;
  std::optional<rt::ValueRange> range;
  // A dated value (按日期): in force from this date until the next entry of
  // the same name. Every entry of a name is set by an override of it.
  std::optional<zc_date> from;
};

// The ruleset-level program, executed in order for each record by every
// engine: which policies apply, then each clause's outcome. A run-time error
// fails only the step it happens in: a Gate's error fails every clause that
// reads the gate, a Clause's error only that clause. An amount below zero is
// such an error (ZC_ERR_NEGATIVE_AWARD at the amount's instruction), and the
// clause's amount slot keeps it for the message.
enum class StepKind : uint8_t {
  Gate,     // gate[target] = all of `conditions` hold
  Clause,   // outcome[target]: fired = all of `conditions` hold ∧ pays; its amount, where it pays one
  Highest,  // 就高: zc_apply_highest over members
  Cap,      // 封顶: zc_apply_cap over members, the limit = value (Dec in 元, rounded down to the 分)
  Items,    // 逐项: for each item of list field `target`, with each member's itemLoop on it: the body's
            // Clause steps into item outcomes, its Highest and Cap steps over those (就高 逐项), then
            // zc_item_record of each clause in `members` (whose slots start empty)
  Settle,   // zc_settle_items for per-item clause `target`, right after a rule over whole clauses that names it
};

struct Step {
  StepKind kind;
  int target = 0;  // the gate, or the clause (its outcome slot)
  // Gate: the policy's 有效期, 适用 and 非 排除; Clause: the gate, its 有效期 and 条件 (Flags). Read as
  // Kleene's ∧: the first that does not hold decides, even after another failed; only when none
  // is false does the first error fail the step. So a 条件 that excludes a record is never
  // overruled by an error in another (a division by a 0 that the record's own 条件 excludes).
  std::vector<ValueId> conditions;
  ValueId value = kNoValue;      // Cap: its limit
  ValueId amount = kNoValue;     // Clause: Dec in 元, rounded to the 分; kNoValue when it pays no amount
  ValueId pays = kNoValue;       // Clause: whether a clause whose conditions hold gives a result (an award ≠ 0)
  std::vector<int32_t> members;  // Highest, Cap: the clauses the rule names, in its order; Items: its clauses
  std::vector<int32_t> loops;    // Items: the loops its clauses read the item through (each member's itemLoop)
  bool proRata = false;          // Cap: cut in proportion, not in order; Settle: as the rule before it cuts
  bool perItem = false;          // Highest, Cap: 逐项, applied to each item inside an Items step
  std::vector<Step> body;        // Items
  Span span;                     // Highest, Cap: the rule's source; Settle: the rule before it
};

// A 累进 bracket, for explanations: whether the value reached it, the part of
// the value inside it, and what that part earns. Its instructions carry the
// bracket's span and are neither a choice nor a cap.
struct Bracket {
  ValueId reached = kNoValue;
  ValueId part = kNoValue;
  ValueId earned = kNoValue;
  Span span;  // the arm: [100 万元, 500 万元) => 3%
  ShownUnit partUnit, earnedUnit;
  // Over a rate whose arm is a rate of an amount (1% × 上年工业产值): that
  // amount, of which the part × it is what the arm's rate applies to.
  ValueId base = kNoValue;
  Span baseSpan;
  ShownUnit baseUnit;
};

// A 档位, 匹配 or 如果, or one 跨越 threshold, for explanations: the lowering
// made it a chain of If, and this says which arm each test takes. The arms
// are in the order they are tested; the first whose test gives `when` is
// taken, an arm without a test when none before it was.
struct Choice {
  enum class Kind : uint8_t { Tier, Match, If, Threshold };
  struct Arm {
    ValueId test = kNoValue;
    bool when = true;        // 无: the test is whether the field is present, and false takes it
    Span span;               // its patterns, tier or test; a 否则: its value
    bool otherwise = false;  // a 否则 as written (档位, 如果); never a 匹配's last arm, which the checker proved taken
  };
  Kind kind;
  ValueId result = kNoValue;  // the chain's outermost If: where the choice was made
  Span span;                  // the expression (a threshold: the threshold)
  // 档位, 匹配: the value sorted or matched, and how it is shown.
  ValueId subject = kNoValue;
  Span subjectSpan;
  ShownUnit subjectUnit;
  std::vector<std::string> subjectEnum;  // its enum's values, by index
  std::vector<Arm> arms;
};

// A 最小(a, b, …), for explanations: what it started from and its result.
struct Minimum {
  ValueId start = kNoValue;   // a
  ValueId result = kNoValue;  // the least
  Span span;
  ShownUnit unit;
};

// A clause's 最长 N 年, for explanations: the test that it paid in fewer than
// N years before the one judged, and those years counted over the history.
struct YearsLimit {
  ValueId test = kNoValue;   // Flag: the clause's condition
  ValueId years = kNoValue;  // Dec: a Sum over the history, whose kept entries are the years counted
  int yearField = -1;        // the entries' 年度, among the history's sub-fields
  Span span;                 // 最长 N 年
};

struct Program {
  std::vector<Inst> insts;
  std::vector<std::string> texts;
  rt::RecordSchema schema;
  std::vector<Param> params;
  std::vector<Policy> policies;
  std::vector<Clause> clauses;
  std::vector<rt::Beneficiary> beneficiaries;
  std::vector<Step> steps;
  std::vector<Pool> pools;
  std::vector<Ranking> rankings;
  std::vector<Bracket> brackets;
  std::vector<Choice> choices;
  std::vector<Minimum> minimums;
  std::vector<YearsLimit> yearsLimits;
  // The record's history (std/history.zc: its list of 往年奖励), which 已享受
  // and 最长 read; -1 when it has none. Explanations show the entries counted.
  int history = -1;
  int gateCount = 0;
  int loopCount = 0;
  std::vector<ShownUnit> loopUnits;  // per loop: the unit of a 求和's item values, for explanations
  // Per instruction, where its run-time error is reported ("rules.zc:12:5"),
  // resolved by the front end so no engine needs the sources.
  std::vector<std::string> locations;
};

}  // namespace zc::ir
