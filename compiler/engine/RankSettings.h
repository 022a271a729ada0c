// A program's 排名s as the runtime ranks them (zc/ranking.h), and how people
// are told about them: zc check's note, and the note of a single record's
// evaluation, which has only the rank the record itself brings.
#pragma once

#include <string>

#include "ir/Ir.h"
#include "zc/ranking.h"

namespace zc {

rt::RankTable rankTable(const ir::Program& program);
// "用电排名: the run's records by 年度用电量 降序, 申报日期 升序, 并列 全部入选".
std::string describeRanking(const ir::Program& program, const ir::Ranking& ranking);
// For one record evaluated alone: a line for each ranking, saying the rank it
// brought (用电排名 = 12) or that it brought none, so its clauses saw it unranked
// — the amounts before the ranking; zc run ranks every record first.
std::string rankNote(const ir::Program& program, const ir::Ranking& ranking, const rt::Record& record);
std::string rankNotes(const ir::Program& program, const rt::Record& record);

}  // namespace zc
