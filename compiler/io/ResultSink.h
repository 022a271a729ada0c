// How `zc run` writes results: one sink a format (jsonl, csv, table), chosen
// once. Every input record gets exactly one entry, a result or a failure.
// Workers format the records of their chunk in parallel, each into the
// chunk's own buffer; the writer then writes the buffers in input order.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "zc/results.h"

namespace zc {

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
  // Called by workers in parallel, each with its own chunk's buffer.
  virtual void addResult(Buffer& buffer, const rt::RecordResult& result) const = 0;
  virtual void addFailure(Buffer& buffer, const rt::FailedRecord& failed) const = 0;
  // Called in input order: writes the buffer's rows and empties it for reuse.
  virtual void write(std::FILE* out, Buffer& buffer);
  // After the last chunk: the table's totals line.
  virtual void writeEnd(std::FILE* out) {}
};

// format: jsonl, csv or table, as the command line allows; items: the
// ruleset pays per item (CSV then has an item column).
std::unique_ptr<ResultSink> makeResultSink(std::string_view format, bool items = false);

}  // namespace zc
