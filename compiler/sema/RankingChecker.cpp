// 排名: the run's records ordered by fields of theirs, each one's rank written
// into a field of its own before it is evaluated. Checked here and lowered to
// an ir::Ranking, a declaration rather than a step: to the engines the rank
// is an optional whole number field like any other, which zc run and zc test
// fill in (zc/ranking.h) and a single record brings or lacks.
#include <fmt/format.h>

#include <algorithm>

#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

void Checker::checkRanking(const ast::RankingDecl& decl, int policy, Scope scope) {
  if (scope.record < 0) return;
  const sema::RecordInfo& record = out_.symbols.records[scope.record];
  ir::Ranking ranking{.name = decl.rank.text, .policy = policy, .span = decl.span};
  bool ok = true;
  auto bad = [&](Span at, std::string message) -> Diagnostic& {
    ok = false;
    return diags_.report(DiagKind::InvalidRanking, at, std::move(message));
  };
  // A field of the policy's record, known by its name; -1 when it is not (reported).
  auto field = [&](const ast::Name& name) {
    int index = record.find(name.text);
    if (index < 0) {
      if (!record.isBroken(name.text)) reportUnknownField(record, name);
      ok = false;
      return -1;
    }
    out_.names.uses.push_back({name.span, record.fields[index].span, sema::NameKind::Field});
    return index;
  };

  // The rank field: absent until a ranking fills it, so optional; a place from 1, so a whole number.
  int rank = field(decl.rank);
  if (rank >= 0) {
    const sema::FieldInfo& info = record.fields[rank];
    if (info.type.kind != K::Int || !info.type.optional || info.count)
      bad(decl.rank.span, fmt::format("a 排名 writes each record's place into an optional whole number, but {} is {}",
                                      info.name, typeName(info.type)))
          .hint = fmt::format("declare it {}: 整数?; — absent where a record is not ranked", info.name);
    for (const ir::Ranking& other : out_.program.rankings) {
      if (other.rankField == rank)
        bad(decl.rank.span, fmt::format("another 排名 already writes {}", info.name))
            .notes.push_back({other.span, "the other 排名"});
      // Keys are read before any place is written: a place cannot order another ranking.
      if (std::find(other.keyFields.begin(), other.keyFields.end(), rank) != other.keyFields.end())
        bad(decl.rank.span,
            fmt::format("another 排名 orders records by {}, which is known only once this one has ranked them",
                        info.name))
            .notes.push_back({other.span, "the other 排名"});
    }
    ranking.rankField = rank;
  }

  for (const ast::RankingDecl::Key& key : decl.keys) {
    int index = field(key.field);
    if (index < 0) continue;
    const sema::FieldInfo& info = record.fields[index];
    auto writer = std::find_if(out_.program.rankings.begin(), out_.program.rankings.end(),
                               [&](const ir::Ranking& other) { return other.rankField == index; });
    if (index == rank) {
      bad(key.field.span, fmt::format("{} is the rank this 排名 writes, so it cannot order the records", info.name));
    } else if (writer != out_.program.rankings.end()) {
      bad(key.field.span,
          fmt::format("{} is the place another 排名 writes, known only once it has ranked the records", info.name))
          .notes.push_back({writer->span, "the other 排名"});
    } else if (info.type.kind != K::Int && info.type.kind != K::Quantity && info.type.kind != K::Date) {
      bad(key.field.span,
          fmt::format("a 排名 orders records by a number, a quantity, a whole number or a date, but {} is {}",
                      info.name, typeName(info.type)));
    } else if (std::find(ranking.keyFields.begin(), ranking.keyFields.end(), index) != ranking.keyFields.end()) {
      bad(key.field.span, fmt::format("{} is already a key of this 排名", info.name));
    } else {
      ranking.keyFields.push_back(index);
      ranking.descending.push_back(key.descending);
    }
  }

  // Records tied on every key: the author says which place they share, so no
  // boundary (前20位, 一等奖3名) is decided by a rule nobody wrote.
  if (decl.ties == ast::RankingDecl::Ties::Unstated)
    bad(decl.span,
        "a 排名 says what records tied on every key share: write 并列 全部入选 (each gets the best of their "
        "places, so all are in at a boundary) or 并列 均不入选 (the worst, so none is)")
        .hint =
        "to break ties by another field first, add it as a later key: 按 年度用电量 降序, 申报日期 升序 并列 全部入选";
  ranking.tiesAllIn = decl.ties == ast::RankingDecl::Ties::AllIn;
  if (ok) out_.program.rankings.push_back(std::move(ranking));
}

}  // namespace zc
