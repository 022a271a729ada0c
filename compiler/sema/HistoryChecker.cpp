// What a record already received: its history, a list of 往年奖励 entries
// (std/history.zc), read by 已享受 (a lifetime 封顶 less what was paid before)
// and by a clause's 最长 (the years it may pay in). Both are lowered to loops
// over the list, so every engine computes them as it computes a 求和.
#include <fmt/format.h>

#include <algorithm>

#include "ir/RuntimeFunction.h"
#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

namespace {

// The entry record std/history.zc declares, and its fields.
constexpr const char* kHistoryRecord = "往年奖励";
constexpr const char* kBasis = "依据";
constexpr const char* kYear = "年度";
constexpr const char* kAmount = "金额";

bool isHistoryList(const Type& type, int entry) {
  return entry >= 0 && type.kind == K::List && type.element && type.element->kind == K::Record &&
         type.element->id == entry;
}

}  // namespace

std::optional<Checker::HistoryField> Checker::historyField(const Scope& scope, Span use, std::string_view what) {
  const sema::RecordInfo& record = out_.symbols.records[scope.record];
  int entry = out_.symbols.findRecord(kHistoryRecord);
  std::vector<int> found;
  for (size_t i = 0; i < record.fields.size(); ++i)
    if (isHistoryList(record.fields[i].type, entry)) found.push_back(static_cast<int>(i));
  if (found.size() != 1) {
    auto& d = diags_.report(DiagKind::NoHistory, use,
                            found.empty()
                                ? fmt::format("{} reads the record's history, and {} has no field of type 列表<{}>",
                                              what, record.name, kHistoryRecord)
                                : fmt::format("{} reads the record's history, and {} has {} fields of type 列表<{}>: "
                                              "which one is it?",
                                              what, record.name, found.size(), kHistoryRecord));
    for (int f : found) d.notes.push_back({record.fields[f].span, "a history field"});
    d.hint = found.empty() ? fmt::format(
                                 "导入 \"std/history.zc\"; and give {} the awards it received before: "
                                 "往年奖励: 列表<往年奖励> = [];",
                                 record.name)
                           : "keep one list of what the record received";
    return std::nullopt;
  }
  const sema::RecordInfo& entries = out_.symbols.records[entry];
  HistoryField out{found[0], entries.find(kBasis), entries.find(kYear), entries.find(kAmount), {}};
  // A 往年奖励 declared elsewhere than std/history.zc must hold what it does.
  const NamedUnit* yuan = out_.symbols.yuan();
  auto is = [&](int field, auto test) {
    return field >= 0 && !entries.fields[field].type.optional && test(entries.fields[field].type);
  };
  bool shaped = is(out.basis, [](const Type& t) { return t.kind == K::Text; }) &&
                is(out.year, [](const Type& t) { return t.kind == K::Int; }) && is(out.amount, [&](const Type& t) {
                  return yuan != nullptr && t.kind == K::Quantity && t.unit.sameDimension(yuan->unit);
                });
  if (!shaped) {
    auto& d = diags_.report(
        DiagKind::NoHistory, use,
        fmt::format("{} reads the record's history, but this {} is not the record std/history.zc declares", what,
                    kHistoryRecord));
    d.notes.push_back({entries.span, "declared here"});
    d.hint = "import it: 导入 \"std/history.zc\"; (依据: 文本; 年度: 整数; 金额: 元;)";
    return std::nullopt;
  }
  out.amountType = entries.fields[out.amount].type;
  return out;
}

Typed Checker::checkReceived(const ast::Expr& expr, Scope& scope) {
  std::vector<ast::Name> ids = expr.ids;
  if (ids.empty()) {
    if (scope.ruleClauses == nullptr) {
      diags_
          .report(DiagKind::InvalidOperand, expr.span,
                  "已享受 alone counts the clauses of the 封顶 it is taken from (扣除 已享受); here, name the clauses "
                  "or policies")
          .hint = "已享受 {\"A-1\", \"A\"}: what the history records under clause A-1 or under policy A as a whole";
      return fail();
    }
    ids = *scope.ruleClauses;
  } else {
    receivedIds_.insert(receivedIds_.end(), ids.begin(), ids.end());
  }
  auto history = historyField(scope, expr.span, "已享受");
  const NamedUnit* yuan = out_.symbols.yuan();
  if (!history || yuan == nullptr) return fail();
  Span at = expr.span;
  int loop = ir_.newLoop();
  ir::ValueId kept = ir::kNoValue;
  for (const ast::Name& id : ids) {
    ir::ValueId basis = ir_.elemField(loop, history->basis, ir::Type::Text, at);
    ir::ValueId same = ir_.compare(ir::Pred::Eq, ir::Type::Text, basis, ir_.constText(id.text, at), at);
    kept = kept == ir::kNoValue ? same : ir_.binary(ir::Op::Or, ir::Type::Flag, kept, same, at);
  }
  Type inYuan = Type::quantity(yuan->unit);
  ir::ValueId amount =
      convert({history->amountType, ir_.elemField(loop, history->amount, ir::Type::Dec, at)}, inYuan, at);
  out_.program.loopUnits[loop] = shownUnitOf(inYuan);
  return {inYuan, ir_.sum(ir::Type::Dec, loop, history->field, amount, kept, at)};
}

std::optional<ir::ValueId> Checker::yearsLimit(const ast::ClauseDecl& clause, Scope& scope) {
  if (clause.atMost.empty()) return std::nullopt;
  for (size_t i = 1; i < clause.atMost.size(); ++i) {
    auto& d = diags_.report(DiagKind::ClauseLineTwice, clause.atMost[i].span,
                            fmt::format("clause {} gives its 最长 twice", clause.id));
    d.notes.push_back({clause.atMost[0].span, "the first"});
  }
  const ast::ClauseDecl::AtMost& limit = clause.atMost[0];
  Typed years = check(*limit.years, scope);
  if (years.error()) return std::nullopt;
  const NamedUnit* year = out_.symbols.units.find("年");
  bool ofTime = year != nullptr && years.type.kind == K::Quantity && years.type.unit.sameDimension(year->unit);
  std::optional<Rational> count = ofTime ? constantIn(years, Type::quantity(year->unit)) : std::nullopt;
  if (!count || !count->isInteger() || count->num < 1 || count->num > INT32_MAX) {
    std::string problem = !ofTime ? fmt::format("a number of years (年), but this is {}", typeName(years.type))
                          : !years.constant
                              ? "a constant number of years, but this is read from the record or a parameter"
                              : fmt::format("a whole number of years, 1 or more, but this is {} 年", count->str());
    diags_.report(DiagKind::InvalidYearsLimit, limit.years->span, "最长 is " + problem).hint =
        year == nullptr ? "年 is declared by std/units.zc: 导入 \"std/units.zc\";" : "such as 最长 3 年;";
    return std::nullopt;
  }
  Typed date = judgingDate(scope, limit.span, "最长 counts the years before the one a record is judged on");
  auto history = historyField(scope, limit.span, "最长");
  if (date.error() || !history) return std::nullopt;
  Span at = limit.span;
  ir::ValueId thisYear = ir_.call(static_cast<int>(ir::RuntimeFn::DateYear), ir::Type::Int, {date.value}, at);
  auto ofClause = [&](int loop) {
    ir::ValueId basis = ir_.elemField(loop, history->basis, ir::Type::Text, at);
    return ir_.compare(ir::Pred::Eq, ir::Type::Text, basis, ir_.constText(clause.id, at), at);
  };
  // The distinct earlier years the clause paid in: each entry of such a year
  // adds 1 ÷ the number of the clause's entries of that year, exactly.
  int outer = ir_.newLoop(), inner = ir_.newLoop();
  ir::ValueId entryYear = ir_.elemField(outer, history->year, ir::Type::Int, at);
  ir::ValueId earlier = ir_.compare(ir::Pred::Lt, ir::Type::Int, entryYear, thisYear, at);
  ir::ValueId counted = ir_.binary(ir::Op::And, ir::Type::Flag, ofClause(outer), earlier, at);
  ir::ValueId sameYear =
      ir_.compare(ir::Pred::Eq, ir::Type::Int, ir_.elemField(inner, history->year, ir::Type::Int, at),
                  ir_.elemField(outer, history->year, ir::Type::Int, at), at);
  ir::ValueId ofThatYear = ir_.binary(ir::Op::And, ir::Type::Flag, ofClause(inner), sameYear, at);
  ir::ValueId entries =
      ir_.unary(ir::Op::IntToDec, ir::Type::Dec, ir_.count(inner, history->field, ofThatYear, at), at);
  ir::ValueId share = ir_.binary(ir::Op::DecDiv, ir::Type::Dec, ir_.constDec({1, 1}, at), entries, at);
  ir::ValueId paidYears = ir_.sum(ir::Type::Dec, outer, history->field, share, counted, at);
  // This year is one more: it may pay while fewer than N years have.
  ir::ValueId holds = ir_.compare(ir::Pred::Lt, ir::Type::Dec, paidYears, ir_.constDec({count->num, 1}, at), at);
  ir_.yearsLimit({holds, paidYears, history->year, at});
  return holds;
}

int Checker::constrainHistory() {
  std::vector<std::string> ids;
  for (const ir::Policy& p : out_.program.policies) ids.push_back(p.id);
  for (const ir::Clause& c : out_.program.clauses) ids.push_back(c.id);
  for (const ast::Name& id : receivedIds_) {
    if (std::find(ids.begin(), ids.end(), id.text) != ids.end()) continue;
    auto& d = diags_.report(
        DiagKind::UnknownClauseInRule, id.span,
        fmt::format("已享受 counts what was received under a clause or policy, and there is none '{}'", id.text));
    std::string near = closestName(id.text, ids);
    if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
  }
  receivedIds_.clear();
  if (out_.record < 0) return -1;
  sema::RecordInfo& record = out_.symbols.records[out_.record];
  int entry = out_.symbols.findRecord(kHistoryRecord);
  int history = -1;
  for (size_t i = 0; i < record.fields.size(); ++i) {
    if (!isHistoryList(record.fields[i].type, entry)) continue;
    history = static_cast<int>(i);
    // An entry names what the ruleset pays under, and a payment is never below 0.
    for (rt::FieldSchema& sub : record.schema.fields[i].subFields) {
      if (sub.name == kBasis && sub.kind == rt::Kind::Text) sub.enumValues = ids;
      if (sub.name == kAmount && sub.kind == rt::Kind::Dec) sub.nonNegative = true;
    }
  }
  return history;
}

}  // namespace zc
