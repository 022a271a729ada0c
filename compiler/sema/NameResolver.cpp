// Names and fields: what a name means, innermost scope first, and the nearest
// name when it means nothing.
#include <fmt/format.h>

#include <algorithm>

#include "ast/Keywords.h"
#include "sema/Builtins.h"
#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

Typed Checker::checkName(const ast::Expr& expr, Scope& scope, bool allowOptional) {
  const std::string& name = expr.name.text;
  for (auto it = scope.loops.rbegin(); it != scope.loops.rend(); ++it) {
    if (it->name != name) continue;
    if (it->element.isError()) return fail();
    if (it->element.kind == K::Record) {
      Typed out{it->element};
      out.loop = it->id;
      return out;
    }
    return {it->element, ir_.elem(it->id, machineType(it->element), expr.span)};
  }
  for (auto it = scope.lets.rbegin(); it != scope.lets.rend(); ++it) {
    if (it->name != name) continue;
    it->used = true;
    if (it->policyLet >= 0) policyLetUsed_[it->policyLet] = true;
    out_.names.uses.push_back({expr.span, it->span, sema::NameKind::Let});
    for (const FieldRef& need : it->needs) {
      if (knownPresent(scope, need)) continue;
      std::string field = fieldName(need, scope);
      auto& d = diags_.report(
          DiagKind::MaybeAbsent, expr.span,
          fmt::format("'{}' reads '{}', which may be absent here: the 条件 有({}) comes later", name, field, field));
      d.notes.push_back({it->span, fmt::format("'{}' is defined here", name)});
      d.hint = fmt::format("put 条件 有({}); before the 条件 that uses '{}'", field, name);
      return fail();
    }
    return it->value;
  }
  if (scope.record >= 0) {
    const sema::RecordInfo& record = out_.symbols.records[scope.record];
    if (int index = record.find(name); index >= 0) {
      const Type& type = record.fields[index].type;
      out_.names.uses.push_back({expr.span, record.fields[index].span, sema::NameKind::Field});
      Typed out{type};
      out.field = {-1, index};
      out.count = record.fields[index].count;
      if (type.optional && !knownPresent(scope, out.field)) {
        if (!allowOptional) {
          auto& d =
              diags_.report(DiagKind::MaybeAbsent, expr.span,
                            fmt::format("'{}' may be absent from a record (it is declared {})", name, typeName(type)));
          // A policy's 设 is shared by clauses whose 条件 it cannot rely on.
          d.hint =
              scope.defining != nullptr && !scope.inClause
                  ? fmt::format(
                        "a policy's 设 reads what its 适用 lines show present: 适用 有({}); or 如果 有({}) 则 … 否则 …",
                        name, name)
                  : fmt::format("test it first: 条件 有({}); or 有({}) 且 …", name, name);
          return fail();
        }
      } else {
        out.type.optional = false;
      }
      // A list is walked by 求和, 个数 and 逐项, never read as one value.
      if (type.kind == K::List) {
        out.listField = index;
        return out;
      }
      out.value = ir_.field(index, machineType(type), expr.span);
      return out;
    }
  }
  if (int index = out_.symbols.findParam(name); index >= 0) {
    const Type& type = out_.symbols.params[index].type;
    out_.names.uses.push_back({expr.span, out_.symbols.params[index].span, sema::NameKind::Parameter});
    if (out_.symbols.params[index].dated > 0) return datedParam(index, expr, scope);
    return {type, ir_.param(index, machineType(type), expr.span)};
  }
  std::vector<int> enums = out_.symbols.enumsWithValue(name);
  if (enums.size() == 1) {
    out_.names.uses.push_back({expr.span, out_.symbols.enums[enums[0]].span, sema::NameKind::EnumValue});
    return {Type::enumeration(enums[0]), ir_.constEnum(out_.symbols.enums[enums[0]].find(name), expr.span)};
  }
  if (enums.size() > 1) {
    auto& d = diags_.report(DiagKind::AmbiguousEnumValue, expr.span,
                            fmt::format("'{}' is a value of {} and of {}", name, out_.symbols.enums[enums[0]].name,
                                        out_.symbols.enums[enums[1]].name));
    d.hint = "compare it with a field of the enum you mean, and the value is taken from that enum";
    return fail();
  }
  // A field or parameter whose declaration has an error was reported there.
  if (out_.symbols.isBrokenParam(name) || (scope.record >= 0 && out_.symbols.records[scope.record].isBroken(name)))
    return fail();
  if (scope.defining != nullptr && scope.defining->text == name) {
    auto& d = diags_.report(DiagKind::LetUsedAbove, expr.span,
                            fmt::format("'{}' reads itself: a 设 is computed from the lines above it", name));
    d.notes.push_back({scope.defining->span, fmt::format("'{}' is defined here", name)});
    d.hint = "compute the value in steps, each 设 with its own name";
    return fail();
  }
  for (const ast::Name& below : scope.letsBelow) {
    if (below.text != name) continue;
    auto& d = diags_.report(DiagKind::LetUsedAbove, expr.span,
                            fmt::format("'{}' is defined below, on line {}: a 设 reads only the 设 lines above it",
                                        name, sources_.file(below.span.file).lineColumn(below.span.begin).line));
    d.notes.push_back({below.span, fmt::format("'{}' is defined here", name)});
    d.hint = fmt::format("move this 设 below the one that defines '{}'", name);
    scope.usedAbove.insert(name);
    return fail();
  }
  auto& d = diags_.report(DiagKind::UnknownName, expr.span, fmt::format("unknown name '{}'", name));
  std::vector<std::string> candidates;
  for (const auto& loop : scope.loops) candidates.push_back(loop.name);
  for (const auto& let : scope.lets) candidates.push_back(let.name);
  if (scope.record >= 0)
    for (const auto& f : out_.symbols.records[scope.record].fields) candidates.push_back(f.name);
  for (const auto& p : out_.symbols.params) candidates.push_back(p.name);
  for (const auto& e : out_.symbols.enums) candidates.insert(candidates.end(), e.values.begin(), e.values.end());
  std::string_view keyword = ast::leadingKeyword(name);
  std::string rest = name.substr(keyword.size());
  std::string near = closestName(name, candidates);
  if (!keyword.empty() && std::find(candidates.begin(), candidates.end(), rest) != candidates.end())
    d.hint = fmt::format("'{}' is read as one name; put a space after the keyword: {} {}", name, keyword, rest);
  else if (!near.empty())
    d.hint = fmt::format("did you mean {}?", near);
  else if (out_.symbols.units.find(name) != nullptr)
    d.hint = fmt::format("a unit follows a number: 1 {}", name);
  else if (findBuiltin(name) != nullptr)
    d.hint = fmt::format("{} is a function: {}(…)", name, name);
  else
    d.hint = fmt::format("a text value is written in quotes: \"{}\"", name);
  return fail();
}

Typed Checker::checkMember(const ast::Expr& expr, Scope& scope, bool allowOptional) {
  Typed base = check(*expr.operands[0], scope);
  if (base.error()) return fail();
  if (base.loop < 0 || base.type.kind != K::Record) {
    diags_.report(DiagKind::InvalidOperand, expr.span,
                  fmt::format("only an element of a list of records has fields; this is {}", typeName(base.type)));
    return fail();
  }
  const sema::RecordInfo& record = out_.symbols.records[base.type.id];
  int index = record.find(expr.name.text);
  if (index < 0) {
    if (!record.isBroken(expr.name.text)) reportUnknownField(record, expr.name);
    return fail();
  }
  Type type = record.fields[index].type;
  out_.names.uses.push_back({expr.name.span, record.fields[index].span, sema::NameKind::Field});
  FieldRef field{base.loop, index};
  if (type.optional && knownPresent(scope, field)) {
    type.optional = false;
  } else if (type.optional && !allowOptional) {
    std::string name = fieldName(field, scope);
    auto& d = diags_.report(
        DiagKind::MaybeAbsent, expr.span,
        fmt::format("'{}' may be absent from a {} (it is declared {})", name, record.name, typeName(type)));
    d.hint = fmt::format("test it first: 满足 有({}), 有({}) 且 …, or 如果 有({}) 则 … 否则 0", name, name, name);
    return fail();
  }
  Typed out{type, ir_.elemField(base.loop, index, machineType(type), expr.span)};
  out.field = field;
  out.count = record.fields[index].count;
  return out;
}

void Checker::reportUnknownField(const sema::RecordInfo& record, const ast::Name& name) {
  auto& d =
      diags_.report(DiagKind::UnknownField, name.span, fmt::format("{} has no field '{}'", record.name, name.text));
  std::vector<std::string> names;
  for (const auto& f : record.fields) names.push_back(f.name);
  std::string near = closestName(name.text, names);
  if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
}

}  // namespace zc
