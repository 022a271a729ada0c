// Calls to builtin functions: each signature has its own arity and argument
// types, so each is checked on its own before it becomes a runtime call.
#include <fmt/format.h>

#include "ir/RuntimeFunction.h"
#include "sema/Builtins.h"
#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

Typed Checker::checkCall(const ast::Expr& expr, Scope& scope) {
  const Builtin* builtin = findBuiltin(expr.name.text);
  if (builtin == nullptr) {
    auto& d =
        diags_.report(DiagKind::UnknownFunction, expr.name.span, fmt::format("unknown function '{}'", expr.name.text));
    std::vector<std::string> names;
    for (const Builtin& b : builtins()) {
      names.emplace_back(b.chinese);
      names.emplace_back(b.english);
    }
    std::string near = closestName(expr.name.text, names);
    if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
    return fail();
  }
  size_t arity = expr.operands.size();
  auto wrongCount = [&](std::string_view expected) {
    diags_.report(DiagKind::WrongArgumentCount, expr.span,
                  fmt::format("{} takes {}, but is given {}", expr.name.text, expected, arity));
    return fail();
  };
  auto expectKind = [&](const Typed& t, K kind, std::string_view what) {
    if (t.error()) return false;
    if (t.type.kind == kind) return true;
    diags_.report(DiagKind::TypeMismatch, t.span,
                  fmt::format("{} takes {}, but this is {}", expr.name.text, what, typeName(t.type)));
    return false;
  };
  switch (builtin->signature) {
    case BuiltinSignature::MinMax: {
      if (arity < 2) return wrongCount("two or more arguments");
      std::vector<Typed> args;
      for (const auto& a : expr.operands) args.push_back(check(*a, scope));
      for (const Typed& t : args) {
        if (t.error()) return fail();
        if (!t.type.isNumeric()) {
          diags_.report(
              DiagKind::TypeMismatch, t.span,
              fmt::format("{} takes numbers or quantities, but this is {}", expr.name.text, typeName(t.type)));
          return fail();
        }
      }
      auto u = unify(args, expr.span, "compare");
      if (!u) return fail();
      bool isInt = u->type.kind == K::Int;
      ir::ValueId acc = u->values[0];
      for (size_t i = 1; i < u->values.size(); ++i)
        acc = ir_.call(isInt ? builtin->intFunction : builtin->decFunction, machineType(u->type), {acc, u->values[i]},
                       expr.span);
      // An explanation shows where a 最小 cut what it started from.
      if (builtin->decFunction == static_cast<int>(ir::RuntimeFn::DecMin))
        ir_.minimum({u->values[0], acc, expr.span, shownUnitOf(u->type)});
      return {u->type, acc};
    }
    case BuiltinSignature::Round: {
      if (arity != 1 && arity != 2) return wrongCount("a quantity, and the number of places (0 when left out)");
      Typed value = check(*expr.operands[0], scope);
      if (value.error()) return fail();
      int count = arity == 1 ? 0 : -1;
      Span placesSpan = expr.span;
      if (arity == 2) {
        const ast::Expr& places = *expr.operands[1];
        placesSpan = places.span;
        if (places.kind == ast::ExprKind::Number && places.unit.empty() && places.text.size() <= 2 &&
            places.text.find('.') == std::string::npos)
          count = std::stoi(places.text);
      }
      if (count < 0 || count > 18) {
        diags_.report(DiagKind::TypeMismatch, placesSpan,
                      fmt::format("the places of {} are written as a whole number from 0 to 18", expr.name.text));
        return fail();
      }
      if (!value.type.isNumeric()) {
        diags_.report(
            DiagKind::TypeMismatch, value.span,
            fmt::format("{} takes a number or quantity, but this is {}", expr.name.text, typeName(value.type)));
        return fail();
      }
      Type type = value.type.kind == K::Int ? Type::number() : value.type;
      ir::ValueId v = convert(value, type, expr.span);
      return {type, ir_.call(builtin->decFunction, ir::Type::Dec, {v, ir_.constInt(count, placesSpan)}, expr.span)};
    }
    case BuiltinSignature::Abs: {
      if (arity != 1) return wrongCount("one argument");
      Typed value = check(*expr.operands[0], scope);
      if (value.error()) return fail();
      if (!value.type.isNumeric()) {
        diags_.report(
            DiagKind::TypeMismatch, value.span,
            fmt::format("{} takes a number or quantity, but this is {}", expr.name.text, typeName(value.type)));
        return fail();
      }
      Type type = value.type.kind == K::Int ? Type::number() : value.type;
      return {type, ir_.call(builtin->decFunction, ir::Type::Dec, {convert(value, type, expr.span)}, expr.span)};
    }
    case BuiltinSignature::Present: {
      if (arity != 1) return wrongCount("one argument");
      const ast::Expr& arg = *expr.operands[0];
      if (auto field = presenceTested(expr, scope)) {
        ir::ValueId present = field->loop < 0 ? ir_.fieldPresent(field->index, expr.span)
                                              : ir_.elemFieldPresent(field->loop, field->index, expr.span);
        return {Type::of(K::Flag), present};
      }
      // Not an optional field: say whether it is a field that is never absent.
      Typed read;
      if (arg.kind == ast::ExprKind::Name || arg.kind == ast::ExprKind::Member) {
        read = arg.kind == ast::ExprKind::Name ? checkName(arg, scope, true) : checkMember(arg, scope, true);
        if (read.error()) return fail();
      }
      diags_.report(
          DiagKind::TypeMismatch, arg.span,
          read.field.index >= 0
              ? fmt::format("'{}' is never absent: only fields declared with ? can be", sources_.text(arg.span))
              : fmt::format("{} takes an optional field of the record or of a list's entry", expr.name.text));
      return fail();
    }
    case BuiltinSignature::DateToInt: {
      if (arity != 1) return wrongCount("one date");
      Typed date = check(*expr.operands[0], scope);
      if (!expectKind(date, K::Date, "a date")) return fail();
      return {Type::of(K::Int), ir_.call(builtin->intFunction, ir::Type::Int, {date.value}, expr.span)};
    }
    case BuiltinSignature::DaysBetween: {
      if (arity != 2) return wrongCount("two dates");
      Typed from = check(*expr.operands[0], scope);
      Typed to = check(*expr.operands[1], scope);
      if (!expectKind(from, K::Date, "dates") || !expectKind(to, K::Date, "dates")) return fail();
      return {Type::of(K::Int), ir_.call(builtin->intFunction, ir::Type::Int, {from.value, to.value}, expr.span)};
    }
    case BuiltinSignature::AddMonths: {
      if (arity != 2) return wrongCount("a date and a whole number of months");
      Typed date = check(*expr.operands[0], scope);
      Typed months = check(*expr.operands[1], scope);
      if (!expectKind(date, K::Date, "a date first") || !expectKind(months, K::Int, "a whole number of months"))
        return fail();
      return {Type::of(K::Date), ir_.call(builtin->intFunction, ir::Type::Date, {date.value, months.value}, expr.span)};
    }
    case BuiltinSignature::MakeDate: {
      if (arity != 3) return wrongCount("three whole numbers: year, month, day");
      std::vector<ir::ValueId> args;
      std::vector<int64_t> parts;  // year, month, day, where all three are constants
      for (const auto& a : expr.operands) {
        Typed t = check(*a, scope);
        if (!expectKind(t, K::Int, "whole numbers")) return fail();
        args.push_back(t.value);
        if (t.constant) parts.push_back(static_cast<int64_t>(t.constant->num));
      }
      zc_date date;
      if (parts.size() == 3 && zc_date_make(parts[0], parts[1], parts[2], &date) != ZC_OK) {
        diags_.report(DiagKind::InvalidDate, expr.span,
                      fmt::format("{:04}-{:02}-{:02} is not a date that exists", parts[0], parts[1], parts[2]));
        return fail();
      }
      return {Type::of(K::Date), ir_.call(builtin->intFunction, ir::Type::Date, args, expr.span)};
    }
  }
  return fail();
}

}  // namespace zc
