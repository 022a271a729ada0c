// Policies, clauses and tests: the structure of a ruleset.
#include <fmt/format.h>

#include <algorithm>

#include "ir/IrQueries.h"
#include "ir/RuntimeFunction.h"
#include "sema/Checker.h"
#include "sema/UnguardedSubtraction.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

void Checker::checkRuleset(const std::vector<const ast::Module*>& modules) {
  for (const auto* module : modules) declare(*module);
  for (const auto* module : modules) checkPolicies(*module);
  orderSteps();
  finish();
  warnConfusableNames(modules);
  for (const auto* module : modules) checkTests(*module);
}

void Checker::checkPolicies(const ast::Module& module) {
  for (const auto& policy : module.policies) checkPolicy(policy);
}

void Checker::checkPolicy(const ast::PolicyDecl& policy) {
  int record = out_.symbols.findRecord(policy.target.text);
  if (record < 0) {
    auto& d = diags_.report(DiagKind::NotARecord, policy.target.span,
                            fmt::format("a policy is evaluated for a record, and '{}' is not one", policy.target.text));
    std::vector<std::string> names;
    for (const auto& r : out_.symbols.records) names.push_back(r.name);
    std::string near = closestName(policy.target.text, names);
    if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
    return;
  }
  if (out_.symbols.records[record].schema.keyField < 0) {
    auto& d =
        diags_.report(DiagKind::RecordWithoutKey, policy.target.span,
                      fmt::format("{} has no 键 field to name its records in results and errors", policy.target.text));
    d.notes.push_back({out_.symbols.records[record].span, "declared here"});
    d.hint = "mark the identifying field: id: 文本 键;";
  }
  policyRecords_.push_back({record, policy.target.span});
  ir::Policy out{policy.id, policy.title, {}, {}, {}, {}};
  Scope scope;
  scope.record = record;
  if (!policy.asOf.empty()) {
    for (size_t i = 1; i < policy.asOf.size(); ++i) {
      auto& d = diags_.report(DiagKind::JudgingDateTwice, policy.asOf[i]->span,
                              "a second 截至 date: which one is a record judged on?");
      d.notes.push_back({policy.asOf[0]->span, "the first"});
    }
    Typed date = check(*policy.asOf[0], scope);
    if (!date.error() && date.type.kind != K::Date)
      diags_.report(DiagKind::TypeMismatch, policy.asOf[0]->span,
                    fmt::format("截至 is the date a record is judged on, but this is {}", typeName(date.type)));
    scope.asOf = policy.asOf[0].get();
    scope.asOfBroken = date.error() || date.type.kind != K::Date;
  }
  // 有效期 is the first 适用: outside it nothing else of the policy matters.
  if (auto holds = inForce(policy.inForce, scope)) {
    out.applies.push_back(*holds);
    out.appliesSpans.push_back(policy.inForce[0].span);
  }
  for (const auto& condition : policy.applies) {
    Typed c = checkCondition(*condition, scope, "an 适用 condition");
    assume(scope, narrowing(*condition, scope).whenTrue);
    out.applies.push_back(c.value);
    out.appliesSpans.push_back(condition->span);
  }
  for (const auto& condition : policy.excludes) {
    Typed c = checkCondition(*condition, scope, "an 排除 condition");
    assume(scope, narrowing(*condition, scope).whenFalse);
    out.excludes.push_back(c.value);
    out.excludesSpans.push_back(condition->span);
  }
  checkPolicyLets(policy, out, scope);
  // The gate: every 适用 holds, then no 排除 does, tested in that order.
  std::vector<ir::ValueId> tests = out.applies;
  for (size_t i = 0; i < out.excludes.size(); ++i)
    tests.push_back(ir_.unary(ir::Op::Not, ir::Type::Flag, out.excludes[i], out.excludesSpans[i]));
  int index = static_cast<int>(out_.program.policies.size());
  out_.program.steps.push_back({.kind = ir::StepKind::Gate, .target = ir_.newGate(), .conditions = std::move(tests)});
  out_.program.policies.push_back(std::move(out));
  int firstClause = static_cast<int>(out_.program.clauses.size());
  for (const auto& clause : policy.clauses) checkClause(clause, index, scope);
  for (const auto& rule : policy.groups) checkClauseRule(rule, firstClause, scope);
  for (const auto& pool : policy.pools) checkPool(pool, index, firstClause, scope);
  for (const auto& ranking : policy.rankings) checkRanking(ranking, index, scope);
  for (const auto& let : scope.lets)
    if (let.policyLet >= 0 && !policyLetUsed_[let.policyLet])
      diags_.report(DiagKind::UnusedLet, let.span,
                    fmt::format("'{}' is never used by a clause of the policy", let.name));
}

void Checker::checkPolicyLets(const ast::PolicyDecl& policy, ir::Policy& out, Scope& scope) {
  policyLetUsed_.assign(policy.lets.size(), false);
  const sema::RecordInfo& record = out_.symbols.records[scope.record];
  for (const auto& let : policy.lets) scope.letsBelow.push_back(let.name);
  for (size_t i = 0; i < policy.lets.size(); ++i) {
    const ast::LetDecl& let = policy.lets[i];
    scope.letsBelow.erase(scope.letsBelow.begin());
    if (record.find(let.name.text) >= 0 || out_.symbols.findParam(let.name.text) >= 0) {
      diags_.report(DiagKind::DuplicateDeclaration, let.name.span,
                    fmt::format("'{}' already names a field or parameter", let.name.text));
      continue;
    }
    auto earlier =
        std::find_if(scope.lets.begin(), scope.lets.end(), [&](const Let& l) { return l.name == let.name.text; });
    if (earlier != scope.lets.end()) {
      auto& d = diags_.report(DiagKind::LetBoundTwice, let.name.span,
                              fmt::format("'{}' is already bound by a 设 of this policy", let.name.text));
      d.notes.push_back({earlier->span, "the first 设"});
      d.hint = "give the second value its own name";
      policyLetUsed_[earlier->policyLet] = true;  // one mistake, one message
      continue;
    }
    scope.defining = &let.name;
    Typed value = check(*let.value, scope);
    scope.defining = nullptr;
    if (value.listField >= 0) {
      diags_.report(DiagKind::InvalidOperand, let.value->span, "设 names a single value, not a list");
      value = fail();
    }
    Let bound{let.name.text, value, let.name.span, scope.usedAbove.count(let.name.text) > 0, {}};
    bound.policyLet = static_cast<int>(i);
    if (bound.used) policyLetUsed_[i] = true;
    scope.lets.push_back(std::move(bound));
    if (!value.error())
      out.lets.push_back({let.name.text, value.value, shownUnitOf(value.type), let.source.value_or("")});
  }
}

void Checker::checkClause(const ast::ClauseDecl& clause, int policy, Scope scope) {
  scope.inClause = true;
  if (auto earlier = clauseIndex_.find(clause.id); earlier != clauseIndex_.end()) {
    auto& d =
        diags_.report(DiagKind::DuplicateClause, clause.idSpan, fmt::format("a clause '{}' already exists", clause.id));
    d.notes.push_back({out_.program.clauses[earlier->second].span, "the other clause"});
    return;
  }
  ir::Clause out;
  out.id = clause.id;
  out.policy = policy;
  out.span = clause.idSpan;
  for (const ast::ClauseDecl::Repeated& r : clause.repeated) {
    auto& d = diags_.report(DiagKind::ClauseLineTwice, r.again,
                            fmt::format("clause {} gives its {} twice", clause.id, r.keyword));
    d.notes.push_back({r.first, "the first"});
    d.hint = fmt::format("a clause has one {}: keep the one that is right, or split the clause", r.keyword);
  }
  if (clause.source)
    out.source = *clause.source;
  else
    diags_
        .report(DiagKind::ClauseWithoutSource, clause.idSpan,
                fmt::format("clause {} quotes no source sentence", clause.id))
        .hint = "add the sentence it encodes: 原文 \"…\";";
  if (!clause.beneficiary) {
    diags_
        .report(DiagKind::ClauseWithoutBeneficiary, clause.idSpan,
                fmt::format("clause {} names no beneficiary", clause.id))
        .hint = "add who is paid: 受益方 企业;";
  } else if (!out_.symbols.isBeneficiary(clause.beneficiary->text)) {
    auto& d = diags_.report(DiagKind::UnknownBeneficiary, clause.beneficiary->span,
                            fmt::format("'{}' is not a declared beneficiary", clause.beneficiary->text));
    std::vector<std::string> names;
    for (const auto& b : out_.symbols.beneficiaries) names.push_back(b.name);
    std::string near = closestName(clause.beneficiary->text, names);
    d.hint =
        near.empty() ? "declare it: 受益方 " + clause.beneficiary->text + ";" : fmt::format("did you mean {}?", near);
  } else {
    out.beneficiary = clause.beneficiary->text;
  }
  if (!clause.payer.empty()) out.payer = clause.payer[0].text;
  for (size_t i = 1; i < clause.payer.size(); ++i)
    diags_
        .report(DiagKind::PayerTwice, clause.payer[i].span,
                fmt::format("clause {} already names its 出资方", clause.id))
        .notes.push_back({clause.payer[0].span, "the first"});
  if (clause.results.empty()) {
    diags_.report(DiagKind::ClauseWithoutResult, clause.idSpan, fmt::format("clause {} decides nothing", clause.id))
        .hint = "end it with 奖励 <amount>;, 仅资格; or 一事一议;";
  } else if (clause.results.size() > 1) {
    diags_
        .report(DiagKind::ClauseManyResults, clause.results[1].span,
                fmt::format("clause {} already has a result", clause.id))
        .notes.push_back({clause.results[0].span, "the first result"});
  }

  if (!clause.each.empty()) checkEach(clause, out, scope);
  const sema::RecordInfo& record = out_.symbols.records[scope.record];
  // A 设 is computed only where it is read: by a 条件, once the 条件 lines
  // before it hold, or by the award, once all do. So a 设 may read what any
  // 条件 shows present; each use checks that the 条件 it relies on came first.
  Facts conditionFacts;
  for (const auto& condition : clause.conditions) {
    Facts facts = narrowing(*condition, scope).whenTrue;
    conditionFacts.insert(facts.begin(), facts.end());
  }
  auto beforeLets = assume(scope, conditionFacts);
  for (const FieldRef& f : conditionFacts)
    if (!beforeLets.first.count(f)) scope.borrowed.insert(f);
  for (const auto& let : clause.lets) scope.letsBelow.push_back(let.name);
  for (const auto& let : clause.lets) {
    scope.letsBelow.erase(scope.letsBelow.begin());
    if (record.find(let.name.text) >= 0 || out_.symbols.findParam(let.name.text) >= 0) {
      diags_.report(DiagKind::DuplicateDeclaration, let.name.span,
                    fmt::format("'{}' already names a field or parameter", let.name.text));
      continue;
    }
    if (!clause.each.empty() && clause.each[0].name.text == let.name.text) {
      auto& d = diags_.report(DiagKind::LetBoundTwice, let.name.span,
                              fmt::format("'{}' already names the item of 逐项", let.name.text));
      d.notes.push_back({clause.each[0].name.span, "the item is bound here"});
      d.hint = "give the value its own name";
      // One mistake, one message: the name's uses are not checked again.
      for (auto& loop : scope.loops)
        if (loop.name == let.name.text) loop.element = Type{};
      continue;
    }
    auto earlier =
        std::find_if(scope.lets.begin(), scope.lets.end(), [&](const Let& l) { return l.name == let.name.text; });
    if (earlier != scope.lets.end()) {
      bool shared = earlier->policyLet >= 0;
      auto& d = diags_.report(
          DiagKind::LetBoundTwice, let.name.span,
          fmt::format("'{}' is already bound by a 设 of this {}", let.name.text, shared ? "policy" : "clause"));
      d.notes.push_back({earlier->span, shared ? "the policy's 设, which every clause of it reads" : "the first 设"});
      d.hint = "give the second value its own name";
      earlier->used = true;  // one mistake, one message
      if (shared) policyLetUsed_[earlier->policyLet] = true;
      continue;
    }
    Facts relied;
    scope.relied = &relied;
    scope.defining = &let.name;
    Typed value = check(*let.value, scope);
    scope.defining = nullptr;
    scope.relied = nullptr;
    if (value.listField >= 0) {
      diags_.report(DiagKind::InvalidOperand, let.value->span, "设 names a single value, not a list");
      value = fail();
    }
    scope.lets.push_back({let.name.text, value, let.name.span, scope.usedAbove.count(let.name.text) > 0, relied});
    if (!value.error()) out.lets.push_back({let.name.text, value.value, shownUnitOf(value.type)});
  }
  restore(scope, std::move(beforeLets));
  if (auto holds = inForce(clause.inForce, scope)) {
    out.conditions.push_back(*holds);
    out.conditionSpans.push_back(clause.inForce[0].span);
    out.conditionHasParts.push_back(false);
  }
  // 最长 comes next: in a year beyond the clause's last, its 条件 do not matter.
  if (auto holds = yearsLimit(clause, scope)) {
    out.conditions.push_back(*holds);
    out.conditionSpans.push_back(clause.atMost[0].span);
    out.conditionHasParts.push_back(false);
  }
  for (const auto& condition : clause.conditions) {
    Typed c = checkCondition(*condition, scope, "a 条件");
    assume(scope, narrowing(*condition, scope).whenTrue);
    out.conditions.push_back(c.value);
    out.conditionSpans.push_back(condition->span);
    out.conditionHasParts.push_back(condition->kind == ast::ExprKind::And || condition->kind == ast::ExprKind::Or);
  }
  ir::Step step{.kind = ir::StepKind::Clause, .target = static_cast<int>(out_.program.clauses.size())};
  // Policy p's gate is gate p: checkPolicy makes one for each policy it keeps.
  step.conditions = {ir_.gate(policy, clause.idSpan)};
  step.conditions.insert(step.conditions.end(), out.conditions.begin(), out.conditions.end());
  step.pays = ir_.constFlag(true, clause.idSpan);
  if (!clause.results.empty()) {
    const ast::ClauseResult& result = clause.results[0];
    out.kind = result.kind == ast::ResultKind::Award      ? rt::ResultKind::Award
               : result.kind == ast::ResultKind::Eligible ? rt::ResultKind::Eligible
                                                          : rt::ResultKind::Manual;
    if (result.kind == ast::ResultKind::Award) {
      Typed amount = check(*result.amount, scope);
      const NamedUnit* yuan = out_.symbols.yuan();
      if (!amount.error()) {
        bool money = yuan != nullptr &&
                     (amount.zero || (amount.type.kind == K::Quantity && amount.type.unit.sameDimension(yuan->unit)));
        if (!money) {
          auto& d =
              diags_.report(DiagKind::AwardNotMoney, result.amount->span,
                            fmt::format("an award is an amount of money in 元, but this is {}", typeName(amount.type)));
          d.hint = notMoneyHint(amount.type, *result.amount);
        } else {
          Type inYuan = Type::quantity(yuan->unit);
          out.rawAmount = amount.value;
          out.rawUnit = amount.zero ? ir::ShownUnit{"元"} : shownUnitOf(amount.type);
          ir::ValueId converted = convert(amount, inYuan, result.amount->span);
          Span at = result.amount->span;
          step.amount =
              ir_.call(static_cast<int>(ir::RuntimeFn::DecRound), ir::Type::Dec, {converted, ir_.constInt(2, at)}, at);
          // 最小(amount, limit…): rounding never takes the award above a limit
          // that has a fraction of a 分 (不超过 means not by half a 分 either).
          std::vector<ir::ValueId> limits = minimumLimits(amount.value);
          if (!limits.empty()) out.halfUp = step.amount;
          for (ir::ValueId limit : limits) {
            ir::ValueId inYuanLimit = convert(Typed{amount.type, limit}, inYuan, at);
            ir::ValueId floored = ir_.call(static_cast<int>(ir::RuntimeFn::DecFloor), ir::Type::Dec,
                                           {inYuanLimit, ir_.constInt(2, at)}, at);
            step.amount = ir_.call(static_cast<int>(ir::RuntimeFn::DecMin), ir::Type::Dec, {step.amount, floored}, at);
          }
          // A zero award is no award: the clause gives no result.
          step.pays = ir_.compare(ir::Pred::Ne, ir::Type::Dec, step.amount, ir_.constDec({}, at), at);
          if (auto minus = sema::findUnguardedSubtraction(clause, sources_)) {
            diags_
                .report(DiagKind::UnguardedSubtraction, *minus,
                        "this award subtracts, so it can be negative; a negative award is never paid but is an error "
                        "of the clause")
                .hint = "keep it at zero or above with 最大(…, 0), or a condition such as 条件 本年 ≥ 上年;";
          }
        }
      }
    }
  }
  for (const auto& let : scope.lets)
    if (!let.used && let.policyLet < 0)
      diags_.report(DiagKind::UnusedLet, let.span, fmt::format("'{}' is never used", let.name));
  clauseIndex_.emplace(out.id, static_cast<int>(out_.program.clauses.size()));
  out_.program.clauses.push_back(std::move(out));
  out_.program.steps.push_back(step);
}

std::vector<ir::ValueId> Checker::minimumLimits(ir::ValueId value) const {
  std::vector<ir::ValueId> limits;
  for (;;) {
    const ir::Inst& inst = out_.program.insts[value];
    if (inst.op != ir::Op::Call || inst.index != static_cast<int>(ir::RuntimeFn::DecMin)) return limits;
    limits.push_back(inst.args[1]);
    value = inst.args[0];
  }
}

std::string Checker::notMoneyHint(const Type& type, const ast::Expr& expr) const {
  const NamedUnit* yuan = out_.symbols.yuan();
  const NamedUnit* dollar = out_.symbols.units.find("美元");
  if (yuan == nullptr) return "元 is not declared: import \"std/units.zc\"";
  bool quantity = type.kind == K::Quantity;
  if (quantity && dollar != nullptr && type.unit.sameDimension(dollar->unit)) {
    auto perDollar = divideUnits(yuan->unit, dollar->unit);
    for (const auto& p : out_.symbols.params)
      if (p.type.kind == K::Quantity && perDollar && p.type.unit.sameDimension(*perDollar))
        return fmt::format("convert 美元 to 元 with a 元/美元 rate: multiply by {}", p.name);
    return "convert 美元 to 元 with a 元/美元 rate parameter";
  }
  if (quantity && type.unit.sameDimension(*multiplyUnits(yuan->unit, yuan->unit)))
    return "money times money: a number of steps has no unit, so divide the amount by an amount, "
           "such as 向下取整(增量 / 1000 万元) × 10 万元";
  if (quantity && type.unit.dimensionless() && expr.kind == ast::ExprKind::Arith && expr.arithOp == ast::ArithOp::Div)
    return "this is a ratio: dividing two amounts of money leaves no unit; multiply the ratio by an amount, "
           "such as 比例 × 营业收入";
  if (type.kind == K::Int || (quantity && type.unit.dimensionless())) return "give the amount its unit, such as 5 万元";
  return "";
}

void Checker::checkEach(const ast::ClauseDecl& clause, ir::Clause& out, Scope& scope) {
  for (size_t i = 1; i < clause.each.size(); ++i) {
    auto& d =
        diags_.report(DiagKind::EachTwice, clause.each[i].span, "a second 逐项: a clause pays per item of one list");
    d.notes.push_back({clause.each[0].span, "the first"});
    d.hint = "give each list its own clause";
  }
  const ast::ClauseDecl::Each& each = clause.each[0];
  // An optional list is walked where a 条件 shows it present: an absent one
  // then pays nothing, as the 条件 says, rather than running as empty.
  Facts shown;
  for (const auto& condition : clause.conditions) {
    Facts facts = narrowing(*condition, scope).whenTrue;
    shown.insert(facts.begin(), facts.end());
  }
  auto saved = assume(scope, shown);
  Typed list = check(*each.list, scope);
  restore(scope, std::move(saved));
  if (!list.error() && list.listField < 0)
    diags_.report(DiagKind::NotAList, each.list->span,
                  fmt::format("逐项 goes over a list field, but this is {}", typeName(list.type)));
  if (list.error() || list.listField < 0) {
    // The name stays bound, to nothing: its uses were reported with the list.
    scope.loops.push_back({each.name.text, Type{}, -1, -1});
    return;
  }
  out.itemLoop = ir_.newLoop();
  out.itemList = list.listField;
  out.itemSpan = each.span;
  const Type& element = *list.type.element;
  if (element.kind == K::Record) out.itemKey = out_.symbols.records[element.id].schema.keyField;
  scope.loops.push_back({each.name.text, element, out.itemLoop, list.listField});
}

void Checker::finish() {
  if (policyRecords_.empty()) return;
  int record = policyRecords_.front().first;
  for (const auto& [other, span] : policyRecords_) {
    if (other != record) {
      auto& d = diags_.report(DiagKind::MixedPolicyRecords, span,
                              fmt::format("this policy is for {}, but an earlier one is for {}",
                                          out_.symbols.records[other].name, out_.symbols.records[record].name));
      d.notes.push_back({policyRecords_.front().second, "the earlier policy"});
    }
  }
  out_.record = record;
  out_.program.history = constrainHistory();
  out_.program.schema = out_.symbols.records[record].schema;
  out_.program.beneficiaries.clear();
  for (const auto& b : out_.symbols.beneficiaries)
    out_.program.beneficiaries.push_back({b.name, "total_" + b.resultKey});
}

void Checker::checkTests(const ast::Module& module) {
  for (const auto& test : module.tests) {
    if (auto same = testIndex_.find(test.name); same != testIndex_.end()) {
      diags_
          .report(DiagKind::DuplicateDeclaration, test.span,
                  fmt::format("a test named \"{}\" already exists", test.name))
          .notes.push_back({out_.tests[same->second].span, "the other test"});
      continue;
    }
    if (out_.record < 0) {
      diags_.report(DiagKind::NotARecord, test.span, "a test needs a policy to evaluate, and this ruleset has none");
      return;
    }
    TestCase out;
    out.name = test.name;
    out.span = test.span;
    bool ok = true;
    if (test.inputs.empty()) {
      diags_.report(DiagKind::MissingRequiredField, test.span, "a test gives its record: 输入 { 字段: 值, … }");
      ok = false;
    }
    // A population: each record's id names it in the expectations, so it is given and given once.
    bool population = test.inputs.size() > 1;
    for (size_t i = 0; i < test.inputs.size(); ++i) {
      auto record = foldRecord(*test.inputs[i], out_.record, population ? "" : test.name);
      if (!record) {
        ok = false;
        continue;
      }
      if (population) {
        auto same =
            std::find_if(out.inputs.begin(), out.inputs.end(), [&](const rt::Record& r) { return r.id == record->id; });
        if (record->id.empty() || same != out.inputs.end()) {
          auto& d = diags_.report(DiagKind::TestInputTwice, test.inputs[i]->span,
                                  record->id.empty()
                                      ? fmt::format("test \"{}\" has several records: give each its id", test.name)
                                      : fmt::format("test \"{}\" already has a record {}", test.name, record->id));
          d.hint =
              "a test of several records names each by its id, and each 期望 the record it is for: 期望 \"A\": \"X\" "
              "企业 = …;";
          ok = false;
          continue;
        }
      }
      out.inputs.push_back(std::move(*record));
    }
    std::vector<const ast::Name*> paramSet(out_.symbols.params.size(), nullptr);
    for (const auto& param : test.params) {
      int index = out_.symbols.findParam(param.name.text);
      if (index < 0) {
        if (!out_.symbols.isBrokenParam(param.name.text))
          diags_.report(DiagKind::UnknownName, param.name.span, fmt::format("unknown parameter '{}'", param.name.text));
        ok = false;
      } else if (paramSet[index] != nullptr) {
        diags_
            .report(DiagKind::TestParamTwice, param.name.span,
                    fmt::format("this test already sets {}", param.name.text))
            .notes.push_back({paramSet[index]->span, "set first here"});
        ok = false;
      } else if (auto value = foldScalar(*param.value, out_.symbols.params[index].type)) {
        paramSet[index] = &param.name;
        const ir::Param& declared = out_.program.params[index];
        if (!declared.range || rt::inRange(*declared.range, declared.schema.kind, *value)) {
          for (int entry : ir::entriesOf(out_.program, index)) out.params.push_back({entry, *value});
        } else {
          diags_.report(DiagKind::ParamOutOfRange, param.value->span,
                        fmt::format("{} is outside the range {} that {} declares", sources_.text(param.value->span),
                                    declared.range->text, declared.name));
          ok = false;
        }
      } else {
        ok = false;
      }
    }
    if (test.expectNone && !test.expectations.empty()) {
      auto& d = diags_.report(DiagKind::ExpectNoneBesideAwards, *test.expectNone,
                              "期望 无 says no clause gives a result, but this test expects one");
      d.notes.push_back({test.expectations[0].span, "the clause it expects"});
      d.hint = "keep 期望 无 or the clause expectations, not both";
      ok = false;
    }
    for (const auto& expectation : test.expectations) {
      size_t record = 0;
      if (population || expectation.record) {
        auto named = std::find_if(out.inputs.begin(), out.inputs.end(), [&](const rt::Record& r) {
          return expectation.record && r.id == *expectation.record;
        });
        if (named == out.inputs.end()) {
          // A record that could not be read is reported already; an expectation naming it is not again.
          if (!expectation.record || out.inputs.size() == test.inputs.size()) {
            auto& d = diags_.report(
                DiagKind::TestInputTwice, expectation.record ? expectation.recordSpan : expectation.span,
                expectation.record ? fmt::format("test \"{}\" has no record {}", test.name, *expectation.record)
                                   : fmt::format("test \"{}\" has several records: say which this is for", test.name));
            d.hint = "期望 \"A\": \"X\" 企业 = …; expects X's award to the record whose id is A";
          }
          ok = false;
          continue;
        }
        record = static_cast<size_t>(named - out.inputs.begin());
      }
      auto found = clauseIndex_.find(expectation.clauseId);
      const ir::Clause* clause = found == clauseIndex_.end() ? nullptr : &out_.program.clauses[found->second];
      if (clause == nullptr) {
        auto& d = diags_.report(DiagKind::UnknownClauseInTest, expectation.span,
                                fmt::format("no clause '{}' to expect", expectation.clauseId));
        std::vector<std::string> ids;
        for (const auto& c : out_.program.clauses) ids.push_back(c.id);
        std::string near = closestName(expectation.clauseId, ids);
        if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
        ok = false;
        continue;
      }
      TestExpectation e{
          clause->id, expectation.beneficiary.text, rt::ResultKind::Award, {}, expectation.item, expectation.span,
          record};
      if (clause->itemList >= 0 && !e.item) {
        diags_
            .report(DiagKind::ExpectationItem, expectation.span,
                    fmt::format("clause {} pays per item of {}: name the item it expects", clause->id,
                                out_.program.schema.fields[clause->itemList].name))
            .hint =
            fmt::format("期望 \"{}\"[\"…\"] {} = …; with the item's {}", clause->id, expectation.beneficiary.text,
                        clause->itemKey >= 0 ? "键" : "position from 1, such as [1]");
        ok = false;
        continue;
      }
      if (clause->itemList < 0 && e.item) {
        diags_
            .report(DiagKind::ExpectationItem, expectation.itemSpan,
                    fmt::format("clause {} pays once, not per item", clause->id))
            .hint = "leave out the [item]";
        ok = false;
        continue;
      }
      auto twice = std::find_if(out.expectations.begin(), out.expectations.end(), [&](const TestExpectation& x) {
        return x.clause == e.clause && x.beneficiary == e.beneficiary && x.item == e.item && x.record == e.record;
      });
      if (twice != out.expectations.end()) {
        diags_
            .report(DiagKind::DuplicateDeclaration, expectation.span,
                    fmt::format("this test already expects {} for {}", e.clause, e.beneficiary))
            .notes.push_back({twice->span, "the first expectation"});
        ok = false;
        continue;
      }
      if (expectation.beneficiary.text != clause->beneficiary) {
        diags_.report(
            DiagKind::TypeMismatch, expectation.beneficiary.span,
            fmt::format("clause {} pays {}, not {}", clause->id, clause->beneficiary, expectation.beneficiary.text));
        ok = false;
      }
      e.kind = expectation.kind == ast::Expectation::Kind::Amount     ? rt::ResultKind::Award
               : expectation.kind == ast::Expectation::Kind::Eligible ? rt::ResultKind::Eligible
                                                                      : rt::ResultKind::Manual;
      if (e.kind != clause->kind) {
        static const char* names[] = {"an award", "eligibility only (仅资格)", "a case-by-case decision (一事一议)"};
        diags_.report(DiagKind::TypeMismatch, expectation.span,
                      fmt::format("clause {} gives {}, not {}", clause->id, names[static_cast<int>(clause->kind)],
                                  names[static_cast<int>(e.kind)]));
        ok = false;
      }
      if (e.kind == rt::ResultKind::Award && out_.symbols.yuan() != nullptr) {
        auto amount = foldScalar(*expectation.amount, Type::quantity(out_.symbols.yuan()->unit));
        if (!amount) {
          ok = false;
        } else if (amount->d.num == 0) {
          // An award of 0 is no result, so no run could meet this expectation.
          auto& d =
              diags_.report(DiagKind::ExpectZeroAward, expectation.amount->span,
                            fmt::format("clause {} never gives an award of 0: a zero award is no result", clause->id));
          d.hint = fmt::format(
              "leave {} out: a clause the expectations do not list must give nothing (期望 无 when none does)",
              clause->id);
          ok = false;
        } else {
          e.amount = amount->d;
        }
      }
      out.expectations.push_back(std::move(e));
    }
    if (!ok) continue;
    testIndex_.emplace(out.name, out_.tests.size());
    out_.tests.push_back(std::move(out));
  }
}

Typed Checker::checkStandalone(const ast::Expr& expr, int record) {
  Scope scope;
  scope.record = record;
  return check(expr, scope);
}

}  // namespace zc
