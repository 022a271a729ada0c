// What every evaluation engine gives for a record, and the one place where a
// record's per-clause outcomes become its result — so the interpreter, the
// JIT and compiled libraries cannot differ in sorting, totals or messages.
#pragma once

#include <optional>
#include <string>

#include "zc/batch.h"
#include "zc/record.h"
#include "zc/result_table.h"
#include "zc/results.h"

namespace zc::rt {

// A run-time failure (overflow, division by zero, a date that does not exist,
// a negative award) and where in the ruleset it happened.
struct EvalError {
  zc_status status;
  int32_t site = -1;  // the failing instruction; -1 for a failure outside any (the totals)
  int clause = -1;    // the clause it fails, if any
  zc_dec amount{};    // ZC_ERR_NEGATIVE_AWARD: the amount refused, in 元
};

// "rules.zc:12:5: arithmetic overflow": one message for every engine. Only
// the locations are read (an explanation passes a program's own).
std::string formatEvalError(const std::vector<std::string>& locations, const EvalError& error);
inline std::string formatEvalError(const ResultTable& table, const EvalError& error) {
  return formatEvalError(table.locations, error);
}
// The same in Chinese, for zc serve and the page: "rules.zc:12:5：除数为零".
std::string chineseEvalError(const std::vector<std::string>& locations, const EvalError& error);
inline std::string chineseEvalError(const ResultTable& table, const EvalError& error) {
  return chineseEvalError(table.locations, error);
}

// One record's clauses as an engine leaves them, each array indexed by clause.
// A clause failed with ZC_ERR_NEGATIVE_AWARD keeps the refused amount.
// Per-item clauses report their items instead: the record's item outcomes.
struct ClauseOutcomes {
  const uint8_t* fired;
  const zc_dec* amounts;
  const int32_t* status;
  const int32_t* site;
  const zc_item_outcome* items = nullptr;
  size_t itemCount = 0;
};

// zc_item_results, owned: freed with it.
struct ItemResults : zc_item_results {
  ItemResults() : zc_item_results{nullptr, 0, 0} {}
  ~ItemResults() { zc_item_results_free(this); }
  ItemResults(const ItemResults&) = delete;
  ItemResults& operator=(const ItemResults&) = delete;
  // Row `row`'s outcomes, the rows taken in rising order: `cursor` starts
  // at 0 and moves past each row's.
  void takeRow(int64_t row, int64_t& cursor, ClauseOutcomes& into) const {
    int64_t first = cursor;
    while (cursor < count && outcomes[cursor].row == row) ++cursor;
    into.items = first < count ? outcomes + first : nullptr;
    into.itemCount = static_cast<size_t>(cursor - first);
  }
};

// How results name an item of a per-item clause: its 键, or its position from 1.
std::string itemName(const Record& record, int list, int key, bool keyIsText, int64_t item);
std::string itemName(const zc_batch& batch, int64_t row, int list, int key, bool keyIsText, int64_t item);

// The result, with each failed clause under errors; or an error of the whole
// record (totals that no longer fit).
struct RecordOutcome {
  std::optional<RecordResult> result;
  std::optional<EvalError> error;
};

RecordOutcome assembleOutcome(const ResultTable& table, const Record& record, const ClauseOutcomes& outcomes);
// The same for a row of a columnar batch that no Record stands behind: the
// row's id, and its items named from the batch's columns.
RecordOutcome assembleOutcome(const ResultTable& table, std::string_view id, const zc_batch& batch, int64_t row,
                              const ClauseOutcomes& outcomes);

}  // namespace zc::rt
