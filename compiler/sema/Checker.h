// The checker: resolves names and units, types every expression, and lowers
// the ruleset to the typed IR. Nothing after it looks at the AST. Its class is
// sema's own (the build refuses this header to other phases): they reach it
// through sema/CheckedRuleset.h.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/Ast.h"
#include "diag/Diagnostic.h"
#include "ir/IrBuilder.h"
#include "sema/CheckedRuleset.h"
#include "sema/Interval.h"

namespace zc {

// A field that may be read: of the evaluated record (loop -1), or of the
// sub-record a loop is at. An optional one is what 有(…) tests.
struct FieldRef {
  int loop = -1;
  int index = -1;
  auto operator<=>(const FieldRef&) const = default;
};

// A checked expression: its type and the IR value that computes it.
struct Typed {
  sema::Type type;
  ir::ValueId value = ir::kNoValue;
  bool zero = false;                 // the literal 0, which takes the unit of its partner
  int listField = -1;                // a list field (only sum, count and 属于 take one)
  int loop = -1;                     // a loop variable over sub-records (for member access)
  FieldRef field;                    // the field it reads, if it is one (index ≥ 0)
  bool count = false;                // a 计数 field or a 个数: a whole number, never negative
  std::optional<Rational> constant;  // its exact value, when it is computed from literals only
  Span span;
  bool error() const { return type.isError(); }
};

class Checker {
 public:
  Checker(const SourceManager& sources, Diagnostics& diags, CheckedRuleset& out)
      : sources_(sources), diags_(diags), out_(out), ir_(out.program) {}

  // A whole ruleset: declarations of all modules first (names are visible
  // across files), then policies, then tests.
  void checkRuleset(const std::vector<const ast::Module*>& modules);

  // The passes one by one.
  void declare(const ast::Module& module);
  void checkPolicies(const ast::Module& module);
  void checkTests(const ast::Module& module);
  // Checks that the policies agree on one record; fills the program's schema.
  void finish();
  // W0603: names and clause ids that look like another (ConfusableNames.cpp).
  void warnConfusableNames(const std::vector<const ast::Module*>& modules);
  // Binds each 条款 "X" to its clause and orders the steps: gates, then the
  // clauses, each after those whose awards it reads (a list's per-item
  // clauses together), then the rules, then the settling of items.
  void orderSteps();
  // The entries, each after those it waits for (StepOrder.cpp); those that
  // cannot be ordered (a cycle) are left in `left`.
  static std::vector<int> readyOrder(const std::vector<int>& entries,
                                     const std::function<std::vector<int>(int)>& waitsFor, std::vector<int>& left);
  // An expression outside any clause (the REPL), over record `record`: its
  // IR is appended to the program.
  Typed checkStandalone(const ast::Expr& expr, int record);

 private:
  struct Loop {
    std::string name;
    sema::Type element;
    int id;
    int listField;
  };
  using Facts = std::set<FieldRef>;
  struct Let {
    std::string name;
    Typed value;
    Span span;
    bool used = false;
    Facts needs;         // optional fields it reads that only the clause's 条件 lines show present
    int policyLet = -1;  // a 设 of the policy, which its clauses share: its index there
  };
  struct Scope {
    int record = -1;
    std::vector<Loop> loops;
    std::vector<Let> lets;
    std::vector<ast::Name> letsBelow;  // the clause's 设 names not bound yet
    std::set<std::string> usedAbove;   // of those, the ones read above their line
    Facts present;                     // optional fields known present here
    // While a 设 is checked: the fields of `present` that only a 条件 of the
    // clause shows present, and those of them the 设 reads.
    Facts borrowed;
    Facts* relied = nullptr;
    bool inClause = false;                // 条款 "X" may read another clause's award only in a clause
    const ast::Name* defining = nullptr;  // the 设 being checked, which cannot read itself
    const ast::Expr* asOf = nullptr;      // the policy's 截至, checked afresh where a date is judged
    bool asOfBroken = false;              // it has an error, reported once
    // In a 封顶's 扣除: the rule's clauses and policy, which a bare 已享受 counts.
    const std::vector<ast::Name>* ruleClauses = nullptr;
  };
  // What a condition tells about optional fields when it holds and when it fails.
  struct Narrowing {
    Facts whenTrue, whenFalse;
  };

  // Declarations (DeclarationChecker.cpp)
  void declareDimension(const ast::DimensionDecl& decl);
  void declareUnit(const ast::UnitDecl& decl);
  void declareEnum(const ast::EnumDecl& decl);
  void declareSet(const ast::SetDecl& decl);
  void declareRecord(const ast::RecordDecl& decl);
  void declareParam(const ast::ParamDecl& decl);
  void declareBeneficiary(const ast::BeneficiaryDecl::Entry& entry);
  bool checkNewName(const ast::Name& name);
  std::optional<Unit> resolveUnit(const ast::UnitExpr& unit);
  std::optional<sema::Type> resolveType(const ast::TypeExpr& type, bool listElement, rt::FieldSchema& schema);
  // 属于 (0, ∞) of a parameter or field called `name`, its bounds folded to `type`; nothing after an error.
  std::optional<rt::ValueRange> resolveRange(const ast::Interval& interval, const sema::Type& type, rt::Kind kind,
                                             std::string_view name);
  void reportUnknownUnit(const ast::Name& name, const ast::UnitExpr& whole);

  // Constants (ConstantFolder.cpp): literals read into a scalar of a type.
  std::optional<rt::Scalar> foldScalar(const ast::Expr& expr, const sema::Type& type);
  std::optional<Rational> foldNumber(const ast::Expr& expr, const sema::Type& type);
  bool foldField(const ast::Expr& expr, const sema::Type& type, const rt::FieldSchema& schema, rt::FieldValue& out);
  std::optional<rt::Record> foldRecord(const ast::Expr& expr, int record, const std::string& defaultKey);
  std::optional<std::pair<Rational, Unit>> foldQuantity(const ast::Expr& expr);

  // Expressions (ExprChecker.cpp; names in NameResolver.cpp, calls in BuiltinCallChecker.cpp)
  Typed check(const ast::Expr& expr, Scope& scope);
  // `result`, what `expr` was checked to, with its span and its type noted for hover.
  Typed checked(const ast::Expr& expr, Typed result);
  Typed checkCondition(const ast::Expr& expr, Scope& scope, std::string_view what);
  Typed checkExpr(const ast::Expr& expr, Scope& scope);
  Typed checkNumber(const ast::Expr& expr);
  Typed checkName(const ast::Expr& expr, Scope& scope, bool allowOptional);
  Typed checkMember(const ast::Expr& expr, Scope& scope, bool allowOptional);
  Typed checkArith(const ast::Expr& expr, Scope& scope);
  // The arithmetic `expr` writes, of its operands already checked.
  Typed arith(const ast::Expr& expr, const Typed& a, const Typed& b);
  // a × b or a ÷ b (divisor: b's source, for a division by zero).
  Typed product(const Typed& a, const Typed& b, ast::ArithOp op, Span divisor, Span span);
  Typed checkCompare(const ast::Expr& expr, Scope& scope);
  Typed checkInSet(const ast::Expr& expr, Scope& scope);
  Typed checkInInterval(const ast::Expr& expr, Scope& scope);
  // x 属于 八大行业: x equals one of the 集合's texts.
  Typed checkInNamedSet(const Typed& x, const ast::Expr& expr);
  // A text literal where a value closed to the 集合 is: it never is that text.
  void reportNotInSet(const sema::EnumInfo& set, const std::string& text, Span span, std::string_view consequence);
  // Whether x lies in the interval (whole: the test's source, for messages).
  Typed checkWithin(const Typed& x, const ast::Interval& interval, Span whole, Scope& scope);
  // Time (Validity.cpp): the policy's 截至 date, the 有效期 tests against it,
  // and a dated parameter's value on it.
  Typed judgingDate(const Scope& scope, Span use, std::string_view what);
  // The test that the 截至 date lies in the window; nothing when there is none
  // or it has an error (reported).
  std::optional<ir::ValueId> inForce(const std::vector<ast::Window>& windows, Scope& scope);
  Typed datedParam(int index, const ast::Expr& use, Scope& scope);
  Typed checkLogic(const ast::Expr& expr, Scope& scope);
  Typed checkIf(const ast::Expr& expr, Scope& scope);
  Typed checkCall(const ast::Expr& expr, Scope& scope);
  Typed checkAggregate(const ast::Expr& expr, Scope& scope);
  // An operand that may be an enum value named by the other side's type.
  Typed checkAgainst(const ast::Expr& expr, const sema::Type& expected, Scope& scope);

  // Narrowing by 有(…) (Narrowing.cpp).
  Narrowing narrowing(const ast::Expr& condition, const Scope& scope) const;
  std::optional<FieldRef> presenceTested(const ast::Expr& call, const Scope& scope) const;
  // Adds facts established here; returns the scope's facts before, to restore.
  std::pair<Facts, Facts> assume(Scope& scope, const Facts& facts) const;
  void restore(Scope& scope, std::pair<Facts, Facts> saved) const;
  // Whether an optional field may be read here; notes a 设's reliance on a 条件.
  bool knownPresent(Scope& scope, FieldRef field) const;
  std::string fieldName(FieldRef field, const Scope& scope) const;

  // Branches (BranchChecker.cpp)
  Typed checkMatch(const ast::Expr& expr, Scope& scope);
  Typed checkTier(const ast::Expr& expr, Scope& scope);
  Typed checkCrossed(const ast::Expr& expr, Scope& scope);
  Typed checkProgressive(const ast::Expr& expr, Scope& scope);  // ProgressiveChecker.cpp
  std::optional<Rational> constantBound(const ast::Expr& expr, const sema::Type& against);
  // The values a scrutinee can take, for intervals over it (sema/Interval.h).
  sema::Domain domainOf(const Typed& value) const;
  std::string domainHint(const Typed& value) const;

  // Numeric unification (UnitUnifier.cpp): one type both sides convert to, or an error.
  struct Unified {
    sema::Type type;
    std::vector<ir::ValueId> values;
    std::vector<std::optional<Rational>> constants;  // each operand's constant value in `type`, if it has one
  };
  std::optional<Unified> unify(const std::vector<Typed>& operands, Span span, std::string_view verb);
  ir::ValueId convert(const Typed& value, const sema::Type& target, Span span);
  ir::Type machineType(const sema::Type& type) const;
  // The exact value of a computation of constants, or an error where the
  // engines could never hold it (E0413).
  bool holdsConstant(const std::optional<Rational>& exact, const sema::Type& type, Span span);
  std::optional<Rational> constantIn(const Typed& value, const sema::Type& target) const;
  void reportUnknownField(const sema::RecordInfo& record, const ast::Name& name);
  void reportDimensionMismatch(const Typed& a, const Typed& b, Span span, std::string_view verb);

  // History (HistoryChecker.cpp): the record's 列表<往年奖励> field (std/history.zc),
  // what 已享受 received under some clauses, and the years a clause's 最长 allows.
  struct HistoryField {
    int field = -1;                          // the list field of the evaluated record
    int basis = -1, year = -1, amount = -1;  // its entries' 依据, 年度 and 金额
    sema::Type amountType;
  };
  std::optional<HistoryField> historyField(const Scope& scope, Span use, std::string_view what);
  Typed checkReceived(const ast::Expr& expr, Scope& scope);
  // 最长 N 年: holds while the clause paid in fewer than N earlier years.
  std::optional<ir::ValueId> yearsLimit(const ast::ClauseDecl& clause, Scope& scope);
  // Once every clause is known: the ids 已享受 names exist, and the history's
  // entries may name only clauses and policies and hold no negative amount.
  // Returns the record's history field, or -1.
  int constrainHistory();

  // Policies (RulesetChecker.cpp)
  void checkPolicy(const ast::PolicyDecl& policy);
  void checkClause(const ast::ClauseDecl& clause, int policy, Scope scope);
  // The policy's 设 lines: values its clauses read, each from the lines above it.
  void checkPolicyLets(const ast::PolicyDecl& policy, ir::Policy& out, Scope& scope);
  // 逐项: binds the item, which the clause's expressions then read.
  void checkEach(const ast::ClauseDecl& clause, ir::Clause& out, Scope& scope);
  // A 就高 or 封顶 rule over clauses of policy, whose first clause is firstClause.
  void checkClauseRule(const ast::ClauseGroupDecl& rule, int firstClause, Scope scope);
  // A 资金池 over clauses of policy (PoolChecker.cpp): an ir::Pool, not a step.
  void checkPool(const ast::PoolDecl& pool, int policy, int firstClause, Scope scope);
  // A 排名 of the run's records (RankingChecker.cpp): an ir::Ranking, not a step.
  void checkRanking(const ast::RankingDecl& ranking, int policy, Scope scope);

  std::string unitOf(const sema::Type& type) const;
  // How an explanation shows a value of the type (UnitTable::shownUnit).
  ir::ShownUnit shownUnitOf(const sema::Type& type) const;
  // The limits of an award written as 最小(amount, limit…): every argument
  // after the first; none when the value is not a 最小 of decimals.
  std::vector<ir::ValueId> minimumLimits(ir::ValueId value) const;
  // Why a value that must be money (an award, a 封顶 limit) is not, and what to write.
  std::string notMoneyHint(const sema::Type& type, const ast::Expr& expr) const;
  std::string typeName(const sema::Type& type) const { return out_.symbols.typeName(type); }
  Typed fail() const { return Typed{}; }
  // The literal 0, which takes the unit of what it is unified with.
  Typed literalZero(Span span);

  const SourceManager& sources_;
  Diagnostics& diags_;
  CheckedRuleset& out_;
  ir::IrBuilder ir_;
  // Each clause's index in out_.program.clauses by its id: a ruleset may have 100,000.
  std::unordered_map<std::string, int> clauseIndex_;
  std::unordered_map<std::string, size_t> testIndex_;  // each test's index in out_.tests by its name
  // Each 条款 "X" read in a clause, bound once every clause is known.
  struct ClauseReference {
    ir::ValueId inst;
    std::string id;
    Span span;
  };
  std::vector<ClauseReference> clauseReferences_;
  std::vector<std::pair<int, Span>> policyRecords_;
  std::vector<ast::Name> receivedIds_;  // each id an 已享受 {…} names
  std::vector<bool> policyLetUsed_;     // per 设 of the policy being checked: read by a clause
};

}  // namespace zc
