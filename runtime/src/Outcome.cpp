#include "zc/outcome.h"

#include <fmt/format.h>

#include <algorithm>

namespace zc::rt {

std::string formatEvalError(const std::vector<std::string>& locations, const EvalError& error) {
  if (error.site < 0 && error.status == ZC_ERR_RULE) return zc_status_message(error.status);
  if (error.site < 0) return fmt::format("{} while adding up the totals", zc_status_message(error.status));
  const std::string* location = static_cast<size_t>(error.site) < locations.size() ? &locations[error.site] : nullptr;
  std::string message = zc_status_message(error.status);
  if (error.status == ZC_ERR_NEGATIVE_AWARD)
    message = fmt::format("the award is {} 元, and a negative award is never paid", formatMoney(error.amount));
  if (location == nullptr || location->empty()) return message;
  return fmt::format("{}: {}", *location, message);
}

std::string chineseEvalError(const std::vector<std::string>& locations, const EvalError& error) {
  if (error.site < 0 && error.status == ZC_ERR_RULE) return chineseStatusMessage(error.status);
  if (error.site < 0) return fmt::format("汇总合计时{}", chineseStatusMessage(error.status));
  const std::string* location = static_cast<size_t>(error.site) < locations.size() ? &locations[error.site] : nullptr;
  std::string message = chineseStatusMessage(error.status);
  if (error.status == ZC_ERR_NEGATIVE_AWARD)
    message = fmt::format("奖励金额为 {} 元，负数的奖励不予发放", formatMoney(error.amount));
  if (location == nullptr || location->empty()) return message;
  return fmt::format("{}：{}", *location, message);
}

std::string itemName(const Record& record, int list, int key, bool keyIsText, int64_t item) {
  if (key < 0) return std::to_string(item + 1);
  const Scalar& value = record.fields[list].rows[item].values[key];
  return keyIsText ? value.text : std::to_string(value.i);
}

std::string itemName(const zc_batch& batch, int64_t row, int list, int key, bool keyIsText, int64_t item) {
  if (key < 0) return std::to_string(item + 1);
  const zc_column& column = batch.columns[list];
  int64_t at = column.offsets[row] + item;
  if (!keyIsText) return std::to_string(static_cast<const int64_t*>(column.fields[key])[at]);
  const zc_text& text = static_cast<const zc_text*>(column.fields[key])[at];
  return std::string(text.data, static_cast<size_t>(text.length));
}

namespace {

// `nameItem(list, key, keyIsText, item)`: how results name an item of the record's list.
template <typename ItemName>
RecordOutcome assemble(const ResultTable& table, std::string_view id, const ItemName& nameItem,
                       const ClauseOutcomes& outcomes) {
  RecordOutcome out;
  RecordResult result;
  result.id = id;
  auto award = [&](const ResultTable::ClauseEntry& clause, const zc_dec& amount, std::optional<std::string> item) {
    bool paid = clause.kind == ResultKind::Award;
    result.awards.push_back({clause.id, clause.beneficiary, paid, clause.kind == ResultKind::Manual,
                             paid ? amount : zc_dec{}, std::move(item), clause.payer});
  };
  for (size_t c = 0; c < table.clauses.size(); ++c) {
    const ResultTable::ClauseEntry& clause = table.clauses[c];
    if (clause.itemList >= 0) {
      bool itemFailed = false;
      for (size_t i = 0; i < outcomes.itemCount; ++i) {
        const zc_item_outcome& o = outcomes.items[i];
        if (o.clause != static_cast<int32_t>(c)) continue;
        std::string name = nameItem(clause.itemList, clause.itemKey, clause.itemKeyIsText, o.item);
        if (o.status != ZC_OK) {
          EvalError error{static_cast<zc_status>(o.status), o.site, static_cast<int>(c), o.amount};
          result.errors.push_back({clause.id, formatEvalError(table, error), std::move(name)});
          itemFailed = true;
        } else if (o.fired) {
          award(clause, o.amount, std::move(name));
        }
      }
      // A failure of the clause's own (its total overflowed, memory ran out) that no item names.
      if (outcomes.status[c] != ZC_OK && !itemFailed) {
        EvalError error{static_cast<zc_status>(outcomes.status[c]), outcomes.site[c], static_cast<int>(c),
                        outcomes.amounts[c]};
        result.errors.push_back({clause.id, formatEvalError(table, error), std::nullopt});
      }
      continue;
    }
    if (outcomes.status[c] != ZC_OK) {
      EvalError error{static_cast<zc_status>(outcomes.status[c]), outcomes.site[c], static_cast<int>(c),
                      outcomes.amounts[c]};
      result.errors.push_back({clause.id, formatEvalError(table, error), std::nullopt});
      continue;
    }
    if (outcomes.fired[c]) award(clause, outcomes.amounts[c], std::nullopt);
  }
  auto byClause = [](const Award& a, const Award& b) {
    return a.clause != b.clause ? a.clause < b.clause : a.item.has_value() ? false : a.beneficiary < b.beneficiary;
  };
  // Stable where a per-item clause's awards must stay in list order; a
  // stable sort allocates, which every other record is spared.
  bool items =
      std::any_of(result.awards.begin(), result.awards.end(), [](const Award& a) { return a.item.has_value(); });
  if (items)
    std::stable_sort(result.awards.begin(), result.awards.end(), byClause);
  else
    std::sort(result.awards.begin(), result.awards.end(), byClause);
  for (const auto& b : table.beneficiaries) {
    Total total{b.totalKey, b.name, {}};
    for (const Award& a : result.awards) {
      if (a.beneficiary == b.name && a.hasAmount && zc_dec_add(&total.amount, &a.amount, &total.amount) != ZC_OK) {
        out.error = EvalError{ZC_ERR_OVERFLOW, -1, -1};
        return out;
      }
    }
    result.totals.push_back(std::move(total));
  }
  out.result = std::move(result);
  return out;
}

}  // namespace

RecordOutcome assembleOutcome(const ResultTable& table, const Record& record, const ClauseOutcomes& outcomes) {
  auto nameItem = [&](int list, int key, bool keyIsText, int64_t item) {
    return itemName(record, list, key, keyIsText, item);
  };
  return assemble(table, record.id, nameItem, outcomes);
}

RecordOutcome assembleOutcome(const ResultTable& table, std::string_view id, const zc_batch& batch, int64_t row,
                              const ClauseOutcomes& outcomes) {
  auto nameItem = [&](int list, int key, bool keyIsText, int64_t item) {
    return itemName(batch, row, list, key, keyIsText, item);
  };
  return assemble(table, id, nameItem, outcomes);
}

}  // namespace zc::rt
