// Types as the checker sees them. A quantity carries its unit; after the
// checker, only the IR's machine types remain.
#pragma once

#include <memory>
#include <string>

#include "sema/Unit.h"

namespace zc::sema {

struct Type {
  enum class Kind { Error, Flag, Int, Quantity, Text, Date, Enum, Record, List };
  Kind kind = Kind::Error;
  Unit unit;                            // Quantity
  int id = -1;                          // Enum, Record: index in Symbols; Text: the 集合 it is closed to, or -1
  std::shared_ptr<const Type> element;  // List
  bool optional = false;                // a field that may be absent

  static Type of(Kind kind) { return Type{kind, {}, -1, nullptr, false}; }
  static Type quantity(Unit unit) { return Type{Kind::Quantity, std::move(unit), -1, nullptr, false}; }
  static Type number() { return quantity(Unit{}); }
  static Type enumeration(int id) { return Type{Kind::Enum, {}, id, nullptr, false}; }
  static Type record(int id) { return Type{Kind::Record, {}, id, nullptr, false}; }
  static Type list(Type element) {
    return Type{Kind::List, {}, -1, std::make_shared<const Type>(std::move(element)), false};
  }

  bool isError() const { return kind == Kind::Error; }
  bool isNumeric() const { return kind == Kind::Int || kind == Kind::Quantity; }
  Type required() const {
    Type t = *this;
    t.optional = false;
    return t;
  }
};

bool sameType(const Type& a, const Type& b);

}  // namespace zc::sema
