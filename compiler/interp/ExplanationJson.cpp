#include "interp/ExplanationJson.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <charconv>

#include "describe/RulesetDescription.h"
#include "interp/PlainExplanation.h"
#include "interp/TraceText.h"
#include "ir/IrQueries.h"

namespace zc {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void string(Writer& w, std::string_view text) { w.String(text.data(), static_cast<rapidjson::SizeType>(text.size())); }

void member(Writer& w, const char* key, std::string_view text) {
  w.Key(key);
  string(w, text);
}

// The text, or null where the trace has nothing.
void memberOrNull(Writer& w, const char* key, bool present, std::string_view text) {
  w.Key(key);
  if (present)
    string(w, text);
  else
    w.Null();
}

void money(Writer& w, const char* key, const std::optional<zc_dec>& amount) {
  memberOrNull(w, key, amount.has_value(), amount ? rt::formatMoney(*amount) : "");
}

// [{"name": …, "value": …}] of what a policy or clause read.
template <typename Pairs, typename NameOf>
void namedValues(Writer& w, const char* key, const Pairs& pairs, NameOf nameOf) {
  w.Key(key);
  w.StartArray();
  for (const auto& [what, value] : pairs) {
    w.StartObject();
    member(w, "name", nameOf(what));
    member(w, "value", value);
    w.EndObject();
  }
  w.EndArray();
}

const char* verdictName(PolicyVerdict verdict) {
  switch (verdict) {
    case PolicyVerdict::Applies:
      return "applies";
    case PolicyVerdict::DoesNotApply:
      return "does_not_apply";
    case PolicyVerdict::Error:
      return "error";
  }
  return "error";
}

const char* verdictName(ClauseVerdict verdict) {
  switch (verdict) {
    case ClauseVerdict::Paid:
      return "paid";
    case ClauseVerdict::Manual:
      return "manual";
    case ClauseVerdict::Eligible:
      return "eligible";
    case ClauseVerdict::NotTriggered:
      return "not_triggered";
    case ClauseVerdict::RuledOut:
      return "ruled_out";
    case ClauseVerdict::Zero:
      return "zero";
    case ClauseVerdict::Error:
      return "error";
  }
  return "error";
}

// Only what the text explanation shows: a clause that failed or whose
// condition does not hold computed nothing worth reading.
const char* ruleKindName(RuleEffect::Kind kind) {
  switch (kind) {
    case RuleEffect::Kind::Failed:
      return "failed";
    case RuleEffect::Kind::SetAside:
      return "set_aside";
    case RuleEffect::Kind::Cut:
      return "cut";
    case RuleEffect::Kind::Within:
      return "within";
    case RuleEffect::Kind::SettledAway:
      return "settled_away";
    case RuleEffect::Kind::SettledCut:
      return "settled_cut";
  }
  return "failed";
}

void writeWorking(Writer& w, const SourceManager& sources, const ir::Program& program, const ClauseTrace& t) {
  bool computed = !t.error && t.failedCondition < 0;
  w.Key("lets");
  w.StartArray();
  if (computed)
    for (const auto& [name, value] : t.values) {
      w.StartObject();
      member(w, "name", name);
      member(w, "value", value);
      w.EndObject();
    }
  w.EndArray();
  // The policy's 设 it read, explained with the policy.
  w.Key("policy_lets");
  w.StartArray();
  if (computed)
    for (const auto& [name, value] : t.sharedValues) string(w, name);
  w.EndArray();
  w.Key("items");
  w.StartArray();
  if (computed)
    for (const ListItem& item : t.items) {
      w.StartObject();
      member(w, "list", snippet(sources, item.loop));
      w.Key("position");
      w.Uint64(item.position + 1);
      member(w, "item", item.item);
      w.Key("kept");
      w.Bool(item.kept);
      memberOrNull(w, "value", !item.value.empty(), item.value);
      w.EndObject();
    }
  w.EndArray();
  w.Key("choices");
  w.StartArray();
  if (computed)
    for (const Choice& choice : t.choices) {
      ChoiceText c = choiceText(sources, choice);
      w.StartObject();
      member(w, "kind", c.branch ? "branch" : "threshold");
      member(w, "keyword", c.keyword);
      member(w, "expression", c.expression);
      member(w, "text", plainChoice(sources, choice));
      if (c.branch) {
        member(w, "arm", c.arm);
        w.Key("otherwise");
        w.Bool(choice.otherwise);
        bool sorted = choice.subject.end != 0;
        memberOrNull(w, "subject", sorted, sorted ? snippet(sources, choice.subject) : "");
        memberOrNull(w, "value", sorted, choice.value);
      } else {
        w.Key("crossed");
        w.Bool(choice.crossed);
      }
      w.EndObject();
    }
  w.EndArray();
  w.Key("brackets");
  w.StartArray();
  if (computed)
    for (const BracketPart& b : t.brackets) {
      w.StartObject();
      member(w, "bracket", snippet(sources, b.span));
      member(w, "text", plainBracket(sources, b));
      w.Key("reached");
      w.Bool(b.reached);
      memberOrNull(w, "part", b.reached, b.part);
      memberOrNull(w, "earned", b.reached, b.earned);
      bool based = !b.base.empty();
      memberOrNull(w, "base_source", based, based ? snippet(sources, b.baseSource) : "");
      memberOrNull(w, "base", based, b.base);
      w.EndObject();
    }
  w.EndArray();
  w.Key("caps");
  w.StartArray();
  if (computed)
    for (const ShownValue& cap : t.caps) {
      w.StartObject();
      member(w, "kind", "minimum");
      member(w, "expression", snippet(sources, cap.span));
      member(w, "value", cap.text);
      w.EndObject();
    }
  // Every 封顶 rule that reached the clause, whether or not it cut.
  if (computed)
    for (const RuleEffect& rule : t.rules) {
      if (rule.highest || !rule.limit) continue;
      std::string withValues = sourceWithValues(sources, rule.limitSource, rule.limitInputs, rule.limitLets);
      w.StartObject();
      member(w, "kind", "rule");
      member(w, "expression", snippet(sources, rule.limitSource));
      member(w, "value", rt::formatMoney(*rule.limit) + " 元");
      member(w, "rule", ruleText(sources, rule.rule));
      memberOrNull(w, "with_values", !withValues.empty(), withValues);
      w.Key("inputs");
      w.StartArray();
      for (const ShownValue& input : rule.limitInputs) {
        w.StartObject();
        member(w, "name", snippet(sources, input.span));
        member(w, "value", input.text);
        w.EndObject();
      }
      w.EndArray();
      money(w, "total", rule.total);
      member(w, "limit_text", capLimitText(sources, rule));
      w.Key("cut");
      w.Bool(rule.changed());
      w.EndObject();
    }
  w.EndArray();
  w.Key("formula");
  if (computed && !t.rawAmount.empty()) {
    std::string withValues = formulaWithValues(sources, t);
    w.StartObject();
    member(w, "source", snippet(sources, t.formula));
    memberOrNull(w, "with_values", !withValues.empty(), withValues);
    member(w, "value", t.rawAmount);
    money(w, "rounded", t.amount);
    money(w, "half_up", t.halfUp);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("rules");
  w.StartArray();
  if (computed)
    for (const RuleEffect& rule : t.rules) {
      if (!rule.changed()) continue;  // a 封顶 that held is among the caps
      w.StartObject();
      member(w, "rule", ruleText(sources, rule.rule));
      member(w, "kind", ruleKindName(rule.kind));
      member(w, "effect", ruleEffectText(program, rule));
      bool cut = rule.kind == RuleEffect::Kind::Cut || rule.kind == RuleEffect::Kind::SettledCut;
      money(w, "amount", cut ? std::optional(rule.amount) : std::nullopt);
      bool won = rule.highest && rule.winner >= 0;
      memberOrNull(w, "winner", won, won ? program.clauses[rule.winner].id : "");
      money(w, "winner_amount", won ? std::optional(rule.winnerAmount) : std::nullopt);
      w.Key("tie");
      w.Bool(rule.tie);
      money(w, "limit", rule.highest ? std::nullopt : rule.limit);
      std::string limit = capLimitText(sources, rule);
      memberOrNull(w, "limit_text", !limit.empty(), limit);
      w.EndObject();
    }
  w.EndArray();
}

// zc run --explain: a pooled award's share, the run's figures beside it.
void writePoolShare(Writer& w, const ir::Program& program, const RunFigures& run, const PoolShare& share) {
  const ir::Pool& pool = program.pools[share.pool];
  const PoolUse& use = run.pools.at(share.pool);
  w.Key("pool");
  w.StartObject();
  member(w, "pool", pool.name);
  member(w, "how", pool.proRata ? "pro_rata" : "in_order");
  bool keyed = pool.orderField >= 0;
  memberOrNull(w, "order_by", keyed, keyed ? program.schema.fields[pool.orderField].name : "");
  member(w, "amount", centsText(use.pool));
  member(w, "asked_total", centsText(use.asked));
  w.Key("claims");
  w.Uint64(use.claims);
  member(w, "granted_total", centsText(use.granted));
  member(w, "percent_granted", percentGranted(use));
  member(w, "asked", centsText(share.asked));
  member(w, "granted", centsText(share.granted));
  bool ordered = !pool.proRata;
  w.Key("place");
  if (ordered)
    w.Uint64(share.place);
  else
    w.Null();
  memberOrNull(w, "order_key", ordered && !share.orderKey.empty(), share.orderKey);
  memberOrNull(w, "granted_before", ordered, centsText(share.grantedBefore));
  member(w, "text", poolShareText(program, run, share));
  w.EndObject();
}

void writeClause(Writer& w, const SourceManager& sources, const ir::Program& program, const ClauseTrace& t,
                 const RunFigures* run) {
  const ir::Clause& clause = program.clauses[t.clause];
  auto fieldName = [&](int f) -> const std::string& { return program.schema.fields[f].name; };
  bool applies = t.applicable && !t.policyFailed;
  w.StartObject();
  member(w, "id", clause.id);
  member(w, "source", clause.source);
  member(w, "beneficiary", clause.beneficiary);
  member(w, "kind", ir::resultKindName(clause.kind));
  w.Key("item");
  if (t.item < 0) {
    w.Null();
  } else {
    w.StartObject();
    w.Key("position");
    w.Int64(t.item + 1);
    member(w, "name", t.itemName);
    member(w, "values", t.itemValues);
    w.EndObject();
  }
  if (!applies && !t.error) {
    member(w, "verdict", "not_applicable");
    member(w, "text", "不适用 (the policy does not apply)");
  } else {
    ClauseVerdict verdict = clauseVerdict(program, t);
    member(w, "verdict", verdictName(verdict));
    member(w, "text", clauseVerdictText(program, t));
    // What its review sheet says it was computed from (zc review prints the same).
    member(w, "basis", plainBasis(sources, program, t));
  }
  bool paid = t.fired && clause.kind == rt::ResultKind::Award && !t.error;
  money(w, "amount", t.error ? std::nullopt : t.amount);
  money(w, "paid", paid ? std::optional(t.paid ? *t.paid : *t.amount) : std::nullopt);
  memberOrNull(w, "error", t.error.has_value(), t.error ? rt::formatEvalError(program.locations, *t.error) : "");
  memberOrNull(w, "failed_condition", t.failedCondition >= 0,
               t.failedCondition >= 0 ? snippet(sources, clause.conditionSpans[t.failedCondition]) : "");
  w.Key("condition_parts");
  w.StartArray();
  if (applies && !t.error)
    for (const ConditionPart& part : t.conditionParts) {
      w.StartObject();
      member(w, "condition", snippet(sources, clause.conditionSpans[part.condition]));
      w.Key("held");
      w.Bool(part.held);
      member(w, "part", snippet(sources, part.part));
      member(w, "with_values", conditionPartText(sources, part));
      w.EndObject();
    }
  w.EndArray();
  std::vector<std::pair<int, std::string>> none;
  namedValues(w, "inputs", applies && !t.error ? t.inputs : none, fieldName);
  // The ranks it read, only where it read one: a place the record brings, or none.
  if (applies && !t.error)
    if (std::vector<RankRead> reads = rankReads(program, t.inputs, run); !reads.empty()) {
      w.Key("rankings");
      w.StartArray();
      for (const RankRead& read : reads) {
        w.StartObject();
        member(w, "rank", read.ranking->name);
        w.Key("place");
        int64_t place = 0;
        auto [end, error] = std::from_chars(read.value.data(), read.value.data() + read.value.size(), place);
        if (error == std::errc() && end == read.value.data() + read.value.size())
          w.Int64(place);
        else
          w.Null();  // 无: the record brings no place
        member(w, "by", rankKeysText(program, *read.ranking));
        member(w, "text", rankReadText(program, read));
        if (read.ranked) {
          w.Key("ranked");
          w.Uint64(*read.ranked);
        }
        w.EndObject();
      }
      w.EndArray();
    }
  w.Key("params");
  w.StartArray();
  if (applies && !t.error)
    for (const auto& [param, value] : t.params) {
      const ir::Param& p = program.params[param];
      w.StartObject();
      member(w, "name", p.name);
      member(w, "value", value);
      memberOrNull(w, "from", p.from.has_value(), ir::dateFrom(p));
      w.EndObject();
    }
  w.EndArray();
  writeWorking(w, sources, program, t);
  if (run != nullptr)
    if (const PoolShare* share = poolShareOf(program, *run, t)) writePoolShare(w, program, *run, *share);
  w.EndObject();
}

// The pretty document on one line: the white space between its tokens left out.
std::string oneLine(std::string_view pretty) {
  std::string out;
  bool inString = false, escaped = false;
  for (char c : pretty) {
    if (inString) {
      out += c;
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
      out += c;
    } else if (c != ' ' && c != '\n') {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string renderExplanationJson(const SourceManager& sources, const ir::Program& program,
                                  const Evaluation& evaluation, const RunFigures* run, bool indent) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  member(w, "schema", kExplainJsonSchema);
  // Which rules, and which zc: what a paid amount is traced back to.
  std::vector<std::string_view> texts;
  for (size_t i = 0; i < sources.size(); ++i) texts.push_back(sources.file(static_cast<FileId>(i)).text());
  RulesetIdentity identity = identifyRuleset("", texts);
  w.Key("provenance");
  w.StartObject();
  member(w, "source_hash", identity.sourceHash);
  member(w, "zc_version", identity.zcVersion);
  w.EndObject();
  member(w, "id", evaluation.result->id);
  // The very line zc run --format jsonl writes for the record.
  std::string result;
  rt::appendJsonLine(result, *evaluation.result);
  result.pop_back();
  w.Key("result");
  w.RawValue(result.data(), result.size(), rapidjson::kObjectType);
  w.Key("policies");
  w.StartArray();
  SharedLets shared = sharedLetsShown(evaluation.trace, program);
  int policy = -1;
  for (const ClauseTrace& t : evaluation.trace) {
    const ir::Clause& clause = program.clauses[t.clause];
    if (clause.policy != policy) {
      if (policy >= 0) {
        w.EndArray();
        w.EndObject();
      }
      policy = clause.policy;
      const ir::Policy& p = program.policies[policy];
      w.StartObject();
      member(w, "id", p.id);
      member(w, "title", p.title);
      member(w, "verdict", verdictName(policyVerdict(t)));
      member(w, "text", policyVerdictText(program, t));
      memberOrNull(w, "error", t.policyFailed, t.policyFailed ? rt::formatEvalError(program.locations, *t.error) : "");
      memberOrNull(w, "failed_applies", t.failedApplies >= 0,
                   t.failedApplies >= 0 ? snippet(sources, p.appliesSpans[t.failedApplies]) : "");
      memberOrNull(w, "held_exclude", t.heldExclude >= 0,
                   t.heldExclude >= 0 ? snippet(sources, p.excludesSpans[t.heldExclude]) : "");
      namedValues(w, "inputs", t.policyInputs,
                  [&](int f) -> const std::string& { return program.schema.fields[f].name; });
      w.Key("lets");
      w.StartArray();
      for (const auto& [let, value] : shared.of(policy)) {
        w.StartObject();
        member(w, "name", p.lets[let].name);
        member(w, "value", value);
        memberOrNull(w, "source", !p.lets[let].source.empty(), p.lets[let].source);
        w.EndObject();
      }
      w.EndArray();
      w.Key("clauses");
      w.StartArray();
    }
    writeClause(w, sources, program, t, run);
  }
  if (policy >= 0) {
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::string_view pretty(buffer.GetString(), buffer.GetSize());
  return indent ? std::string(pretty) : oneLine(pretty);
}

}  // namespace zc
