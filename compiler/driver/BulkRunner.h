// Evaluates a stream of records on all cores: the input is cut into chunks,
// workers decode and evaluate them, and the results are written in input
// order. Memory stays bounded: only a few chunks are in flight at a time.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "engine/RunFigures.h"
#include "io/RecordSource.h"
#include "io/ResultSink.h"
#include "io/RunSummary.h"
#include "ir/Ir.h"
#include "zc/engine.h"

namespace zc {

struct BulkOptions {
  std::string inputName;                   // for messages: "data.jsonl:12: …"
  std::string format;                      // jsonl, csv, table or xlsx
  Provenance provenance;                   // for the formats that carry it
  bool provenanceLine = false;             // --provenance: jsonl, csv and table begin with a line naming it
  const SourceManager* sources = nullptr;  // the ruleset's text: needed by xlsx, for its formulas
  unsigned threads = 0;                    // 0: one per core
  size_t chunkRecords = 4096;
  bool progress = false;           // a progress line on stderr
  uint64_t inputBytes = 0;         // for the progress line's ETA; 0 if unknown
  std::vector<int64_t> poolCents;  // per 资金池 of the program: its amount in 分, parameters applied
  // zc run --explain: whether the record of this id is to be explained (null: none is).
  std::function<bool(std::string_view id)> explain;
};

struct BulkSummary {
  size_t records = 0;
  size_t failed = 0;
  std::vector<uint64_t> ranked;  // per 排名 of the program: how many records it ranked
  // With BulkOptions::explain, each record chosen that was evaluated, in
  // input order: the record as the engines read it (its places written) and
  // its awards' shares of the pools.
  struct Explained {
    size_t line = 0;
    rt::Record record;
    std::vector<PoolShare> shares;
  };
  std::vector<Explained> explained;
  std::vector<PoolUse> pools;  // per 资金池, as settled
};

// Evaluates every record of the source, writes results to `out` and problems
// to stderr, and adds what was paid to `totals`. A program with a 资金池 is
// run in two phases: every record is evaluated and its row held back in a
// temporary file, with only each claim (its pool, amount and order key)
// kept in memory; the pools are settled (zc/pool.h), then the rows are
// written in input order with the settled amounts. A program with a 排名
// reads the source once first (driver/RankedInput.h), keeping each ranked
// record's keys and holding the records in a temporary file, ranks them,
// and evaluates the held records with their places. Throws
// std::runtime_error when the worker threads cannot start or the held-back
// rows or records cannot be written or read.
BulkSummary runBulk(const ir::Program& program, const rt::Engine& engine, RecordSource& source, std::FILE* out,
                    const BulkOptions& options, RunSummary& totals);

}  // namespace zc
