// An evaluation engine as the evaluation core drives it: records in, one
// outcome a record out. The interpreter is one; compiled code (the JIT's, or
// a library's own) is the other, through CompiledEngine below.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "zc/batch.h"
#include "zc/columnar.h"
#include "zc/outcome.h"
#include "zc/params.h"

namespace zc::rt {

class Engine {
 public:
  virtual ~Engine() = default;
  virtual void setParam(int index, const Scalar& value) = 0;
  // Evaluates records[0 .. count) into out[0 .. count).
  virtual void evaluate(const Record* records, size_t count, RecordOutcome* out) = 0;
  // Where a reader may type records straight into (ColumnarBatch's rows),
  // when the engine reads columns; null when it reads Records.
  virtual ColumnarBatch* columns() { return nullptr; }
  // Evaluates the rows finished in columns() into out[0 .. rows), row r
  // named ids[r] in its result.
  virtual void evaluateColumns(const std::string_view* ids, RecordOutcome* out) {}
  // Another engine for the same program, for another thread.
  virtual std::unique_ptr<Engine> clone() const = 0;
  // What its outcomes are assembled with; outlives the results it names.
  virtual const ResultTable& resultTable() const = 0;
};

// Code compiled from a ruleset: its batch function and the table its module
// carries. A JIT may store faster code into `function` between batches, so
// it is read before each one. Derived classes keep the code loaded.
struct CompiledCode {
  virtual ~CompiledCode() = default;
  const std::atomic<zc_batch_function>* function = nullptr;
  ResultTable table;
};

// Packs records into a columnar batch (or takes them typed into one) and calls the compiled function once
// for all of them. Clones share the code. `paramKinds` and `params` are the
// parameters in declaration order, with their defaults.
std::unique_ptr<Engine> makeCompiledEngine(std::shared_ptr<const CompiledCode> code, const RecordSchema& schema,
                                           std::vector<Kind> paramKinds, std::vector<Scalar> params);

}  // namespace zc::rt
