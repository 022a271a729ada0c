// Constants: parameter defaults, field defaults, test records and expected
// amounts. They are literals, read exactly at check time.
#include <fmt/format.h>

#include "sema/Checker.h"

namespace zc {

using sema::Type;

std::optional<std::pair<Rational, Unit>> Checker::foldQuantity(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::Number: {
      auto value = Rational::parse(expr.text);
      if (!value) {
        diags_.report(DiagKind::InvalidNumber, expr.span,
                      "this number is too large or has more than 38 decimal places");
        return std::nullopt;
      }
      if (expr.unit.empty()) return std::pair{*value, Unit{}};
      auto unit = resolveUnit(expr.unit);
      if (!unit) return std::nullopt;
      return std::pair{*value, *unit};
    }
    case ast::ExprKind::Percent: {
      auto value = Rational::parse(expr.text);
      if (!value) {
        diags_.report(DiagKind::InvalidNumber, expr.span, "this percentage is out of range");
        return std::nullopt;
      }
      return std::pair{*divide(*value, Rational::integer(expr.per)), Unit{}};
    }
    case ast::ExprKind::Neg: {
      auto inner = foldQuantity(*expr.operands[0]);
      if (inner) inner->first.num = -inner->first.num;
      return inner;
    }
    default:
      diags_.report(DiagKind::NotConstant, expr.span,
                    "expected a number here, written as a literal (such as 7.10 元/美元)");
      return std::nullopt;
  }
}

std::optional<Rational> Checker::foldNumber(const ast::Expr& expr, const Type& type) {
  auto quantity = foldQuantity(expr);
  if (!quantity) return std::nullopt;
  auto [value, unit] = *quantity;
  if (type.kind == Type::Kind::Int) {
    if (!unit.dimensionless() || !value.isInteger() || expr.kind == ast::ExprKind::Percent) {
      diags_.report(DiagKind::TypeMismatch, expr.span,
                    fmt::format("expected a whole number (整数), found {}", value.str()));
      return std::nullopt;
    }
    return value;
  }
  if (value.isZero()) return value;
  if (!unit.sameDimension(type.unit)) {
    auto& d = diags_.report(DiagKind::DimensionMismatch, expr.span,
                            fmt::format("expected a quantity in {}, found one in {}", typeName(type),
                                        unit.dimensionless() ? "no unit" : out_.symbols.units.display(unit)));
    if (unit.dimensionless()) d.hint = fmt::format("write the unit: {} {}", expr.text, typeName(type));
    return std::nullopt;
  }
  return multiply(value, *divide(unit.scale, type.unit.scale));
}

namespace {

// What a literal is, as a message names it: "the number 1", "the text \"是\"".
std::string describeLiteral(const ast::Expr& expr, const SourceManager& sources) {
  std::string written(sources.text(expr.span));
  switch (expr.kind) {
    case ast::ExprKind::Number:
      return expr.unit.empty() ? "the number " + expr.text : "the quantity " + written;
    case ast::ExprKind::Percent:
    case ast::ExprKind::Neg:
      return "the number " + written;
    case ast::ExprKind::String:
      return "the text \"" + expr.text + "\"";
    case ast::ExprKind::Date:
      return "the date " + expr.text;
    case ast::ExprKind::Bool:
      return "a flag";
    case ast::ExprKind::Name:
      return "the name " + expr.text;
    case ast::ExprKind::List:
      return "a list";
    case ast::ExprKind::Record:
      return "a record";
    default:
      return "an expression (" + written + ")";
  }
}

}  // namespace

std::optional<rt::Scalar> Checker::foldScalar(const ast::Expr& expr, const Type& type) {
  rt::Scalar out;
  auto mismatch = [&](std::string_view hint) {
    diags_
        .report(DiagKind::TypeMismatch, expr.span,
                fmt::format("expected {}, found {}", typeName(type.required()), describeLiteral(expr, sources_)))
        .hint = std::string(hint);
    return std::nullopt;
  };
  switch (type.kind) {
    case Type::Kind::Flag:
      if (expr.kind != ast::ExprKind::Bool) return mismatch("a flag is written 真 or 假");
      out.i = expr.boolValue;
      return out;
    case Type::Kind::Text:
      if (expr.kind != ast::ExprKind::String) return mismatch("a text is written in quotes: \"…\"");
      if (type.id >= 0 && out_.symbols.sets[type.id].find(expr.text) < 0) {
        reportNotInSet(out_.symbols.sets[type.id], expr.text, expr.span, "the only texts this field takes");
        return std::nullopt;
      }
      out.text = expr.text;
      return out;
    case Type::Kind::Date: {
      if (expr.kind != ast::ExprKind::Date) return mismatch("a date is written 2023-01-01");
      zc_date date;
      if (zc_date_parse(expr.text.data(), expr.text.size(), &date) != ZC_OK) {
        diags_.report(DiagKind::InvalidDate, expr.span, fmt::format("{} is not a date that exists", expr.text));
        return std::nullopt;
      }
      out.i = date;
      return out;
    }
    case Type::Kind::Enum: {
      const sema::EnumInfo& info = out_.symbols.enums[type.id];
      if (expr.kind != ast::ExprKind::Name && expr.kind != ast::ExprKind::String)
        return mismatch(
            fmt::format("a value of {} is written by its name, such as {}", typeName(type.required()),
                        out_.symbols.enums[type.id].values.empty() ? "" : out_.symbols.enums[type.id].values[0]));
      int index = info.find(expr.text);
      if (index < 0) {
        auto& d = diags_.report(DiagKind::UnknownEnumValue, expr.span,
                                fmt::format("{} has no value '{}'", info.name, expr.text));
        std::string near = closestName(expr.text, info.values);
        if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
        return std::nullopt;
      }
      out.i = index;
      return out;
    }
    case Type::Kind::Int: {
      auto value = foldNumber(expr, type);
      if (!value) return std::nullopt;
      if (value->num > INT64_MAX || value->num < INT64_MIN)
        return mismatch("whole numbers (整数) stop at 9223372036854775807");
      out.i = static_cast<int64_t>(value->num);
      return out;
    }
    case Type::Kind::Quantity: {
      auto value = foldNumber(expr, type);
      if (!value) return std::nullopt;
      out.d = value->toDec();
      return out;
    }
    default:
      return mismatch("");
  }
}

bool Checker::foldField(const ast::Expr& expr, const Type& type, const rt::FieldSchema& schema, rt::FieldValue& out) {
  // The range the field declares, held as every input path holds a record to it.
  auto outsideRange = [&](const ast::Expr& at, const rt::Scalar& value) {
    if (!schema.range || rt::inRange(*schema.range, schema.kind, value)) return false;
    diags_.report(DiagKind::FieldOutOfRange, at.span,
                  fmt::format("{} is outside the range {} that {} declares", sources_.text(at.span), schema.range->text,
                              schema.name));
    return true;
  };
  if (type.kind != Type::Kind::List) {
    auto value = foldScalar(expr, type.required());
    if (!value) return false;
    if (schema.kind == rt::Kind::Count && value->i < 0) {
      diags_.report(DiagKind::TypeMismatch, expr.span, "a count (计数) cannot be negative");
      return false;
    }
    // Given, if refused: the record does not lack the field as well.
    out.present = true;
    out.scalar = *value;
    return !outsideRange(expr, *value);
  }
  if (expr.kind != ast::ExprKind::List) {
    diags_.report(DiagKind::TypeMismatch, expr.span,
                  fmt::format("expected a list [ … ] of {}", typeName(*type.element)));
    return false;
  }
  bool ok = true;
  for (const auto& element : expr.operands) {
    if (type.element->kind == Type::Kind::Record) {
      auto row = foldRecord(*element, type.element->id, "");
      if (!row) {
        ok = false;
        continue;
      }
      rt::SubRecord sub;
      const rt::RecordSchema& subSchema = out_.symbols.records[type.element->id].schema;
      // What the list's declaration refuses of an entry (a history entry's 依据 or 金额), as input does.
      for (size_t k = 0; k < row->fields.size() && k < schema.subFields.size(); ++k) {
        std::string refused =
            row->fields[k].present ? rt::english(rt::refusedValue(schema.subFields[k], row->fields[k].scalar)) : "";
        if (refused.empty()) continue;
        Span at = element->span;
        for (const ast::FieldInit& given : element->fields)
          if (given.name.text == schema.subFields[k].name) at = given.value->span;
        diags_.report(DiagKind::TypeMismatch, at, fmt::format("{}: {}", schema.subFields[k].name, refused));
        ok = false;
      }
      for (size_t k = 0; k < row->fields.size(); ++k) {
        sub.values.push_back(row->fields[k].scalar);
        sub.present.push_back(row->fields[k].present || !subSchema.fields[k].optional);  // a default is present
      }
      out.rows.push_back(std::move(sub));
    } else if (auto value = foldScalar(*element, *type.element)) {
      if (outsideRange(*element, *value)) ok = false;
      out.list.push_back(*value);
    } else {
      ok = false;
    }
  }
  std::string repeated = ok ? rt::english(rt::repeatedKey(schema, out)) : "";
  if (!repeated.empty()) {
    diags_.report(DiagKind::DuplicateDeclaration, expr.span, fmt::format("{}: a 键 names one entry", repeated));
    ok = false;
  }
  out.present = true;
  return ok;
}

std::optional<rt::Record> Checker::foldRecord(const ast::Expr& expr, int record, const std::string& defaultKey) {
  const sema::RecordInfo& info = out_.symbols.records[record];
  if (expr.kind != ast::ExprKind::Record) {
    diags_.report(DiagKind::TypeMismatch, expr.span,
                  fmt::format("expected a record {{ 字段: 值, … }} of {}", info.name));
    return std::nullopt;
  }
  rt::Record out;
  out.fields.resize(info.fields.size());
  bool ok = true;
  std::vector<const ast::Name*> given(info.fields.size(), nullptr);
  for (const auto& init : expr.fields) {
    int index = info.find(init.name.text);
    if (index < 0) {
      if (!info.isBroken(init.name.text)) reportUnknownField(info, init.name);
      ok = false;
      continue;
    }
    if (given[index] != nullptr) {
      diags_.report(DiagKind::FieldGivenTwice, init.name.span, fmt::format("'{}' is already given", init.name.text))
          .notes.push_back({given[index]->span, "the first value"});
      ok = false;
      continue;
    }
    given[index] = &init.name;
    ok = foldField(*init.value, info.fields[index].type, info.schema.fields[index], out.fields[index]) && ok;
  }
  for (size_t i = 0; i < info.fields.size(); ++i) {
    const rt::FieldSchema& schema = info.schema.fields[i];
    rt::FieldValue& value = out.fields[i];
    if (value.present || schema.optional || schema.list) continue;
    if (static_cast<int>(i) == info.schema.keyField && !defaultKey.empty()) {
      value.present = true;
      value.scalar.text = defaultKey;
    } else if (schema.required) {
      diags_.report(DiagKind::MissingRequiredField, expr.span,
                    fmt::format("this {} has no '{}', a field without a default", info.name, schema.name));
      ok = false;
    } else {
      value.scalar = schema.defaultValue;
    }
  }
  if (info.schema.keyField >= 0)
    out.id = rt::formatScalar(info.schema.fields[info.schema.keyField], out.fields[info.schema.keyField].scalar);
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace zc
