#include "zc/result_table.h"

namespace zc::rt {

ResultTable ResultTable::of(const zc_ruleset_table& in) {
  ResultTable table;
  for (int64_t i = 0; i < in.clause_count; ++i)
    table.clauses.push_back({in.clauses[i].id, in.clauses[i].beneficiary, static_cast<ResultKind>(in.clauses[i].kind),
                             in.clauses[i].item_list, in.clauses[i].item_key, in.clauses[i].item_key_is_text != 0,
                             in.clauses[i].payer != nullptr ? in.clauses[i].payer : ""});
  for (int64_t i = 0; i < in.beneficiary_count; ++i)
    table.beneficiaries.push_back({in.beneficiaries[i].name, in.beneficiaries[i].total_key});
  for (int64_t i = 0; i < in.location_count; ++i) table.locations.push_back(in.locations[i]);
  return table;
}

}  // namespace zc::rt
