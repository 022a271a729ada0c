// 匹配, 档位 and 跨越: the checker proves them exhaustive and without
// unreachable arms, then lowers each to a chain of If.
#include <fmt/format.h>

#include <algorithm>

#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

using sema::Range;

sema::Domain Checker::domainOf(const Typed& value) const {
  sema::Domain domain;
  domain.integers = value.type.kind == K::Int || value.type.kind == K::Date;
  if (value.count) domain.min = Rational::integer(0);
  return domain;
}

std::string Checker::domainHint(const Typed& value) const {
  if (value.count) return "a 计数 is a whole number, never negative";
  if (value.type.kind == K::Date) return "dates are whole days";
  return "an 整数 takes whole numbers only";
}

std::optional<Rational> Checker::constantBound(const ast::Expr& expr, const Type& against) {
  if (expr.kind != ast::ExprKind::Number && expr.kind != ast::ExprKind::Percent && expr.kind != ast::ExprKind::Neg) {
    diags_.report(
        DiagKind::NotConstant, expr.span,
        fmt::format("a bound or threshold is a constant written out, such as 50 万美元; '{}' varies by record",
                    sources_.text(expr.span)));
    return std::nullopt;
  }
  return foldNumber(expr, against.kind == K::Int ? against : against.required());
}

Typed Checker::checkMatch(const ast::Expr& expr, Scope& scope) {
  const ast::Expr& scrutineeExpr = *expr.operands[0];
  Typed scrutinee = scrutineeExpr.kind == ast::ExprKind::Name     ? checkName(scrutineeExpr, scope, true)
                    : scrutineeExpr.kind == ast::ExprKind::Member ? checkMember(scrutineeExpr, scope, true)
                                                                  : check(scrutineeExpr, scope);
  scrutinee.span = scrutineeExpr.span;
  if (scrutinee.error()) return fail();
  K kind = scrutinee.type.kind;
  if (kind != K::Enum && kind != K::Text) {
    diags_.report(
        DiagKind::InvalidOperand, scrutineeExpr.span,
        fmt::format("匹配 takes an enum or a text, but this is {}; for numbers use 档位", typeName(scrutinee.type)));
    return fail();
  }
  const sema::EnumInfo* info = kind == K::Enum ? &out_.symbols.enums[scrutinee.type.id] : nullptr;
  // A text closed to a 集合 takes only its texts: matching them all is exhaustive.
  const sema::EnumInfo* closed =
      kind == K::Text && scrutinee.type.id >= 0 ? &out_.symbols.sets[scrutinee.type.id] : nullptr;
  bool optional = scrutinee.type.optional;
  std::vector<Span> covered(info ? info->values.size() : 0);
  std::vector<std::pair<std::string, Span>> texts;
  std::optional<Span> wildcard, none;
  std::vector<Typed> values;
  std::vector<std::vector<ir::ValueId>> conditions;  // per arm: one Eq per value pattern
  int wildcardArm = -1, noneArm = -1;
  bool ok = true;
  for (size_t armIndex = 0; armIndex < expr.arms.size(); ++armIndex) {
    const ast::MatchArm& arm = expr.arms[armIndex];
    std::vector<ir::ValueId> tests;
    for (const ast::Pattern& p : arm.patterns) {
      auto unreachable = [&](Span earlier, std::string what) {
        auto& d = diags_.report(DiagKind::UnreachableArm, p.span,
                                fmt::format("{} is already matched by an earlier arm", what));
        d.notes.push_back({earlier, "matched here"});
        ok = false;
      };
      // _ takes every other present value; an absent one only 无 takes.
      if (wildcard && p.kind != ast::Pattern::Kind::None) {
        unreachable(*wildcard, "every value");
        continue;
      }
      switch (p.kind) {
        case ast::Pattern::Kind::Wildcard:
          wildcard = p.span;
          wildcardArm = static_cast<int>(armIndex);
          break;
        case ast::Pattern::Kind::None:
          if (!optional) {
            diags_.report(DiagKind::TypeMismatch, p.span,
                          fmt::format("无 matches an absent value, but {} is never absent", typeName(scrutinee.type)));
            ok = false;
          } else if (none) {
            unreachable(*none, "无");
          } else {
            none = p.span;
            noneArm = static_cast<int>(armIndex);
          }
          break;
        case ast::Pattern::Kind::Name:
        case ast::Pattern::Kind::String:
          if (info != nullptr) {
            int index = info->find(p.text);
            if (index < 0) {
              auto& d = diags_.report(DiagKind::UnknownEnumValue, p.span,
                                      fmt::format("{} has no value '{}'", info->name, p.text));
              std::string near = closestName(p.text, info->values);
              if (!near.empty()) d.hint = fmt::format("did you mean {}?", near);
              ok = false;
            } else if (covered[index].end != 0) {
              unreachable(covered[index], p.text);
            } else {
              covered[index] = p.span;
              tests.push_back(
                  ir_.compare(ir::Pred::Eq, ir::Type::Enum, scrutinee.value, ir_.constEnum(index, p.span), p.span));
            }
          } else if (p.kind == ast::Pattern::Kind::Name && out_.symbols.findSet(p.text) >= 0) {
            // A 集合: each of its texts not matched yet (and, on a value closed to a 集合, in it).
            const sema::EnumInfo& set = out_.symbols.sets[out_.symbols.findSet(p.text)];
            out_.names.uses.push_back({p.span, set.span, sema::NameKind::Set});
            std::optional<Span> earlier;
            size_t before = tests.size();
            for (const std::string& member : set.values) {
              if (closed != nullptr && closed->find(member) < 0) continue;
              auto seen = std::find_if(texts.begin(), texts.end(), [&](const auto& t) { return t.first == member; });
              if (seen != texts.end()) {
                earlier = seen->second;
                continue;
              }
              texts.push_back({member, p.span});
              tests.push_back(
                  ir_.compare(ir::Pred::Eq, ir::Type::Text, scrutinee.value, ir_.constText(member, p.span), p.span));
            }
            if (tests.size() == before) {
              if (earlier) {
                unreachable(*earlier, fmt::format("every text of {}", set.name));
              } else {
                reportNotInSet(*closed, set.values.front(), p.span,
                               "nor is any other text of " + set.name + ", so this arm is never taken");
                ok = false;
              }
            }
          } else if (p.kind == ast::Pattern::Kind::Name) {
            diags_.report(DiagKind::TypeMismatch, p.span,
                          fmt::format("a text pattern is written in quotes: \"{}\"", p.text));
            ok = false;
          } else if (closed != nullptr && closed->find(p.text) < 0) {
            reportNotInSet(*closed, p.text, p.span, "so this arm is never taken");
            ok = false;
          } else {
            auto seen = std::find_if(texts.begin(), texts.end(), [&](const auto& t) { return t.first == p.text; });
            if (seen != texts.end()) {
              unreachable(seen->second, "\"" + p.text + "\"");
            } else {
              texts.push_back({p.text, p.span});
              tests.push_back(
                  ir_.compare(ir::Pred::Eq, ir::Type::Text, scrutinee.value, ir_.constText(p.text, p.span), p.span));
            }
          }
          break;
      }
    }
    conditions.push_back(std::move(tests));
    values.push_back(check(*arm.value, scope));
  }
  if (!ok) return fail();
  std::vector<std::string> missing;
  if (!wildcard && info != nullptr)
    for (size_t i = 0; i < covered.size(); ++i)
      if (covered[i].end == 0) missing.push_back(info->values[i]);
  if (!wildcard && closed != nullptr)
    for (const std::string& member : closed->values)
      if (std::none_of(texts.begin(), texts.end(), [&](const auto& t) { return t.first == member; }))
        missing.push_back("\"" + member + "\"");
  if (!wildcard && kind == K::Text && closed == nullptr) missing.push_back("any other text");
  if (optional && !none) missing.push_back("无 (absent)");
  if (!missing.empty()) {
    std::string list = missing[0];
    for (size_t i = 1; i < missing.size(); ++i) list += ", " + missing[i];
    auto& d =
        diags_.report(DiagKind::NonExhaustiveMatch, scrutineeExpr.span, fmt::format("this 匹配 misses: {}", list));
    d.hint = optional && !none ? "an absent value is matched only by 无 => …"
                               : "add arms for them, or _ => … for every other value";
    return fail();
  }
  auto u = unify(values, expr.span, "choose between");
  if (!u) return fail();
  ir::Type type = machineType(u->type);
  // Build the chain from the last arm back. The fallback is the wildcard's
  // value, or the last arm's: exhaustiveness makes its test redundant.
  int fallbackArm = wildcardArm;
  if (fallbackArm < 0) {
    for (int i = static_cast<int>(values.size()) - 1; i >= 0 && fallbackArm < 0; --i)
      if (!conditions[i].empty()) fallbackArm = i;
  }
  auto patterns = [&](int arm) {
    return Span::cover(expr.arms[arm].patterns.front().span, expr.arms[arm].patterns.back().span);
  };
  ir::Choice choice{ir::Choice::Kind::Match,
                    ir::kNoValue,
                    expr.span,
                    scrutinee.value,
                    scrutineeExpr.span,
                    shownUnitOf(scrutinee.type),
                    info ? info->values : std::vector<std::string>{},
                    {}};
  ir::ValueId chain = fallbackArm >= 0 ? u->values[fallbackArm] : u->values[noneArm];
  for (int i = static_cast<int>(values.size()) - 1; i >= 0; --i) {
    if (i == fallbackArm || conditions[i].empty()) continue;
    ir::ValueId test = conditions[i][0];
    // 甲 | 乙: the test of the arm's patterns together.
    for (size_t j = 1; j < conditions[i].size(); ++j)
      test = ir_.binary(ir::Op::Or, ir::Type::Flag, test, conditions[i][j], patterns(i));
    chain = ir_.select(type, test, u->values[i], chain, expr.span);
    choice.arms.insert(choice.arms.begin(), {test, true, patterns(i), false});
  }
  if (fallbackArm >= 0) choice.arms.push_back({ir::kNoValue, true, patterns(fallbackArm), false});
  if (optional) {
    ir::ValueId absent = u->values[noneArm];
    FieldRef field = scrutinee.field;
    ir::ValueId present = field.loop < 0 ? ir_.fieldPresent(field.index, scrutineeExpr.span)
                                         : ir_.elemFieldPresent(field.loop, field.index, scrutineeExpr.span);
    chain = ir_.select(type, present, chain, absent, expr.span);
    choice.arms.insert(choice.arms.begin(), {present, false, patterns(noneArm), false});
  }
  // A single arm is no choice: nothing was tested.
  choice.result = chain;
  if (choice.arms.front().test != ir::kNoValue) ir_.choice(std::move(choice));
  return {u->type, chain};
}

Typed Checker::checkTier(const ast::Expr& expr, Scope& scope) {
  Typed scrutinee = check(*expr.operands[0], scope);
  if (scrutinee.error()) return fail();
  if (!scrutinee.type.isNumeric()) {
    diags_.report(DiagKind::InvalidOperand, expr.operands[0]->span,
                  fmt::format("档位 sorts numbers or quantities into tiers, but this is {}", typeName(scrutinee.type)));
    return fail();
  }
  sema::Domain domain = domainOf(scrutinee);
  std::vector<Range> ranges;
  std::vector<Typed> values;
  std::optional<Span> otherwise;
  bool ok = true;
  for (const ast::TierArm& arm : expr.tiers) {
    if (otherwise) {
      auto& d = diags_.report(DiagKind::UnreachableTier, arm.span, "no value reaches a tier after 否则");
      d.notes.push_back({*otherwise, "否则 takes every value left"});
      ok = false;
      continue;
    }
    if (!arm.interval) {
      otherwise = arm.span;
    } else {
      const ast::Interval& interval = *arm.interval;
      Range written{std::nullopt, std::nullopt, interval.loClosed, interval.hiClosed, interval.span};
      if (interval.lo) written.lo = constantBound(*interval.lo, scrutinee.type);
      if (interval.hi) written.hi = constantBound(*interval.hi, scrutinee.type);
      if ((interval.lo && !written.lo) || (interval.hi && !written.hi)) {
        ok = false;
        continue;
      }
      Range range = sema::within(written, domain);
      if (sema::isEmpty(range)) {
        auto& d = diags_.report(DiagKind::EmptyInterval, interval.span,
                                fmt::format("the tier {} holds no value", sources_.text(interval.span)));
        if (!sema::isEmpty(written)) d.hint = domainHint(scrutinee);
        ok = false;
        continue;
      }
      for (const Range& earlier : ranges) {
        if (!sema::disjoint(range, earlier)) {
          auto& d = diags_.report(DiagKind::UnreachableTier, interval.span,
                                  fmt::format("the tier {} overlaps the earlier tier {}", sources_.text(interval.span),
                                              sources_.text(earlier.span)));
          d.notes.push_back({earlier.span, "the earlier tier"});
          d.hint = "tiers must not overlap: make one bound open, e.g. [50, 200) and [200, 500)";
          ok = false;
          break;
        }
      }
      ranges.push_back(range);
    }
    values.push_back(check(*arm.value, scope));
  }
  if (!ok) return fail();
  if (!otherwise) {
    if (auto gap = sema::firstGap(ranges, domain, unitOf(scrutinee.type))) {
      auto& d = diags_.report(DiagKind::TiersNotExhaustive, expr.operands[0]->span,
                              fmt::format("values {} fall in no tier", *gap));
      d.hint = "add 否则 => … for the values no tier takes";
      return fail();
    }
  }
  auto u = unify(values, expr.span, "choose between");
  if (!u) return fail();
  ir::Type type = machineType(u->type);
  ir::Type boundType = machineType(scrutinee.type);
  auto constant = [&](const Rational& value, Span span) -> std::optional<ir::ValueId> {
    if (!holdsConstant(value, scrutinee.type, span)) return std::nullopt;
    if (boundType == ir::Type::Int) return ir_.constInt(static_cast<int64_t>(value.num), span);
    return ir_.constDec(value.toDec(), span);
  };
  // Without 否则 the tiers cover every value, so the last needs no test.
  size_t tested = otherwise ? ranges.size() : ranges.size() - 1;
  ir::ValueId chain = u->values.back();
  ir::Choice choice{ir::Choice::Kind::Tier,      ir::kNoValue, expr.span, scrutinee.value, expr.operands[0]->span,
                    shownUnitOf(scrutinee.type), {},           {}};
  choice.arms.push_back(
      {ir::kNoValue, true, otherwise ? expr.tiers.back().value->span : ranges.back().span, otherwise.has_value()});
  for (size_t i = tested; i-- > 0;) {
    const Range& r = ranges[i];
    ir::ValueId test = ir::kNoValue;
    if (r.lo) {
      auto bound = constant(*r.lo, r.span);
      if (!bound) return fail();
      test = ir_.compare(r.loClosed ? ir::Pred::Le : ir::Pred::Lt, boundType, *bound, scrutinee.value, r.span);
    }
    if (r.hi) {
      auto bound = constant(*r.hi, r.span);
      if (!bound) return fail();
      ir::ValueId upper =
          ir_.compare(r.hiClosed ? ir::Pred::Le : ir::Pred::Lt, boundType, scrutinee.value, *bound, r.span);
      test = test == ir::kNoValue ? upper : ir_.binary(ir::Op::And, ir::Type::Flag, test, upper, r.span);
    }
    if (test == ir::kNoValue) test = ir_.constFlag(true, r.span);
    chain = ir_.select(type, test, u->values[i], chain, expr.span);
    choice.arms.insert(choice.arms.begin(), {test, true, r.span, false});
  }
  // A single arm is no choice: nothing was tested.
  choice.result = chain;
  if (choice.arms.front().test != ir::kNoValue) ir_.choice(std::move(choice));
  return {u->type, chain};
}

Typed Checker::checkCrossed(const ast::Expr& expr, Scope& scope) {
  const ast::Interval& interval = *expr.interval;
  if (!interval.lo || !interval.hi) {
    diags_.report(DiagKind::InvalidOperand, interval.span,
                  "跨越 needs the value before and the value now: 跨越 (之前, 现在] { … }");
    return fail();
  }
  Typed before = check(*interval.lo, scope);
  Typed now = check(*interval.hi, scope);
  if (before.error() || now.error()) return fail();
  auto span = interval.span;
  auto range = unify({before, now}, span, "compare");
  if (!range) return fail();
  if (range->type.kind != K::Int && range->type.kind != K::Quantity) {
    diags_.report(DiagKind::InvalidOperand, span,
                  fmt::format("跨越 takes numbers or quantities, not {}", typeName(range->type)));
    return fail();
  }
  std::vector<Typed> values;
  std::vector<ir::ValueId> thresholds;
  std::optional<Rational> previous;
  Span previousSpan;
  bool ok = true;
  ir::Type boundType = machineType(range->type);
  for (const ast::ThresholdArm& arm : expr.thresholds) {
    auto value = constantBound(*arm.threshold, range->type);
    values.push_back(check(*arm.value, scope));
    if (!value) {
      ok = false;
      continue;
    }
    if (previous && compare(*previous, *value).value_or(0) >= 0) {
      diags_.report(DiagKind::ThresholdsNotAscending, arm.threshold->span,
                    fmt::format("thresholds must rise: {} does not exceed the one before ({})",
                                sources_.text(arm.threshold->span), sources_.text(previousSpan)));
      ok = false;
    }
    previous = value;
    previousSpan = arm.threshold->span;
    if (!holdsConstant(value, range->type, arm.threshold->span)) {
      ok = false;
      continue;
    }
    thresholds.push_back(boundType == ir::Type::Int
                             ? ir_.constInt(static_cast<int64_t>(value->num), arm.threshold->span)
                             : ir_.constDec(value->toDec(), arm.threshold->span));
  }
  if (!ok) return fail();
  values.push_back(literalZero(expr.span));
  auto u = unify(values, expr.span, "add");
  if (!u) return fail();
  if (u->type.kind != K::Int && u->type.kind != K::Quantity) {
    diags_.report(DiagKind::TypeMismatch, expr.span,
                  fmt::format("跨越 pays numbers or quantities, not {}", typeName(u->type)));
    return fail();
  }
  ir::Type type = machineType(u->type);
  ir::ValueId zeroValue = u->values.back();
  ir::ValueId total = zeroValue;
  for (size_t i = 0; i < thresholds.size(); ++i) {
    Span armSpan = expr.thresholds[i].threshold->span;
    ir::ValueId above = ir_.compare(interval.loClosed ? ir::Pred::Le : ir::Pred::Lt, boundType, range->values[0],
                                    thresholds[i], armSpan);
    ir::ValueId reached = ir_.compare(interval.hiClosed ? ir::Pred::Le : ir::Pred::Lt, boundType, thresholds[i],
                                      range->values[1], armSpan);
    ir::ValueId crossed = ir_.binary(ir::Op::And, ir::Type::Flag, above, reached, armSpan);
    ir::ValueId paid = ir_.select(type, crossed, u->values[i], zeroValue, armSpan);
    ir_.choice(
        {ir::Choice::Kind::Threshold, paid, armSpan, ir::kNoValue, {}, {}, {}, {{crossed, true, armSpan, false}}});
    total = i == 0 ? paid
                   : ir_.binary(type == ir::Type::Int ? ir::Op::IntAdd : ir::Op::DecAdd, type, total, paid, expr.span);
  }
  return {u->type, total};
}

}  // namespace zc
