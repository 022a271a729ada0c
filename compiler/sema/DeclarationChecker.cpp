// Declarations: dimensions, units, enums, records, parameters, beneficiaries.
#include <fmt/format.h>

#include "sema/Checker.h"

namespace zc {

using sema::Type;

void Checker::declare(const ast::Module& module) {
  for (const auto& d : module.dimensions) declareDimension(d);
  for (const auto& u : module.units) declareUnit(u);
  for (const auto& e : module.enums) declareEnum(e);
  for (const auto& set : module.sets) declareSet(set);
  for (const auto& b : module.beneficiaries)
    for (const auto& entry : b.entries) declareBeneficiary(entry);
  for (const auto& r : module.records) declareRecord(r);
  for (const auto& p : module.params) declareParam(p);
}

bool Checker::checkNewName(const ast::Name& name) {
  auto earlier = out_.symbols.declared(name.text);
  if (!earlier) return true;
  auto& d =
      diags_.report(DiagKind::DuplicateDeclaration, name.span, fmt::format("'{}' is already declared", name.text));
  d.notes.push_back({*earlier, "the earlier declaration"});
  return false;
}

void Checker::declareBeneficiary(const ast::BeneficiaryDecl::Entry& entry) {
  for (const auto& earlier : out_.symbols.beneficiaries) {
    if (earlier.name != entry.name.text) continue;
    auto& d = diags_.report(DiagKind::BeneficiaryDeclaredTwice, entry.name.span,
                            fmt::format("the beneficiary {} is already declared", entry.name.text));
    d.notes.push_back({earlier.span, "the earlier declaration"});
    d.hint = "std/policy.zc declares 企业 and 园区; declare only the others";
    return;
  }
  out_.symbols.beneficiaries.push_back({entry.name.text, entry.resultKey, entry.name.span});
}

void Checker::declareDimension(const ast::DimensionDecl& decl) {
  if (!checkNewName(decl.baseUnit)) return;
  out_.symbols.units.addDimension(decl.name.text, decl.baseUnit.text, decl.baseUnit.span);
}

void Checker::reportUnknownUnit(const ast::Name& name, const ast::UnitExpr& whole) {
  auto& d = diags_.report(DiagKind::UnknownUnit, name.span, fmt::format("unknown unit '{}'", name.text));
  // 10 万 is short for 10 万元: a unit the name begins is nearer than one a letter away.
  std::string near;
  for (const std::string& unit : out_.symbols.units.unitNames())
    if (unit.size() > name.text.size() && unit.compare(0, name.text.size(), name.text) == 0 &&
        (near.empty() || unit.size() < near.size()))
      near = unit;
  if (near.empty()) near = closestName(name.text, out_.symbols.units.unitNames());
  if (!near.empty()) {
    d.hint = fmt::format("did you mean {}?", near);
  } else if (whole.parts.size() > 1 && &name != &whole.parts.front()) {
    d.hint = fmt::format(
        "after a number, '/{}' continues the unit; to divide by a value, put the quantity in "
        "parentheses: (… {}) / {}",
        name.text, whole.parts.front().text, name.text);
  } else if (out_.symbols.units.unitNames().empty()) {
    d.hint = "units are declared in the language; import \"std/units.zc\"";
  }
}

std::optional<Unit> Checker::resolveUnit(const ast::UnitExpr& unit) {
  std::optional<Unit> result;
  for (size_t i = 0; i < unit.parts.size(); ++i) {
    const NamedUnit* named = out_.symbols.units.find(unit.parts[i].text);
    if (named == nullptr) {
      reportUnknownUnit(unit.parts[i], unit);
      return std::nullopt;
    }
    if (i == 0)
      result = named->unit;
    else
      result = divideUnits(*result, named->unit);
    if (!result) {
      diags_.report(DiagKind::InvalidUnitDeclaration, unit.span, "the scale of this unit is too large to represent");
      return std::nullopt;
    }
  }
  return result;
}

void Checker::declareUnit(const ast::UnitDecl& decl) {
  if (!checkNewName(decl.name)) return;
  auto of = decl.of.parts.empty() ? std::optional<Unit>(Unit{}) : resolveUnit(decl.of);
  if (!of) return;
  auto numerator = Rational::parse(decl.numerator);
  auto denominator = decl.denominator.empty() ? Rational::integer(1) : Rational::parse(decl.denominator);
  std::optional<Rational> factor;
  if (numerator && denominator && !denominator->isZero()) factor = divide(*numerator, *denominator);
  if (!factor || factor->isZero()) {
    diags_.report(DiagKind::InvalidUnitDeclaration, decl.factorSpan, "a unit's factor must be a positive number").hint =
        decl.of.parts.empty()
            ? fmt::format("for example: 单位 {} = 1/100;", decl.name.text)
            : fmt::format("for example: 单位 {} = 10000 {};", decl.name.text, decl.of.parts.front().text);
    return;
  }
  auto scaled = multiplyUnits(Unit{{}, *factor}, *of);
  if (!scaled) {
    diags_.report(DiagKind::InvalidUnitDeclaration, decl.factorSpan,
                  "the scale of this unit is too large to represent");
    return;
  }
  out_.symbols.units.addUnit(decl.name.text, *scaled, decl.name.span);
}

void Checker::declareEnum(const ast::EnumDecl& decl) {
  if (!checkNewName(decl.name)) return;
  sema::EnumInfo info{decl.name.text, {}, decl.name.span};
  for (const auto& member : decl.members) {
    if (info.find(member.text) >= 0) {
      diags_.report(DiagKind::DuplicateDeclaration, member.span,
                    fmt::format("'{}' is already a value of {}", member.text, decl.name.text));
      continue;
    }
    info.values.push_back(member.text);
  }
  out_.symbols.enums.push_back(std::move(info));
}

void Checker::declareSet(const ast::SetDecl& decl) {
  if (!checkNewName(decl.name)) return;
  sema::EnumInfo info{decl.name.text, {}, decl.name.span};
  for (const auto& member : decl.members) {
    if (info.find(member.text) >= 0) {
      diags_.report(DiagKind::DuplicateDeclaration, member.span,
                    fmt::format("\"{}\" is already a member of {}", member.text, decl.name.text));
      continue;
    }
    info.values.push_back(member.text);
  }
  out_.symbols.sets.push_back(std::move(info));
}

std::optional<Type> Checker::resolveType(const ast::TypeExpr& type, bool listElement, rt::FieldSchema& schema) {
  std::optional<Type> out;
  using K = ast::TypeExpr::Kind;
  switch (type.kind) {
    case K::Text:
      out = Type::of(Type::Kind::Text);
      schema.kind = rt::Kind::Text;
      break;
    case K::Flag:
      out = Type::of(Type::Kind::Flag);
      schema.kind = rt::Kind::Flag;
      break;
    case K::Int:
      out = Type::of(Type::Kind::Int);
      schema.kind = rt::Kind::Int;
      break;
    case K::Count:
      out = Type::of(Type::Kind::Int);
      schema.kind = rt::Kind::Count;
      break;
    case K::Date:
      out = Type::of(Type::Kind::Date);
      schema.kind = rt::Kind::Date;
      break;
    case K::Number:
      out = Type::number();
      schema.kind = rt::Kind::Dec;
      break;
    case K::List: {
      if (listElement || type.element->optional) {
        diags_.report(DiagKind::InvalidFieldType, type.span,
                      "a list holds values that are always present, and no lists");
        return std::nullopt;
      }
      auto element = resolveType(*type.element, true, schema);
      if (!element) return std::nullopt;
      schema.list = true;
      out = Type::list(*element);
      break;
    }
    case K::Named: {
      const std::string& name = type.named.parts.front().text;
      if (type.named.parts.size() == 1) {
        if (int e = out_.symbols.findEnum(name); e >= 0) {
          out = Type::enumeration(e);
          schema.kind = rt::Kind::Enum;
          schema.enumValues = out_.symbols.enums[e].values;
          break;
        }
        // A text closed to a 集合: input outside it is a bad record, and
        // each reader says so (rt::parseScalarText).
        if (int set = out_.symbols.findSet(name); set >= 0) {
          out = Type::of(Type::Kind::Text);
          out->id = set;
          schema.kind = rt::Kind::Text;
          schema.enumValues = out_.symbols.sets[set].values;
          break;
        }
        if (int r = out_.symbols.findRecord(name); r >= 0) {
          if (!listElement) {
            diags_.report(DiagKind::InvalidFieldType, type.span,
                          fmt::format("a record ({}) can only be held in a list: 列表<{}>", name, name));
            return std::nullopt;
          }
          for (const auto& sub : out_.symbols.records[r].schema.fields) {
            if (sub.list) {
              diags_.report(DiagKind::InvalidFieldType, type.span,
                            fmt::format("{} holds a list ({}), so it cannot be held in a list", name, sub.name));
              return std::nullopt;
            }
          }
          out = Type::record(r);
          schema.kind = rt::Kind::Record;
          schema.subFields = out_.symbols.records[r].schema.fields;
          break;
        }
        if (out_.symbols.units.find(name) == nullptr) {
          auto& d =
              diags_.report(DiagKind::UnknownType, type.named.span, fmt::format("unknown type or unit '{}'", name));
          std::vector<std::string> candidates = out_.symbols.units.unitNames();
          for (const auto& e : out_.symbols.enums) candidates.push_back(e.name);
          for (const auto& set : out_.symbols.sets) candidates.push_back(set.name);
          for (const auto& r : out_.symbols.records) candidates.push_back(r.name);
          for (auto t : {"文本", "标志", "整数", "计数", "日期", "数"}) candidates.push_back(t);
          std::string near = closestName(name, candidates);
          if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
          return std::nullopt;
        }
      }
      auto unit = resolveUnit(type.named);
      if (!unit) return std::nullopt;
      out = Type::quantity(*unit);
      schema.kind = rt::Kind::Dec;
      schema.unit = out_.symbols.units.display(*unit);
      break;
    }
  }
  if (out && type.optional) {
    out->optional = true;
    schema.optional = true;
  }
  return out;
}

std::optional<rt::ValueRange> Checker::resolveRange(const ast::Interval& interval, const Type& type, rt::Kind kind,
                                                    std::string_view name) {
  rt::ValueRange written{
      .loClosed = interval.loClosed, .hiClosed = interval.hiClosed, .text = std::string(sources_.text(interval.span))};
  if (!type.isNumeric()) {
    diags_.report(DiagKind::InvalidOperand, interval.span,
                  fmt::format("a range holds numbers or quantities, and {} is {}", name, typeName(type)));
    return std::nullopt;
  }
  if ((interval.lo && !(written.lo = foldScalar(*interval.lo, type))) ||
      (interval.hi && !(written.hi = foldScalar(*interval.hi, type))))
    return std::nullopt;
  if (rt::isEmpty(written, kind)) {
    diags_.report(DiagKind::EmptyInterval, interval.span, fmt::format("the range {} holds no value", written.text));
    return std::nullopt;
  }
  return written;
}

void Checker::declareRecord(const ast::RecordDecl& decl) {
  if (!checkNewName(decl.name)) return;
  sema::RecordInfo info{decl.name.text, {}, {}, decl.name.span};
  info.schema.name = decl.name.text;
  // A sub-record may only be used in a list; a record used that way is
  // checked when its list field is, so record declarations come in order.
  for (const auto& field : decl.fields) {
    if (info.find(field.name.text) >= 0) {
      diags_.report(DiagKind::DuplicateDeclaration, field.name.span,
                    fmt::format("'{}' is already a field of {}", field.name.text, decl.name.text));
      continue;
    }
    rt::FieldSchema schema;
    schema.name = field.name.text;
    auto broken = [&] { info.brokenFields.push_back(field.name.text); };
    auto type = resolveType(field.type, false, schema);
    if (!type) {
      broken();
      continue;
    }
    // 属于 [0, ∞): every input path refuses a value outside it (rt::refusedValue),
    // and foldField holds the default and test records to it. A list's range is its items'.
    if (field.range) {
      const Type& valueType = type->kind == Type::Kind::List ? *type->element : *type;
      schema.range = resolveRange(*field.range, valueType.required(), schema.kind, field.name.text);
      if (!schema.range) {
        broken();
        continue;
      }
    }
    sema::FieldInfo fieldInfo{field.name.text, *type, schema.kind == rt::Kind::Count, field.key, field.name.span};
    if (field.key) {
      if (info.schema.keyField >= 0 || (type->kind != Type::Kind::Text && type->kind != Type::Kind::Int) ||
          type->optional) {
        diags_.report(
            DiagKind::InvalidFieldType, field.span,
            info.schema.keyField >= 0 ? "a record has one 键 field" : "a 键 field is 文本 or 整数, never optional");
        broken();
        continue;
      }
      schema.required = true;
      schema.key = true;
      info.schema.keyField = static_cast<int>(info.schema.fields.size());
    } else if (field.defaultValue) {
      rt::FieldValue value;
      if (!foldField(*field.defaultValue, *type, schema, value)) {
        broken();
        continue;
      }
      if (type->optional) {
        diags_.report(DiagKind::TypeMismatch, field.defaultValue->span,
                      "an optional field has no default: absent means absent");
        broken();
        continue;
      }
      if (type->kind == Type::Kind::List && !value.list.empty()) {
        diags_.report(DiagKind::TypeMismatch, field.defaultValue->span, "a list field's default is the empty list []");
        broken();
        continue;
      }
      schema.defaultValue = value.scalar;
    } else if (!type->optional) {
      schema.required = true;
    }
    info.fields.push_back(std::move(fieldInfo));
    info.schema.fields.push_back(std::move(schema));
  }
  out_.symbols.records.push_back(std::move(info));
}

void Checker::declareParam(const ast::ParamDecl& decl) {
  if (!checkNewName(decl.name)) return;
  auto broken = [&] { out_.symbols.brokenParams.push_back(decl.name.text); };
  // Its values: one, or 按日期 one from each date on.
  struct Value {
    std::optional<zc_date> from;
    const ast::Expr* expr;
  };
  std::vector<Value> values;
  if (decl.value) values.push_back({std::nullopt, decl.value.get()});
  bool datesOk = true;
  for (const ast::DatedValue& dated : decl.dated) {
    zc_date from;
    if (zc_date_parse(dated.from.data(), dated.from.size(), &from) != ZC_OK) {
      diags_.report(DiagKind::InvalidDate, dated.fromSpan, fmt::format("{} is not a date that exists", dated.from));
      datesOk = false;
      continue;
    }
    if (!values.empty() && *values.back().from >= from) {
      auto& d = diags_.report(
          DiagKind::DatedValuesNotAscending, dated.fromSpan,
          fmt::format("dated values go by rising date, and {} does not come after the one before", dated.from));
      d.hint = "each value is in force from its date until the next: write them oldest first";
      datesOk = false;
    }
    values.push_back({from, dated.value.get()});
  }
  if (!datesOk || values.empty()) return broken();
  rt::FieldSchema schema;
  schema.name = decl.name.text;
  std::optional<Type> type;
  if (decl.type) {
    type = resolveType(*decl.type, false, schema);
  } else if (auto quantity = foldQuantity(*values[0].expr)) {
    type = Type::quantity(quantity->second);
    schema.kind = rt::Kind::Dec;
    schema.unit = out_.symbols.units.display(quantity->second);
  }
  if (!type) return broken();
  if (type->kind == Type::Kind::List || type->optional) {
    diags_.report(DiagKind::InvalidFieldType, decl.type->span, "a parameter holds one value that is always present");
    return broken();
  }
  if (!decl.dated.empty() && machineType(*type) != ir::Type::Dec) {
    diags_.report(
        DiagKind::InvalidFieldType, decl.type ? decl.type->span : decl.name.span,
        fmt::format("a dated parameter holds numbers or quantities, and {} is {}", decl.name.text, typeName(*type)));
    return broken();
  }
  // A range with an error is reported and dropped: the parameter stays known.
  std::optional<rt::ValueRange> range;
  if (decl.range) range = resolveRange(*decl.range, *type, schema.kind, decl.name.text);
  std::vector<rt::Scalar> folded;
  for (const Value& v : values) {
    auto value = foldScalar(*v.expr, *type);
    if (!value) return broken();
    if (range && !rt::inRange(*range, schema.kind, *value)) {
      diags_.report(DiagKind::ParamOutOfRange, v.expr->span,
                    fmt::format("{} is outside the range {} that {} declares", sources_.text(v.expr->span), range->text,
                                decl.name.text));
      range.reset();
    }
    folded.push_back(*value);
  }
  // A dated parameter is one entry a date, consecutive and of one name: the
  // first is what the name resolves to, and an override sets them all.
  for (size_t i = 0; i < values.size(); ++i) {
    sema::ParamInfo info{decl.name.text, *type, folded[i], decl.name.span};
    info.from = values[i].from;
    info.dated = i == 0 && values[i].from ? static_cast<int>(values.size()) : 0;
    out_.symbols.params.push_back(std::move(info));
    ir::Param param{decl.name.text, machineType(*type), schema, folded[i], decl.name.span, range};
    param.from = values[i].from;
    out_.program.params.push_back(std::move(param));
  }
}

}  // namespace zc
