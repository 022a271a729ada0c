// Evaluates a stream of records on all cores: the input is cut into chunks,
// workers decode and evaluate them, and the results are written in input
// order. Memory stays bounded: only a few chunks are in flight at a time.
#pragma once

#include <cstdio>
#include <istream>
#include <memory>
#include <string>

#include "engine/Engine.h"

namespace zc {

// Where records come from: each as the JSON object text the reader decodes.
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // The next record; false at the end. A record that cannot even be cut out
  // of the input (a CSV row with an open quote) comes with a problem instead.
  virtual bool next(std::string& json, size_t& line, std::string& problem) = 0;
  virtual uint64_t bytesRead() const = 0;
};

std::unique_ptr<RecordSource> jsonLinesSource(std::istream& in);
// Reads the header row first; nothing (with a message) if it has none.
std::unique_ptr<RecordSource> csvSource(std::istream& in, const rt::RecordSchema& schema, std::string& problem);

struct BulkOptions {
  std::string inputName;   // for messages: "data.jsonl:12: …"
  std::string format;      // jsonl, csv or table
  unsigned threads = 0;    // 0: one per core
  size_t chunkRecords = 4096;
  bool progress = false;   // a progress line on stderr
  uint64_t inputBytes = 0; // for the progress line's ETA; 0 if unknown
};

struct BulkSummary {
  size_t records = 0;
  size_t failed = 0;
};

// Evaluates every record of the source, writes results to `out` and problems to stderr.
BulkSummary runBulk(const ir::Program& program, const Engine& engine, RecordSource& source, std::FILE* out,
                    const BulkOptions& options);

}  // namespace zc
