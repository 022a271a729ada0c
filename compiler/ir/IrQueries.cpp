#include "ir/IrQueries.h"

#include <vector>

namespace zc::ir {

bool readsRecord(const Program& program, ValueId value) {
  return reachesAny(program, value, [](const Inst& inst) {
    switch (inst.op) {
      case Op::Field:
      case Op::FieldPresent:
      case Op::Elem:
      case Op::ElemField:
      case Op::ElemFieldPresent:
      case Op::ClauseAmount:
      case Op::Sum:
      case Op::Count:
        return true;
      default:
        return false;
    }
  });
}

std::vector<int> entriesOf(const Program& program, int first) {
  std::vector<int> out{first};
  for (size_t i = first + 1;
       i < program.params.size() && program.params[i].from && program.params[i].name == program.params[first].name; ++i)
    out.push_back(static_cast<int>(i));
  return out;
}

std::string dateFrom(const Param& param) {
  if (!param.from) return "";
  char text[16];
  zc_date_format(*param.from, text);
  return text;
}

const char* resultKindName(rt::ResultKind kind) {
  switch (kind) {
    case rt::ResultKind::Award:
      return "award";
    case rt::ResultKind::Eligible:
      return "eligible";
    case rt::ResultKind::Manual:
      return "manual";
  }
  return "award";
}

rt::ResultTable resultTable(const Program& program) {
  rt::ResultTable table;
  for (const Clause& c : program.clauses) {
    bool text = c.itemKey >= 0 && program.schema.fields[c.itemList].subFields[c.itemKey].kind == rt::Kind::Text;
    table.clauses.push_back({c.id, c.beneficiary, c.kind, c.itemList, c.itemKey, text, c.payer});
  }
  table.beneficiaries = program.beneficiaries;
  table.locations = program.locations;
  return table;
}

}  // namespace zc::ir
