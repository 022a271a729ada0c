// How `zc run` writes results: one sink a format (jsonl, csv, table), chosen
// once. Every input record gets exactly one entry, a result or a failure.
// Workers format the records of their chunk in parallel, each into the
// chunk's own buffer; the writer then writes the buffers in input order.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "ir/Ir.h"
#include "source/SourceManager.h"
#include "zc/record.h"
#include "zc/results.h"

namespace zc {

// What a paid amount is traced back to: the ruleset's source (SHA-256 of its
// files, as zc build's libraries carry it), the zc that computed it, the day.
struct Provenance {
  std::string sourceHash;
  std::string zcVersion;
  std::string runDate;  // YYYY-MM-DD
};

// zc run --provenance: the line before a text format's results that names
// them (docs/results.md): a JSON object for jsonl, a line of text for csv and
// table (which a CSV reader skips: pandas' skiprows=1).
std::string provenanceLine(std::string_view format, const Provenance& provenance);
// The same as JSON members, for the run summary: "\"provenance\": {…}".
std::string provenanceJson(const Provenance& provenance);

class ResultSink {
 public:
  // One chunk's formatted rows. A sink may keep more in it: the table's sums.
  struct Buffer {
    virtual ~Buffer() = default;
    std::string text;
  };

  virtual ~ResultSink() = default;
  virtual std::unique_ptr<Buffer> newBuffer() const { return std::make_unique<Buffer>(); }
  virtual void writeHeader(std::FILE* out) const {}
  // Called by workers in parallel, each with its own chunk's buffer. The
  // record is there for a sink that shows more of it than its id (xlsx).
  virtual void addResult(Buffer& buffer, const rt::RecordResult& result, const rt::Record* record) const = 0;
  void addResult(Buffer& buffer, const rt::RecordResult& result) const { addResult(buffer, result, nullptr); }
  virtual void addFailure(Buffer& buffer, const rt::FailedRecord& failed) const = 0;
  // Called in input order: writes the buffer's rows and empties it for reuse.
  virtual void write(std::FILE* out, Buffer& buffer);
  // After the last chunk: the table's totals line.
  virtual void writeEnd(std::FILE* out) {}
};

// format: jsonl, csv or table, as the command line allows; items: the
// ruleset pays per item (CSV then has an item column); payers: a clause names
// its 出资方 (CSV and the table then have a payer column, the table totals by payer).
std::unique_ptr<ResultSink> makeResultSink(std::string_view format, bool items = false, bool payers = false);

// The Excel report (--format xlsx): a sheet of awards with each clause's 原文
// and formula (its text, from `sources`), totals by clause, policy,
// beneficiary and (where clauses name one) payer, and the records that failed, each sheet headed by the
// provenance. Throws std::runtime_error when the workbook cannot be made.
std::unique_ptr<ResultSink> makeXlsxResultSink(const ir::Program& program, const SourceManager& sources,
                                               const Provenance& provenance);

}  // namespace zc
