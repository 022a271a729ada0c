// The abstract syntax tree, built from the ANTLR parse tree by AstBuilder.
// Every node keeps its source span; nothing here has meaning yet: names,
// units and types are resolved by the checker.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "source/SourceManager.h"

namespace zc::ast {

struct Name {
  std::string text;
  Span span;
};

// 元, 万元/年, 元/平方米: the first name divided by each following one.
struct UnitExpr {
  std::vector<Name> parts;
  Span span;
  bool empty() const { return parts.empty(); }
};

struct TypeExpr {
  enum class Kind { Text, Flag, Int, Count, Date, Number, List, Named };
  Kind kind = Kind::Text;
  bool optional = false;
  UnitExpr named;                     // Named: a unit, an enum or a record
  std::unique_ptr<TypeExpr> element;  // List
  Span span;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  Number,
  Percent,
  Date,
  String,
  Bool,
  Name,
  Call,
  Member,
  Neg,
  Not,
  Arith,
  Compare,
  InSet,
  InInterval,
  And,
  Or,
  If,
  Match,
  Tier,
  Crossed,
  Progressive,
  Sum,
  Count,
  List,
  Record,
  ClauseRef,
  Received
};
enum class ArithOp { Add, Sub, Mul, Div };
enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };

struct Interval {
  bool loClosed = true;
  bool hiClosed = false;
  ExprPtr lo;  // null: unbounded
  ExprPtr hi;  // null: unbounded
  Span span;
};

// 有效期 [2024-01-01, 2027-01-01): the dates a policy or clause is in force.
struct Window {
  Interval dates;
  Span span;  // the whole item
};

struct Pattern {
  enum class Kind { Wildcard, None, Name, String };
  Kind kind;
  std::string text;
  Span span;
};

struct MatchArm {
  std::vector<Pattern> patterns;
  ExprPtr value;
  Span span;
};

struct TierArm {
  std::optional<Interval> interval;  // empty: the 否则 arm
  ExprPtr value;
  Span span;
};

struct ThresholdArm {
  ExprPtr threshold;
  ExprPtr value;
};

struct FieldInit {
  Name name;
  ExprPtr value;
};

// One node type for all expressions; which members are used depends on kind:
//   Number     text = digits, unit (may be empty)     Percent  text = digits, per (100 or 1000)
//   Date       text = YYYY-MM-DD                       String   text = the value
//   Bool       boolValue                               Name     text
//   Call       name, operands = arguments              Member   operands[0], name
//   Neg, Not   operands[0]                             Arith    arithOp, operands[0..1]
//   Compare    compareOp, operands[0..1]               And, Or  operands[0..1]
//   InSet      operands[0], set; or, when set is empty, name = a 集合     InInterval operands[0], interval
//   If         operands = condition, then, else        Match    operands[0], arms
//   Tier       operands[0], tiers                      Crossed  interval, thresholds
//   Progressive operands[0], tiers: each rate pays on the part of the value inside its bracket
//   Sum        name = variable, operands = list, body, filter?   Count: list, filter?
//   List       operands = elements                     Record   fields
//   ClauseRef  text = the clause id: its award (条款 "CJ-1")
//   Received   ids = the clause or policy ids of 已享受 {…}; none: bare 已享受, a 封顶 rule's own clauses
struct Expr {
  ExprKind kind;
  Span span;
  std::string text;
  UnitExpr unit;
  bool boolValue = false;
  int per = 100;  // Percent: 1.5% is 1.5 per 100, 1.5‰ per 1000
  ArithOp arithOp = ArithOp::Add;
  CompareOp compareOp = CompareOp::Eq;
  Name name;
  std::vector<ExprPtr> operands;
  std::vector<ExprPtr> set;
  std::optional<Interval> interval;
  std::vector<MatchArm> arms;
  std::vector<TierArm> tiers;
  std::vector<ThresholdArm> thresholds;
  std::vector<FieldInit> fields;
  bool hasFilter = false;  // Sum, Count: the last operand is the 满足 filter
  std::vector<Name> ids;   // Received
};

struct ImportDecl {
  std::string path;
  Span span;
};

struct DimensionDecl {
  Name name;
  Name baseUnit;
  Span span;
};

struct UnitDecl {
  Name name;
  std::string numerator;
  std::string denominator;  // empty: 1
  Span factorSpan;
  UnitExpr of;  // no parts: a pure number (单位 百分数 = 1/100;)
  Span span;
};

struct EnumDecl {
  Name name;
  std::vector<Name> members;
  Span span;
};

struct FieldDecl {
  Name name;
  TypeExpr type;
  std::optional<Interval> range;  // 属于 [0, ∞): the values input may give
  bool key = false;
  ExprPtr defaultValue;
  Span span;
};

// 集合 八大行业 { "新一代信息技术", … }: texts named once (each member's text and span).
struct SetDecl {
  Name name;
  std::vector<Name> members;
  Span span;
};

struct RecordDecl {
  Name name;
  std::vector<FieldDecl> fields;
  Span span;
};

// One value of a dated parameter, in force from its date.
struct DatedValue {
  std::string from;  // YYYY-MM-DD
  Span fromSpan;
  ExprPtr value;
};

struct ParamDecl {
  Name name;
  std::optional<TypeExpr> type;
  std::optional<Interval> range;  // 属于 (0, ∞)
  ExprPtr value;                  // null when dated
  std::vector<DatedValue> dated;  // 按日期 { … }, by ascending date as written
  Span span;
};

struct BeneficiaryDecl {
  struct Entry {
    Name name;
    std::string resultKey;  // 企业("enterprise") → total_enterprise
  };
  std::vector<Entry> entries;
};

struct LetDecl {
  Name name;
  ExprPtr value;
  // A policy's 设 may quote the sentence it encodes: 设 补助总额 = … 原文 "…";
  std::optional<std::string> source;
};

enum class ResultKind { Award, Eligible, Manual };

struct ClauseResult {
  ResultKind kind;
  ExprPtr amount;  // Award only
  Span span;
};

struct ClauseDecl {
  std::string id;
  Span idSpan;
  std::optional<std::string> source;
  Span sourceSpan;
  std::optional<Name> beneficiary;
  Span beneficiarySpan;
  // A 原文 or 受益方 line said again: the first stays, the checker reports the rest.
  struct Repeated {
    const char* keyword;
    Span again, first;
  };
  std::vector<Repeated> repeated;
  std::vector<LetDecl> lets;
  std::vector<ExprPtr> conditions;
  std::vector<ClauseResult> results;
  std::vector<Window> inForce;  // 有效期: the dates of its policy's 截至 it pays on (one, checked)
  // 逐项 项目 属于 在建项目: the clause pays once per item of the list,
  // which its expressions read through the name (one, checked).
  struct Each {
    Name name;
    ExprPtr list;
    Span span;
  };
  std::vector<Each> each;
  // 出资方 市级: whose money pays the award (one, checked), for totals by payer.
  std::vector<Name> payer;
  // 最长 3 年: the years it pays in at most, counted in the record's history (one, checked).
  struct AtMost {
    ExprPtr years;
    Span span;
  };
  std::vector<AtMost> atMost;
  Span span;
};

// A rule that ties clauses together, applied after they are all decided:
// 就高 pays only the largest of its clauses' awards; 封顶 cuts their total
// to a limit, in the order listed or pro rata.
struct ClauseGroupDecl {
  enum class Kind { Highest, CapInOrder, CapProRata };
  Kind kind;
  std::vector<Name> clauses;  // the ids, as written
  ExprPtr limit;              // 封顶 only
  bool perItem = false;       // 逐项: applied to each item of its per-item clauses
  Span span;
  ExprPtr received;  // 封顶 … 扣除 X: what was already received, or null
};

// 资金池: a fund shared by every record of a run. After each record is
// evaluated, the awards of its clauses over the whole run are cut to the
// amount, pro rata or in the order of a field (先到先得).
struct PoolDecl {
  ExprPtr amount;             // a literal or a parameter, in money
  std::vector<Name> clauses;  // empty: every clause of the policy that pays an amount
  bool proRata = false;
  std::optional<Name> orderKey;  // 按顺序 申报日期: the field, earliest first; none: input order
  Span span;
};

// 排名: the run's records ordered by some of their fields, each record's
// rank (from 1) written into one of its fields before its clauses are
// evaluated, so conditions, 档位 and 匹配 read it as any field.
struct RankingDecl {
  Name rank;  // the 整数? field the rank goes into
  struct Key {
    Name field;
    bool descending = false;
  };
  std::vector<Key> keys;  // the first orders; each later one breaks the ties left
  enum class Ties { Unstated, AllIn, NoneIn };
  Ties ties = Ties::Unstated;  // what records tied on every key share: the best rank of them, or the worst
  Span span;
};

struct PolicyDecl {
  std::string id;
  Span idSpan;
  Name target;
  std::string title;
  std::vector<ExprPtr> applies;
  std::vector<ExprPtr> excludes;
  // 设 at the policy level: values its clauses share, in the order written.
  std::vector<LetDecl> lets;
  std::vector<ClauseDecl> clauses;
  std::vector<ClauseGroupDecl> groups;
  std::vector<PoolDecl> pools;
  std::vector<RankingDecl> rankings;
  std::vector<ExprPtr> asOf;    // 截至: the date a record is judged on (one, checked)
  std::vector<Window> inForce;  // 有效期: the dates of 截至 it applies on (one, checked)
  Span span;
};

struct Expectation {
  enum class Kind { Amount, Eligible, Manual };
  Kind kind;
  std::string clauseId;
  Name beneficiary;
  ExprPtr amount;
  Span span;
  // The item of a per-item clause it expects: its 键 as written, or its
  // position from 1.
  std::optional<std::string> item;
  Span itemSpan;
  // 期望 "A": …: in a test of several records, the id of the one it is for.
  std::optional<std::string> record;
  Span recordSpan;
};

struct ParamOverride {
  Name name;
  ExprPtr value;
};

struct TestDecl {
  std::string name;
  std::vector<ExprPtr> inputs;  // Record expressions: one, or a population whose expectations name their record
  std::vector<ParamOverride> params;
  std::vector<Expectation> expectations;
  std::optional<Span> expectNone;  // where it says 期望 无
  Span span;
};

// One parsed file.
struct Module {
  FileId file = 0;
  std::vector<ImportDecl> imports;
  std::vector<DimensionDecl> dimensions;
  std::vector<UnitDecl> units;
  std::vector<EnumDecl> enums;
  std::vector<SetDecl> sets;
  std::vector<RecordDecl> records;
  std::vector<ParamDecl> params;
  std::vector<BeneficiaryDecl> beneficiaries;
  std::vector<PolicyDecl> policies;
  std::vector<TestDecl> tests;
};

}  // namespace zc::ast
