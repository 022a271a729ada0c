#include "interp/TraceText.h"

#include <fmt/format.h>

#include <algorithm>

#include "interp/ValueText.h"
#include "ir/IrQueries.h"
#include "source/Utf8.h"

namespace zc {

namespace {

// Runs of white space as one space.
std::string oneLine(std::string_view text) {
  std::string line;
  for (char c : text) {
    bool space = c == '\n' || c == ' ' || c == '\t' || c == '\r';
    if (!space)
      line += c;
    else if (!line.empty() && line.back() != ' ')
      line += ' ';
  }
  return line;
}

// Whether the code point starting at text[i] can be part of a name;
// operators and brackets (×, ≥, （, …) cannot.
bool nameByteAt(std::string_view text, size_t i) { return isNameCharacter(decodeUtf8(text, i)); }

// The start of the code point that ends just before text[i].
size_t previousCodePoint(std::string_view text, size_t i) {
  do --i;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80);
  return i;
}

}  // namespace

std::string snippet(const SourceManager& sources, Span span) { return oneLine(sources.text(span)); }

std::string sourceWithValues(const SourceManager& sources, Span source, const std::vector<ShownValue>& leaves,
                             const std::vector<std::pair<std::string, std::string>>& lets) {
  std::string_view text = sources.text(source);
  // (offset in text, what to insert there)
  std::vector<std::pair<size_t, std::string>> inserts;
  for (const ShownValue& leaf : leaves) inserts.push_back({leaf.span.end - source.begin, leaf.text});
  for (const auto& [name, value] : lets) {
    for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + name.size())) {
      size_t end = at + name.size();
      bool whole =
          (at == 0 || !nameByteAt(text, previousCodePoint(text, at))) && (end == text.size() || !nameByteAt(text, end));
      if (whole) inserts.push_back({end, value});
    }
  }
  if (inserts.empty()) return "";
  std::sort(inserts.begin(), inserts.end());
  std::string out;
  size_t from = 0;
  for (const auto& [at, value] : inserts) {
    out.append(text.substr(from, at - from));
    out += fmt::format(" ({})", value);
    from = at;
  }
  out.append(text.substr(from));
  return oneLine(out);
}

std::string formulaWithValues(const SourceManager& sources, const ClauseTrace& t) {
  std::vector<std::pair<std::string, std::string>> lets = t.values;
  lets.insert(lets.end(), t.sharedValues.begin(), t.sharedValues.end());
  return sourceWithValues(sources, t.formula, t.leaves, lets);
}

bool clauseComputed(const ClauseTrace& t) {
  return t.applicable && !t.policyFailed && !t.error && t.failedCondition < 0;
}

const std::vector<std::pair<int, std::string>>& SharedLets::of(int policy) const {
  static const std::vector<std::pair<int, std::string>> none;
  auto found = byPolicy.find(policy);
  return found == byPolicy.end() ? none : found->second;
}

SharedLets sharedLetsShown(const std::vector<ClauseTrace>& trace, const ir::Program& program) {
  SharedLets lets;
  for (const ClauseTrace& t : trace) {
    if (!clauseComputed(t) || t.sharedLets.empty()) continue;
    auto& shown = lets.byPolicy[program.clauses[t.clause].policy];
    for (size_t i = 0; i < t.sharedLets.size(); ++i) {
      bool again = std::any_of(shown.begin(), shown.end(), [&](const auto& s) { return s.first == t.sharedLets[i]; });
      if (!again) shown.push_back({t.sharedLets[i], t.sharedValues[i].second});
    }
  }
  for (auto& [policy, shown] : lets.byPolicy) std::sort(shown.begin(), shown.end());
  return lets;
}

std::string ruleText(const SourceManager& sources, Span rule) {
  std::string text = snippet(sources, rule);
  if (!text.empty() && text.back() == ';') text.pop_back();
  return text;
}

PolicyVerdict policyVerdict(const ClauseTrace& first) {
  return first.policyFailed ? PolicyVerdict::Error
         : first.applicable ? PolicyVerdict::Applies
                            : PolicyVerdict::DoesNotApply;
}

std::string policyVerdictText(const ir::Program& program, const ClauseTrace& first) {
  switch (policyVerdict(first)) {
    case PolicyVerdict::Error:
      return "出错 (error): " + rt::formatEvalError(program.locations, *first.error);
    case PolicyVerdict::Applies:
      return "适用 (applies)";
    case PolicyVerdict::DoesNotApply:
      return "不适用 (does not apply)";
  }
  return "";
}

ClauseVerdict clauseVerdict(const ir::Program& program, const ClauseTrace& t) {
  if (t.error) return ClauseVerdict::Error;
  if (t.fired) {
    switch (program.clauses[t.clause].kind) {
      case rt::ResultKind::Award:
        return ClauseVerdict::Paid;
      case rt::ResultKind::Manual:
        return ClauseVerdict::Manual;
      case rt::ResultKind::Eligible:
        return ClauseVerdict::Eligible;
    }
  }
  if (t.failedCondition >= 0) return ClauseVerdict::NotTriggered;
  if (lastChange(t)) return ClauseVerdict::RuledOut;
  return ClauseVerdict::Zero;
}

std::string itemText(const ClauseTrace& trace) {
  if (trace.item < 0) return "";
  std::string position = std::to_string(trace.item + 1);
  return trace.itemName == position ? fmt::format(" [第{}项]", position)
                                    : fmt::format(" [第{}项 {}]", position, trace.itemName);
}

std::string clauseVerdictText(const ir::Program& program, const ClauseTrace& t) {
  const ir::Clause& clause = program.clauses[t.clause];
  if (t.error) return "出错 (error): " + rt::formatEvalError(program.locations, *t.error);
  if (t.fired)
    return clause.kind == rt::ResultKind::Award
               ? fmt::format("发放 {} 元给{}", rt::formatMoney(t.paid ? *t.paid : *t.amount), clause.beneficiary)
           : clause.kind == rt::ResultKind::Manual ? "一事一议 (case-by-case decision)"
                                                   : "符合资格 (eligible, no amount)";
  if (t.failedCondition >= 0) return "未触发 (a condition does not hold)";
  if (const RuleEffect* change = lastChange(t)) return ruleEffectText(program, *change);
  return "金额为零 (amount is zero, not reported)";
}

std::string conditionPartText(const SourceManager& sources, const ConditionPart& part) {
  std::string text = sourceWithValues(sources, part.part, part.inputs, {});
  return text.empty() ? snippet(sources, part.part) : text;
}

const RuleEffect* lastChange(const ClauseTrace& t) {
  for (auto r = t.rules.rbegin(); r != t.rules.rend(); ++r)
    if (r->changed()) return &*r;
  return nullptr;
}

std::string ruleEffectText(const ir::Program& program, const RuleEffect& e) {
  using K = RuleEffect::Kind;
  auto clauseId = [&](int c) -> const std::string& { return program.clauses[c].id; };
  switch (e.kind) {
    case K::Failed:
      return "出错";
    case K::SetAside:
      if (e.winner < 0) return "不发放: 同组另有更高的奖励 (set aside for a higher award)";
      return e.tie ? fmt::format(
                         "不发放: 与 {} 并列 {} 元, 并列时取规则中列在前的 {} (a tie: the clause listed first wins)",
                         clauseId(e.winner), rt::formatMoney(e.winnerAmount), clauseId(e.winner))
                   : fmt::format("不发放: 同组 {} 的 {} 元更高 (set aside for a higher award)", clauseId(e.winner),
                                 rt::formatMoney(e.winnerAmount));
    case K::Cut:
      return e.amount.num == 0 ? "削减为 0.00 元 (cut to nothing)"
                               : fmt::format("削减为 {} 元 (cut)", rt::formatMoney(e.amount));
    case K::Within:
      return "未超过上限 (within the limit)";
    case K::SettledAway:
      if (e.highest && e.winner >= 0)
        return fmt::format("不发放: 整条款让位于 {} 的 {} 元 (the whole clause was set aside for a higher award)",
                           clauseId(e.winner), rt::formatMoney(e.winnerAmount));
      return "不发放: 整条款被取消 (the whole clause was set aside or cut to nothing)";
    case K::SettledCut:
      return fmt::format("削减为 {} 元: 随整条款削减 (cut with the whole clause)", rt::formatMoney(e.amount));
  }
  return "";
}

std::string capLimitText(const SourceManager& sources, const RuleEffect& e) {
  if (e.highest || !e.limit) return "";
  std::string source = sourceWithValues(sources, e.limitSource, e.limitInputs, e.limitLets);
  if (source.empty()) source = snippet(sources, e.limitSource);
  std::string text = fmt::format("上限 {} = {} 元", source, rt::formatMoney(*e.limit));
  if (e.total) text += fmt::format(", 规则内合计 {} 元", rt::formatMoney(*e.total));
  return text;
}

ChoiceText choiceText(const SourceManager& sources, const Choice& choice) {
  std::string what = snippet(sources, choice.expression);
  if (choice.kind == ir::Choice::Kind::Threshold) return {"跨越", false, what, "", ""};
  std::string subject =
      choice.subject.end == 0 ? "" : fmt::format("{} ({})", snippet(sources, choice.subject), choice.value);
  return {what.substr(0, what.find(' ')), true, what, snippet(sources, choice.arm), subject};
}

std::string bracketText(const SourceManager& sources, const BracketPart& bracket) {
  std::string base =
      bracket.base.empty() ? "" : fmt::format(" × {} = {}", snippet(sources, bracket.baseSource), bracket.base);
  return fmt::format("计入 {}{} → {}", bracket.part, base, bracket.earned);
}

std::vector<RankRead> rankReads(const ir::Program& program, const std::vector<std::pair<int, std::string>>& inputs,
                                const RunFigures* run) {
  std::vector<RankRead> out;
  for (const auto& [field, value] : inputs)
    for (size_t r = 0; r < program.rankings.size(); ++r)
      if (program.rankings[r].rankField == field)
        out.push_back({&program.rankings[r], value, run != nullptr ? std::optional(run->ranked.at(r)) : std::nullopt});
  return out;
}

std::string rankKeysText(const ir::Program& program, const ir::Ranking& ranking) {
  std::string out;
  for (size_t k = 0; k < ranking.keyFields.size(); ++k)
    out += fmt::format("{}{} {}", k == 0 ? "" : ", ", program.schema.fields[ranking.keyFields[k]].name,
                       ranking.descending[k] ? "降序" : "升序");
  return out + (ranking.tiesAllIn ? ", 并列 全部入选" : ", 并列 均不入选");
}

std::string rankReadText(const ir::Program& program, const RankRead& read) {
  std::string keys = rankKeysText(program, *read.ranking);
  // A run ranked every record: the place is the run's, out of those it ranked.
  if (read.ranked && read.value == kAbsentText)
    return fmt::format("未排名 (not ranked): 记录缺少排名依据 ({}), 不参与排名 (共 {} 家)", keys, *read.ranked);
  if (read.ranked) return fmt::format("{} 排名 第{}位 (共 {} 家)", keys, read.value, *read.ranked);
  if (read.value == kAbsentText)
    return fmt::format(
        "未排名 (not ranked): 记录未给出名次, 以上为排名前的金额 (before the ranking); zc run 在全部记录中按 {} 排名",
        keys);
  return fmt::format("{} 排名 第{}位 (记录给出的名次; zc run 在全部记录中排名)", keys, read.value);
}

}  // namespace zc

namespace zc {

std::string centsText(int64_t cents) {
  zc_dec amount;
  zc_dec_make(cents, 100, &amount);
  return rt::formatMoney(amount);
}

const PoolShare* poolShareOf(const ir::Program& program, const RunFigures& run, const ClauseTrace& trace) {
  const ir::Clause& clause = program.clauses[trace.clause];
  if (clause.pool < 0) return nullptr;
  for (const PoolShare& share : run.shares)
    if (share.clause == clause.id && (trace.item < 0 ? !share.item : share.item == trace.itemName)) return &share;
  return nullptr;
}

std::string poolShareText(const ir::Program& program, const RunFigures& run, const PoolShare& share) {
  const ir::Pool& pool = program.pools[share.pool];
  const PoolUse& use = run.pools.at(share.pool);
  std::string how = pool.proRata           ? "按比例"
                    : pool.orderField >= 0 ? "按顺序 " + program.schema.fields[pool.orderField].name
                                           : "按顺序 (输入顺序)";
  std::string out = fmt::format("{} {} 元 ({}): 申报合计 {} 元 ({} 笔), ", pool.name, centsText(use.pool), how,
                                centsText(use.asked), use.claims);
  std::string paid = fmt::format("{} 元 → {} 元{}", centsText(share.asked), centsText(share.granted),
                                 share.granted == 0 ? " (不发放)" : "");
  if (use.asked <= use.pool) return out + "未超出资金池, 全额发放: " + paid;
  if (pool.proRata) {
    // Rounded down to the 分, then the 分 left over to the largest remainders.
    int64_t floor = static_cast<int64_t>(static_cast<__int128>(use.pool) * share.asked / use.asked);
    std::string remainder =
        share.granted > floor ? fmt::format(" (其中 {} 分按最大余数补足)", share.granted - floor) : "";
    return out + fmt::format("按比例核减至 {}%: {}{}", percentGranted(use), paid, remainder);
  }
  std::string key =
      share.orderKey.empty() ? "" : fmt::format("{} {}, ", program.schema.fields[pool.orderField].name, share.orderKey);
  int64_t left = std::max<int64_t>(0, use.pool - share.grantedBefore);
  return out + fmt::format("先到先得: 本笔 {}排第 {} 笔, 此前 {} 笔已获 {} 元, 余 {} 元: {}", key, share.place,
                           share.place - 1, centsText(share.grantedBefore), centsText(left), paid);
}

}  // namespace zc
