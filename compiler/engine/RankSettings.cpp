#include "engine/RankSettings.h"

#include <fmt/format.h>

namespace zc {

rt::RankTable rankTable(const ir::Program& program) {
  std::vector<rt::RankingSpec> specs;
  for (const ir::Ranking& r : program.rankings)
    specs.push_back(rt::RankingSpec::of(program.schema, r.name, r.rankField,
                                        std::vector<int>(r.keyFields.begin(), r.keyFields.end()), r.descending,
                                        r.tiesAllIn));
  return rt::RankTable(std::move(specs));
}

std::string describeRanking(const ir::Program& program, const ir::Ranking& ranking) {
  std::string keys;
  for (size_t k = 0; k < ranking.keyFields.size(); ++k)
    keys += fmt::format("{}{} {}", k == 0 ? "" : ", ", program.schema.fields[ranking.keyFields[k]].name,
                        ranking.descending[k] ? "降序" : "升序");
  return fmt::format("{}: the run's records by {}, 并列 {}", ranking.name, keys,
                     ranking.tiesAllIn ? "全部入选" : "均不入选");
}

std::string rankNote(const ir::Program& program, const ir::Ranking& ranking, const rt::Record& record) {
  const rt::FieldValue& rank = record.fields[ranking.rankField];
  if (rank.present)
    return fmt::format("note: {} = {} as the record gives it; zc run ranks every record of the run first ({})\n",
                       ranking.name, rank.scalar.i, describeRanking(program, ranking));
  return fmt::format(
      "note: amounts before the ranking: the record gives no {}, so its clauses saw it unranked; "
      "zc run ranks every record first ({}); give {} to see a place\n",
      ranking.name, describeRanking(program, ranking), ranking.name);
}

std::string rankNotes(const ir::Program& program, const rt::Record& record) {
  std::string out;
  for (const ir::Ranking& ranking : program.rankings) out += rankNote(program, ranking, record);
  return out;
}

}  // namespace zc
