// Narrowing: where a 有(…) test makes an optional field safe to read. A
// condition's facts follow its logic: `a 且 b` reads b where a holds, `a 或 b`
// where a fails, 非 swaps the two, and 如果 gives each branch its own.
#include <algorithm>
#include <iterator>

#include "sema/Builtins.h"
#include "sema/Checker.h"

namespace zc {

namespace {

using Facts = std::set<FieldRef>;

Facts both(const Facts& a, const Facts& b) {
  Facts out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

Facts either(Facts a, const Facts& b) {
  a.insert(b.begin(), b.end());
  return a;
}

}  // namespace

std::optional<FieldRef> Checker::presenceTested(const ast::Expr& call, const Scope& scope) const {
  const Builtin* builtin = call.kind == ast::ExprKind::Call ? findBuiltin(call.name.text) : nullptr;
  if (builtin == nullptr || builtin->signature != BuiltinSignature::Present || call.operands.size() != 1)
    return std::nullopt;
  const ast::Expr& arg = *call.operands[0];
  auto loopNamed = [&](const std::string& name) -> const Loop* {
    for (auto it = scope.loops.rbegin(); it != scope.loops.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  };
  if (arg.kind == ast::ExprKind::Name) {
    if (loopNamed(arg.text) != nullptr || scope.record < 0) return std::nullopt;
    const sema::RecordInfo& record = out_.symbols.records[scope.record];
    int index = record.find(arg.text);
    if (index < 0 || !record.fields[index].type.optional) return std::nullopt;
    return FieldRef{-1, index};
  }
  if (arg.kind == ast::ExprKind::Member && arg.operands[0]->kind == ast::ExprKind::Name) {
    const Loop* loop = loopNamed(arg.operands[0]->text);
    if (loop == nullptr || loop->element.kind != sema::Type::Kind::Record) return std::nullopt;
    const sema::RecordInfo& record = out_.symbols.records[loop->element.id];
    int index = record.find(arg.name.text);
    if (index < 0 || !record.fields[index].type.optional) return std::nullopt;
    return FieldRef{loop->id, index};
  }
  return std::nullopt;
}

Checker::Narrowing Checker::narrowing(const ast::Expr& condition, const Scope& scope) const {
  switch (condition.kind) {
    case ast::ExprKind::Call: {
      Narrowing out;
      if (auto field = presenceTested(condition, scope)) out.whenTrue.insert(*field);
      return out;
    }
    case ast::ExprKind::Not: {
      Narrowing inner = narrowing(*condition.operands[0], scope);
      return {inner.whenFalse, inner.whenTrue};
    }
    case ast::ExprKind::And: {
      Narrowing a = narrowing(*condition.operands[0], scope), b = narrowing(*condition.operands[1], scope);
      return {either(a.whenTrue, b.whenTrue), both(a.whenFalse, b.whenFalse)};
    }
    case ast::ExprKind::Or: {
      Narrowing a = narrowing(*condition.operands[0], scope), b = narrowing(*condition.operands[1], scope);
      return {both(a.whenTrue, b.whenTrue), either(a.whenFalse, b.whenFalse)};
    }
    default:
      return {};
  }
}

std::pair<Checker::Facts, Checker::Facts> Checker::assume(Scope& scope, const Facts& facts) const {
  std::pair<Facts, Facts> saved{scope.present, scope.borrowed};
  for (const FieldRef& f : facts) {
    scope.present.insert(f);
    scope.borrowed.erase(f);  // shown present right here, not by a 条件
  }
  return saved;
}

void Checker::restore(Scope& scope, std::pair<Facts, Facts> saved) const {
  scope.present = std::move(saved.first);
  scope.borrowed = std::move(saved.second);
}

bool Checker::knownPresent(Scope& scope, FieldRef field) const {
  if (!scope.present.count(field)) return false;
  if (scope.borrowed.count(field) && scope.relied != nullptr) scope.relied->insert(field);
  return true;
}

std::string Checker::fieldName(FieldRef field, const Scope& scope) const {
  if (field.loop < 0) return out_.symbols.records[scope.record].fields[field.index].name;
  for (const Loop& loop : scope.loops)
    if (loop.id == field.loop) return loop.name + "." + out_.symbols.records[loop.element.id].fields[field.index].name;
  return "?";
}

}  // namespace zc
