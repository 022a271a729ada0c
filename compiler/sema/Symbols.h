// Everything a ruleset declares, collected across its files: units, enums,
// records, parameters and beneficiaries. The checker fills it; the REPL keeps
// it for the session.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sema/Type.h"
#include "zc/record.h"

namespace zc::sema {

struct EnumInfo {
  std::string name;
  std::vector<std::string> values;
  Span span;
  int find(std::string_view value) const;
};

struct FieldInfo {
  std::string name;
  Type type;
  bool count = false;  // 计数: an integer that input may not make negative
  bool key = false;
  Span span;
};

struct RecordInfo {
  std::string name;
  std::vector<FieldInfo> fields;
  rt::RecordSchema schema;
  Span span;
  // Fields whose declaration has an error: known by name, so their uses are
  // not reported again as unknown.
  std::vector<std::string> brokenFields;
  int find(std::string_view field) const;
  bool isBroken(std::string_view field) const;
};

struct ParamInfo {
  std::string name;
  Type type;
  rt::Scalar value;
  Span span;
  std::optional<zc_date> from;  // a dated value: in force from this date until the next of its name
  int dated = 0;                // on the first of a dated parameter: how many entries it has
};

class Symbols {
 public:
  UnitTable units;
  std::vector<EnumInfo> enums;
  // 集合: texts named once, their names and values as an enum's (a text
  // type whose id is a set takes only its values).
  std::vector<EnumInfo> sets;
  std::vector<RecordInfo> records;
  std::vector<ParamInfo> params;
  std::vector<std::string> brokenParams;  // declared with an error, as RecordInfo::brokenFields
  struct Beneficiary {
    std::string name;
    std::string resultKey;
    Span span;
  };
  std::vector<Beneficiary> beneficiaries;

  int findEnum(std::string_view name) const;
  int findSet(std::string_view name) const;
  int findRecord(std::string_view name) const;
  int findParam(std::string_view name) const;
  bool isBrokenParam(std::string_view name) const;
  bool isBeneficiary(std::string_view name) const;
  // Enums that have a value of this name.
  std::vector<int> enumsWithValue(std::string_view value) const;
  // The span of an earlier declaration of this name, if any (any kind).
  std::optional<Span> declared(std::string_view name) const;

  std::string typeName(const Type& type) const;
  // 元: the unit awards are paid in, when the ruleset has declared it.
  const NamedUnit* yuan() const { return units.find("元"); }
};

}  // namespace zc::sema
