// The evaluation core: records as an input holds them → decoded → evaluated
// by an engine → one row a record, in input order: its result, or why it has
// none. zc run, zc serve, a compiled library and the tests all evaluate
// through it, so a record is read, failed and reported the same by each.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zc/engine.h"
#include "zc/json_lines.h"
#include "zc/json_reader.h"
#include "zc/pool_claims.h"
#include "zc/ranking.h"

namespace zc::rt {

// One record as the input holds it, before it is decoded.
struct RecordInput {
  std::string_view json;     // its JSON object; with `cells`, its row of cells (appendCell, zc/csv.h)
  size_t line = 0;           // its first line in the input
  std::string_view problem;  // why it cannot even be decoded (a CSV row with an open quote), or empty
  std::string_view id;       // with a problem: the id, where the input still shows it
  bool cells = false;        // typed by the evaluator's CellReader, not read as JSON
};

// Types inputs that come as rows of cells (RecordInput::cells) straight into
// records: CSV and sheet rows (CellRecordReader, zc/csv.h), which a compiled
// library, taking JSON only, does without.
class CellReader {
 public:
  virtual ~CellReader() = default;
  // Decodes one row into out. A row whose cells cannot be read as a record
  // at all is not decoded: `problem` says why and `id` is its id where its
  // cells show one, reported as RecordInput::problem and id are; both are
  // left empty otherwise.
  virtual DecodeOutcome decode(std::string_view row, Record& out, std::string& problem, std::string& id) = 0;
};

// What became of one record.
struct RecordRow {
  const RecordInput& input;
  const DecodeOutcome& decoded;  // its unknown fields, for warnings
  std::string_view id;           // empty when it could not be read
  const RecordResult* result;    // null: the record failed, and `error` says why
  std::string_view error;
  const Record* record = nullptr;        // with a result: the record evaluated, unless not needed (setRecordsNeeded)
  const EvalError* evalError = nullptr;  // a record read but not evaluated: what failed, as a value
};

class RecordEvaluator {
 public:
  RecordEvaluator(const RecordSchema& schema, std::unique_ptr<Engine> engine);
  Engine& engine() const { return *engine_; }
  // Called with each decoded record, and its place among the inputs of the
  // evaluate() call, before the engine sees it: a run's rankings write their
  // ranks into it (zc/ranking.h).
  void setPrepare(std::function<void(size_t input, Record& record)> prepare) { prepare_ = std::move(prepare); }
  // Whether rows carry their decoded Record (RecordRow::record): a 资金池's
  // order, --explain and a workbook's name column read it. Without it (and
  // without a prepare), an engine that reads columns (compiled code) gets
  // its records typed straight into them, with no Record in between. On by
  // default.
  void setRecordsNeeded(bool needed) { recordsNeeded_ = needed; }
  // Decodes each input (without a problem) in place of the JSON reader: a
  // run's 排名 decoded its records once already and hands them over held
  // (driver/HeldRecord.h), so they are not decoded again.
  void setDecode(std::function<DecodeOutcome(const RecordInput& input, Record& out)> decode) {
    decode_ = std::move(decode);
  }
  // What reads an input with `cells` from now on.
  void readCells(std::unique_ptr<CellReader> reader) { cellReader_ = std::move(reader); }
  // Decodes one input alone, as evaluate() would: whether it can be evaluated.
  bool decode(const RecordInput& input, Record& out);
  // Decodes inputs[0 .. count), evaluates the readable ones in one engine
  // call, then hands each record's row to `row` in input order. `padded`:
  // each input's text is followed by a NUL and kJsonPadding readable bytes,
  // so it is decoded where it lies.
  void evaluate(const RecordInput* inputs, size_t count, bool padded, const std::function<void(const RecordRow&)>& row);

 private:
  std::unique_ptr<Engine> engine_;
  std::function<void(size_t, Record&)> prepare_;
  std::function<DecodeOutcome(const RecordInput&, Record&)> decode_;
  JsonRecordReader reader_;
  bool recordsNeeded_ = true;
  std::unique_ptr<CellReader> cellReader_;
  std::vector<Record> records_;         // the readable ones, packed for the engine
  std::vector<std::string_view> ids_;   // or, typed into its columns, their ids
  std::vector<DecodeOutcome> decoded_;  // per input
  // Per input: why a row of cells could not be read, and its id (CellRecordReader::decode).
  std::vector<std::string> cellProblem_, cellId_;
  std::vector<size_t> slotOf_;  // per input: its place in records_ if readable
  std::vector<RecordOutcome> outcomes_;
  std::string error_;
};

struct JsonLinesTally {
  size_t records = 0;
  size_t unreadable = 0;    // not read or not evaluated: a row with "error"
  size_t clauseErrors = 0;  // evaluated, with some clause failed: "errors" in the row
  // A field the schema does not have, at the first line that gave it (as zc run warns, once a
  // field); the first 100.
  std::vector<std::pair<size_t, std::string>> unknownFields;
};

// Appends to `out` the rows zc run --format jsonl writes for these lines.
// `goOn` is asked before each engine call (a deadline): when it says no,
// returns false and `out` is incomplete.
bool evaluateJsonLines(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, std::string& out,
                       JsonLinesTally& tally, const std::function<bool()>& goOn = nullptr);

// The places a run's rankings gave a call's lines: places[i × rankings.size()
// + r] is line i's place in ranking r (0: not ranked), written into each
// record's rank fields before it is evaluated. None when `rankings` is null.
struct LinePlaces {
  const std::vector<RankingSpec>* rankings = nullptr;
  const int64_t* places = nullptr;
};

// A 资金池's two phases over JSON Lines, for a compiled library
// (zhengce_pool_claims, zhengce_evaluate_jsonl_settled): the claims these
// lines' records make, in input order (false, with `problem`, when an award
// is too large for a pool); and the rows zc run --format jsonl writes for
// them once the pools are settled, each claim paid granted[pool][next[pool]++]
// 分 (zc/pool_claims.h), so the rows of a run cut into parts are zc run's —
// false, with `out` incomplete, when the shares given run out. A ruleset
// that ranks as well gives each line its places (as many as lines), so its
// records claim and are paid as ranked.
bool poolClaimsOfJsonLines(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, const PoolLayout& pools,
                           std::vector<PoolClaim>& claims, std::string& problem, const LinePlaces& places = {});
bool evaluateJsonLinesSettled(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, const PoolLayout& pools,
                              const PoolLayout::Shares& granted, std::vector<size_t>& next, std::string& out,
                              JsonLinesTally& tally, const LinePlaces& places = {});

// A 排名's phases over JSON Lines, for a compiled library (zhengce_rank_keys,
// zhengce_evaluate_jsonl_ranked): each line's record's keys (rankKeyBytes a
// record, appendRankKeys), and the rows zc run --format jsonl writes for
// them with their places (as many as lines).
void rankKeysOfJsonLines(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines,
                         const std::vector<RankingSpec>& rankings, std::string& keys);
void evaluateJsonLinesRanked(RecordEvaluator& evaluator, const std::vector<JsonLine>& lines, const LinePlaces& places,
                             std::string& out, JsonLinesTally& tally);

}  // namespace zc::rt
