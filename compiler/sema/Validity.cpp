// Time in a policy: its 截至 date (the day a record is judged on, e.g. the
// end of its 年度), the 有效期 windows tested against it, and dated
// parameters, whose value is the one in force on it. The 截至 expression is
// checked afresh at each use, so its IR belongs to the step that reads it.

#include <fmt/format.h>

#include "ir/RuntimeFunction.h"
#include "sema/Checker.h"

namespace zc {

using sema::Type;
using K = Type::Kind;

Typed Checker::judgingDate(const Scope& scope, Span use, std::string_view what) {
  if (scope.asOfBroken) return fail();
  if (scope.asOf == nullptr) {
    auto& d = diags_.report(DiagKind::NoJudgingDate, use,
                            fmt::format("{}, and there is no 截至 date here to judge by", what));
    d.hint = "a policy names the date its records are judged on: 截至 构造日期(年度, 12, 31);";
    return fail();
  }
  Scope inner = scope;
  inner.asOf = nullptr;
  Typed date = check(*scope.asOf, inner);
  return date.error() || date.type.kind != K::Date ? fail() : date;
}

std::optional<ir::ValueId> Checker::inForce(const std::vector<ast::Window>& windows, Scope& scope) {
  if (windows.empty()) return std::nullopt;
  for (size_t i = 1; i < windows.size(); ++i) {
    auto& d = diags_.report(DiagKind::JudgingDateTwice, windows[i].span, "a second 有效期: which one holds?");
    d.notes.push_back({windows[0].span, "the first"});
  }
  const ast::Window& window = windows[0];
  Typed date = judgingDate(scope, window.span, "有效期 tests the date a record is judged on");
  if (date.error()) return std::nullopt;
  Typed holds = checkWithin(date, window.dates, window.span, scope);
  if (holds.error()) return std::nullopt;
  return holds.value;
}

Typed Checker::datedParam(int index, const ast::Expr& use, Scope& scope) {
  const sema::ParamInfo& first = out_.symbols.params[index];
  Typed date = judgingDate(scope, use.span, fmt::format("参数 {} takes its value by date", first.name));
  if (date.error()) return fail();
  // The latest value whose date has come; before the first, none.
  ir::ValueId chosen =
      ir_.call(static_cast<int>(ir::RuntimeFn::NoDatedValue), ir::Type::Dec, {ir_.constDec({}, use.span)}, use.span);
  for (int i = index; i < index + first.dated; ++i) {
    const sema::ParamInfo& entry = out_.symbols.params[i];
    ir::ValueId from = ir_.constDate(*entry.from, use.span);
    ir::ValueId begun = ir_.compare(ir::Pred::Le, ir::Type::Date, from, date.value, use.span);
    chosen = ir_.select(ir::Type::Dec, begun, ir_.param(i, ir::Type::Dec, use.span), chosen, use.span);
  }
  return {first.type, chosen};
}

}  // namespace zc
