// What both explanation renderers (text for people, JSON for programs) read
// out of a clause trace: the source snippets, the formula with its values,
// and the verdict, so the two cannot say different things.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/RunFigures.h"
#include "interp/Interpreter.h"

namespace zc {

// Source text on one line, runs of white space as one space.
std::string snippet(const SourceManager& sources, Span span);

// A source's text with each value it read written after it: the leaves
// after their spans, each 设 value after its name. Empty when none is.
std::string sourceWithValues(const SourceManager& sources, Span source, const std::vector<ShownValue>& leaves,
                             const std::vector<std::pair<std::string, std::string>>& lets);

// The award's source with each value it read written after it:
// 50% × 省级高成长奖励 (29.14 万元). Empty when it read nothing.
std::string formulaWithValues(const SourceManager& sources, const ClauseTrace& trace);

// Whether the clause got as far as computing: its policy applies, its 条件 hold, nothing failed.
bool clauseComputed(const ClauseTrace& trace);
// Each policy's 设 that its clauses computed in this trace, each once, in the
// order declared: index in ir::Policy::lets and value. Gathered in one pass
// over the trace, so a ruleset of many policies is not read once for each.
struct SharedLets {
  std::unordered_map<int, std::vector<std::pair<int, std::string>>> byPolicy;
  const std::vector<std::pair<int, std::string>>& of(int policy) const;
};
SharedLets sharedLetsShown(const std::vector<ClauseTrace>& trace, const ir::Program& program);

// A 就高 or 封顶 rule's source, without its closing ;.
std::string ruleText(const SourceManager& sources, Span rule);

// How a policy's gate came out for the record.
enum class PolicyVerdict { Applies, DoesNotApply, Error };
PolicyVerdict policyVerdict(const ClauseTrace& first);
// "适用 (applies)", or the error that failed it.
std::string policyVerdictText(const ir::Program& program, const ClauseTrace& first);

// What became of a clause of a policy that applies.
enum class ClauseVerdict {
  Paid,          // an amount, after any 就高/封顶
  Manual,        // 一事一议
  Eligible,      // 仅资格
  NotTriggered,  // a 条件 does not hold
  RuledOut,      // a 就高/封顶 took its award away
  Zero,          // its amount is zero: not reported
  Error,         // failed at run time
};
ClauseVerdict clauseVerdict(const ir::Program& program, const ClauseTrace& trace);
// "发放 145700.00 元给企业", "未触发 (a condition does not hold)", …
std::string clauseVerdictText(const ir::Program& program, const ClauseTrace& trace);
// A per-item clause's item after its id: " [第1项 P-01]", or " [第2项]" when
// its position is its name; "" for a clause that pays once.
std::string itemText(const ClauseTrace& trace);

// A part of a 条件 with the values it read: "营业收入 (1200 万元) ≥ 1000 万元".
std::string conditionPartText(const SourceManager& sources, const ConditionPart& part);

// The last rule that changed the clause's award, or null.
const RuleEffect* lastChange(const ClauseTrace& trace);
// What a rule did, as the clause's verdict says it: "削减为 17500.00 元 (cut)",
// "不发放: 同组 R-平台 的 300000.00 元更高 (…)".
std::string ruleEffectText(const ir::Program& program, const RuleEffect& effect);
// A 封顶's limit with the values it read and the total it limited:
// "上限 税收留成 (100 万元) = 1000000.00 元, 规则内合计 1500000.00 元"; "" for a 就高.
std::string capLimitText(const SourceManager& sources, const RuleEffect& effect);

// A choice the trace records: the arm a 档位/匹配/如果 took, or whether a
// 跨越 threshold was crossed.
struct ChoiceText {
  std::string keyword;  // 档位, 匹配, 如果 (or the English keyword), or 跨越
  bool branch;          // false: a 跨越 threshold
  std::string expression;
  std::string arm;
  std::string subject;  // 档位, 匹配: "等次 (一等奖)", the value with what it is; else ""
};
ChoiceText choiceText(const SourceManager& sources, const Choice& choice);

// What a reached 累进 bracket counted and earned: "计入 100 万元 → 5 万元",
// "计入 0.2 (20%) × 上年工业产值 = 2000 万元 → 20 万元".
std::string bracketText(const SourceManager& sources, const BracketPart& bracket);
// A rank a clause read (a 排名's field among its inputs): the ranking, and
// the value the record gave, 无 for none. One record's evaluation
// cannot rank the run, so the place is the one the record brings.
struct RankRead {
  const ir::Ranking* ranking;
  std::string value;
  std::optional<uint64_t> ranked;  // in a run's explanation: how many records the ranking ranked
};
// `run`: the run's figures, when a run ranked the record (zc run --explain).
std::vector<RankRead> rankReads(const ir::Program& program, const std::vector<std::pair<int, std::string>>& inputs,
                                const RunFigures* run = nullptr);
// "年度用电量 降序" (the keys, with their orders, 并列 …).
std::string rankKeysText(const ir::Program& program, const ir::Ranking& ranking);
// "排名 第12位 (记录给出的名次; …)", or "未排名 …: 以上为排名前的金额"; in a
// run, "排名 第12位 (共 340 家)".
std::string rankReadText(const ir::Program& program, const RankRead& read);

// zc run --explain: the share of a pooled award that the run granted, or
// null where the trace's clause claims no pool or paid nothing.
const PoolShare* poolShareOf(const ir::Program& program, const RunFigures& run, const ClauseTrace& trace);
// That step in words, with its figures: "资金池 P 资金池 100.01 元 (按比例):
// 申报合计 400.00 元 (3 笔), 按比例核减至 25.002500%: 200.00 元 → 50.01 元".
std::string poolShareText(const ir::Program& program, const RunFigures& run, const PoolShare& share);
// The amount from 分, as results write it: "50.01".
std::string centsText(int64_t cents);

}  // namespace zc
