#include "sema/Symbols.h"

#include <algorithm>

namespace zc::sema {

namespace {

template <typename T>
int findByName(const std::vector<T>& items, std::string_view name) {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace

bool sameType(const Type& a, const Type& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Type::Kind::Quantity:
      return a.unit == b.unit;
    case Type::Kind::Enum:
    case Type::Kind::Record:
      return a.id == b.id;
    case Type::Kind::List:
      return sameType(*a.element, *b.element);
    default:
      return true;
  }
}

int EnumInfo::find(std::string_view value) const {
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] == value) return static_cast<int>(i);
  return -1;
}

int RecordInfo::find(std::string_view field) const { return findByName(fields, field); }

bool RecordInfo::isBroken(std::string_view field) const {
  return std::find(brokenFields.begin(), brokenFields.end(), field) != brokenFields.end();
}

bool Symbols::isBrokenParam(std::string_view name) const {
  return std::find(brokenParams.begin(), brokenParams.end(), name) != brokenParams.end();
}

int Symbols::findEnum(std::string_view name) const { return findByName(enums, name); }
int Symbols::findSet(std::string_view name) const { return findByName(sets, name); }
int Symbols::findRecord(std::string_view name) const { return findByName(records, name); }
int Symbols::findParam(std::string_view name) const { return findByName(params, name); }

bool Symbols::isBeneficiary(std::string_view name) const {
  for (const auto& b : beneficiaries)
    if (b.name == name) return true;
  return false;
}

std::vector<int> Symbols::enumsWithValue(std::string_view value) const {
  std::vector<int> out;
  for (size_t i = 0; i < enums.size(); ++i)
    if (enums[i].find(value) >= 0) out.push_back(static_cast<int>(i));
  return out;
}

std::optional<Span> Symbols::declared(std::string_view name) const {
  if (const NamedUnit* u = units.find(name)) return u->span;
  if (int i = findEnum(name); i >= 0) return enums[i].span;
  if (int i = findSet(name); i >= 0) return sets[i].span;
  if (int i = findRecord(name); i >= 0) return records[i].span;
  if (int i = findParam(name); i >= 0) return params[i].span;
  return std::nullopt;
}

std::string Symbols::typeName(const Type& type) const {
  std::string name;
  switch (type.kind) {
    case Type::Kind::Error:
      name = "(error)";
      break;
    case Type::Kind::Flag:
      name = "标志";
      break;
    case Type::Kind::Int:
      name = "整数";
      break;
    case Type::Kind::Text:
      name = type.id >= 0 ? sets[type.id].name : "文本";
      break;
    case Type::Kind::Date:
      name = "日期";
      break;
    case Type::Kind::Enum:
      name = enums[type.id].name;
      break;
    case Type::Kind::Record:
      name = records[type.id].name;
      break;
    case Type::Kind::List:
      name = "列表<" + typeName(*type.element) + ">";
      break;
    case Type::Kind::Quantity: {
      std::string unit = units.display(type.unit);
      name = unit.empty() ? "数" : unit;
      break;
    }
  }
  return type.optional ? name + "?" : name;
}

}  // namespace zc::sema
