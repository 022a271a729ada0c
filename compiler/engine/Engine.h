// What every evaluation engine gives for a record, and the one place where a
// record's per-clause outcomes become its result — so the interpreter and
// the JIT cannot differ in sorting, totals or messages.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ir/Ir.h"
#include "zc/record.h"
#include "zc/results.h"

namespace zc {

// A run-time failure (overflow, division by zero, a date that does not exist)
// and where in the ruleset it happened.
struct EvalError {
  zc_status status;
  Span span;           // empty (end 0) for a failure outside any operation
  std::string clause;  // the clause being evaluated, if any
};

// "rules.zc:12:5: arithmetic overflow (in clause CJ-B-6)": one message for every engine.
std::string formatEvalError(const SourceManager& sources, const EvalError& error);

struct RecordOutcome {
  std::optional<rt::RecordResult> result;
  std::optional<EvalError> error;
};

// fired[c] and amounts[c] per clause c, in the program's clause order.
RecordOutcome assembleOutcome(const ir::Program& program, const std::string& id, const uint8_t* fired,
                              const zc_dec* amounts);

class Engine {
 public:
  virtual ~Engine() = default;
  virtual void setParam(int index, const rt::Scalar& value) = 0;
  // Evaluates records[0 .. count) into out[0 .. count).
  virtual void evaluate(const rt::Record* records, size_t count, RecordOutcome* out) = 0;
  // Another engine for the same program, for another thread.
  virtual std::unique_ptr<Engine> clone() const = 0;
};

}  // namespace zc
