#include "driver/BulkRunner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "driver/HeldRecord.h"
#include "driver/PoolShares.h"
#include "driver/RankedInput.h"
#include "driver/ResultSpill.h"
#include "engine/PoolSettings.h"
#include "engine/RankSettings.h"
#include "engine/ResultText.h"
#include "io/DuplicateIds.h"
#include "io/ResultSink.h"
#include "zc/csv.h"
#include "zc/pool.h"
#include "zc/pool_claims.h"
#include "zc/record_evaluator.h"

namespace zc {

namespace {

// How long the input may be quiet before the results read so far are written.
constexpr std::chrono::milliseconds kIdleWait{50};
// A chunk read as a block: about this many bytes a record it is meant to hold.
constexpr size_t kBlockBytesPerRecord = 512;

// A run of input lines and everything their evaluation writes.
struct Chunk {
  explicit Chunk(const ir::Program& program) : tally(program) {}
  RawRecords inputs;
  // Read as a block of whole lines (RecordSource::nextBlock), which its
  // worker cuts into `inputs`: where it starts, and the blank lines it held.
  bool block = false;
  LineBlock lines;
  std::vector<size_t> blankLines;
  uint64_t firstOrdinal = 0;  // the number of its first record in the input, from 0 (a 排名's place is by it)
  std::unique_ptr<ResultSink::Buffer> output;
  // stderr, in line order; an unknown-field warning names its field so the
  // writer can print it only the first time.
  struct Message {
    std::string unknownField;
    std::string text;
  };
  std::vector<Message> messages;
  DuplicateIds::Chunk ids;
  size_t records = 0, failed = 0;
  RunSummary tally;                               // what the rows written paid (a run without a pool)
  std::string spill;                              // a run with a pool: the rows held back (ResultSpill.h)
  std::vector<rt::PoolClaim> claims;              // and the claims among their awards, in input order
  std::vector<BulkSummary::Explained> explained;  // the records --explain chose
};

// One worker's reusable state: its own evaluation core and engine.
class Worker {
 public:
  Worker(const ir::Program& program, const rt::Engine& engine, const ResultSink& sink, const RecordSource& source,
         const std::vector<std::string>* cellHeader, const BulkOptions& options, const rt::PoolLayout& pools,
         const rt::RankTable& ranks)
      : core_(program.schema, engine.clone()),
        sink_(sink),
        source_(source),
        cells_(cellHeader != nullptr),
        options_(options),
        pools_(pools) {
    if (cells_) core_.readCells(std::make_unique<rt::CellRecordReader>(program.schema, *cellHeader));
    // A ranked run's records come read back as its ranking decoded them
    // (RankedInput.h), not decoded again, each with its places written into
    // it before the engine reads it.
    if (!ranks.empty()) {
      places_.emplace(ranks);
      core_.setPrepare([this](size_t input, rt::Record& record) { places_->apply(first_ + input, record); });
      held_.emplace(program.schema);
      core_.setDecode([this](const rt::RecordInput& input, rt::Record& out) { return held_->read(input.json, out); });
    }
    // Only these read a row's record; without them a compiled engine gets
    // the records typed straight into its columns.
    core_.setRecordsNeeded(!pools.empty() || static_cast<bool>(options.explain) || options.format == "xlsx");
  }

  // The chunk a slice at a time: a slice's decoded records (a few KiB each)
  // stay in cache from decoding through packing to formatting.
  void process(Chunk& chunk) {
    if (chunk.block) cutBlock(chunk.inputs, chunk.lines, chunk.blankLines);
    for (size_t from = 0; from < chunk.inputs.size(); from += kSliceRecords)
      process(chunk, from, std::min(chunk.inputs.size(), from + kSliceRecords));
  }

 private:
  static constexpr size_t kSliceRecords = 128;

  // Records [from, to) of the chunk through the core; a row and messages
  // for every record, in input order.
  void process(Chunk& chunk, size_t from, size_t to) {
    inputs_.clear();
    first_ = chunk.firstOrdinal + from;
    for (size_t i = from; i < to; ++i) {
      const RawRecord& raw = chunk.inputs[i];
      inputs_.push_back({chunk.inputs.json(raw), raw.line, raw.problem, raw.id, cells_});
    }
    core_.evaluate(inputs_.data(), inputs_.size(), true, [&](const rt::RecordRow& row) { addRow(chunk, row); });
  }

  // A line for stderr: record text in it is escaped, so no id forges a line.
  static std::string line(std::string text) { return rt::printable(text) + "\n"; }

  void addRow(Chunk& chunk, const rt::RecordRow& row) {
    size_t at = row.input.line;
    ++chunk.records;
    for (const auto& field : row.decoded.unknownFields)
      chunk.messages.push_back(
          {field, line(fmt::format("{}: warning: unknown field '{}' is ignored (reported once)",
                                   source_.where(options_.inputName, at, "column " + field), field))});
    if (!row.id.empty()) chunk.ids.add(row.id, at);
    if (row.result != nullptr) {
      // A clause that failed fails alone: the row keeps the other awards.
      for (const rt::ClauseError& e : row.result->errors)
        chunk.messages.push_back(
            {"", line(fmt::format("{}: record {}: {} ({})", source_.where(options_.inputName, at, ""), row.result->id,
                                  e.message, failedIn(e)))});
      if (!row.result->errors.empty()) ++chunk.failed;
      if (options_.explain && options_.explain(row.id)) chunk.explained.push_back({at, *row.record, {}});
      if (pools_.empty()) {
        chunk.tally.add(*row.result);
        sink_.addResult(*chunk.output, *row.result, row.record);
        return;
      }
      std::string problem;
      if (!pools_.claims(*row.result, *row.record, chunk.claims, problem))
        throw std::runtime_error(
            fmt::format("{}: record {}: {}", source_.where(options_.inputName, at, ""), row.result->id, problem));
      spillResult(chunk.spill, *row.result);
      return;
    }
    std::string who = !row.input.problem.empty() ? (row.id.empty() ? "" : fmt::format("record {}: ", row.id))
                      : !row.decoded.ok          ? (row.id.empty() ? "record: " : fmt::format("record {}: ", row.id))
                                                 : fmt::format("record {}: ", row.id);
    chunk.messages.push_back(
        {"", line(fmt::format("{}: {}{}", source_.where(options_.inputName, at, row.error), who, row.error))});
    if (pools_.empty()) {
      chunk.tally.addFailure();
      sink_.addFailure(*chunk.output, {row.id, at, row.error});
    } else {
      spillFailure(chunk.spill, {row.id, at, row.error});
    }
    ++chunk.failed;
  }

  rt::RecordEvaluator core_;
  const ResultSink& sink_;
  const RecordSource& source_;  // only to say where a record is
  bool cells_;                  // the inputs are rows of cells, not JSON
  const BulkOptions& options_;
  const rt::PoolLayout& pools_;
  std::vector<rt::RecordInput> inputs_;
  std::optional<rt::RankTable::Reader> places_;  // a run with a 排名
  std::optional<HeldRecordReader> held_;         // and its records
  uint64_t first_ = 0;                           // the input's number of the slice's first record
};

// Workers take chunks from a queue; each chunk's promise tells the writer.
class WorkerPool {
 public:
  WorkerPool(unsigned count, const ir::Program& program, const rt::Engine& engine, const ResultSink& sink,
             const RecordSource& source, const std::vector<std::string>* cellHeader, const BulkOptions& options,
             const rt::PoolLayout& pools, const rt::RankTable& ranks) {
    for (unsigned i = 0; i < count; ++i)
      workers_.push_back(std::make_unique<Worker>(program, engine, sink, source, cellHeader, options, pools, ranks));
    try {
      for (unsigned i = 0; i < count; ++i) threads_.emplace_back([this, i] { loop(*workers_[i]); });
    } catch (const std::system_error& e) {
      // The threads that did start must be joined before the pool goes.
      stop();
      throw std::runtime_error(fmt::format("cannot start {} worker threads: {}", count, e.what()));
    }
  }
  ~WorkerPool() { stop(); }
  std::future<void> submit(Chunk& chunk) {
    std::packaged_task<void(Worker&)> task([&chunk](Worker& w) { w.process(chunk); });
    std::future<void> done = task.get_future();
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(task));
    }
    ready_.notify_one();
    return done;
  }

 private:
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  void loop(Worker& worker) {
    for (;;) {
      std::packaged_task<void(Worker&)> task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task(worker);
    }
  }

  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<void(Worker&)>> queue_;
  bool stopping_ = false;
};

class Progress {
 public:
  explicit Progress(const BulkOptions& options) : options_(options), start_(std::chrono::steady_clock::now()) {}
  void update(size_t records, uint64_t bytes, bool final) {
    if (!options_.progress) return;
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? records / seconds : 0;
    std::string eta = "--:--", bar;
    if (options_.inputBytes > 0 && bytes > 0 && seconds > 0) {
      double done = std::min(1.0, static_cast<double>(bytes) / options_.inputBytes);
      double left = seconds * (1 / done - 1);
      eta = fmt::format("{}:{:02}", static_cast<int>(left) / 60, static_cast<int>(left) % 60);
      int filled = static_cast<int>(done * 30);
      bar = fmt::format("[{}{}] {:3.0f}%  ", std::string(filled, '#'), std::string(30 - filled, '.'), done * 100);
    }
    fmt::print(stderr, "\r\x1b[K{}{} records  {:.0f} records/s  ETA {}", bar, records, rate, eta);
    if (final) fmt::print(stderr, "\r\x1b[K");
  }

 private:
  const BulkOptions& options_;
  std::chrono::steady_clock::time_point start_, last_;
};

// Up to this many lines or ids are named in a warning.
constexpr size_t kNamed = 10;

std::string named(const std::vector<size_t>& lines) {
  std::string text;
  for (size_t i = 0; i < lines.size() && i < kNamed; ++i) text += (i > 0 ? ", " : "") + std::to_string(lines[i]);
  return lines.size() > kNamed ? text + ", …" : text;
}

// One warning an id, for the first few; the records are evaluated all the same.
void warnOfDuplicateIds(const std::string& inputName, const DuplicateIds::Found& duplicates) {
  for (const DuplicateIds::Duplicate& d : duplicates.first)
    fmt::print(stderr, "{}: warning: the id {} is given to {} records (lines {}); each is evaluated\n", inputName,
               rt::printable(d.id), d.records, named(d.lines));
  if (duplicates.count > kNamed)
    fmt::print(stderr, "{}: warning: and {} more ids are given to more than one record\n", inputName,
               duplicates.count - kNamed);
}

// One warning for all of them, naming the first few.
void warnOfBlankLines(const std::string& inputName, const std::vector<size_t>& lines) {
  if (lines.empty()) return;
  fmt::print(stderr, "{}: warning: {} blank line{} skipped (line{} {})\n", inputName, lines.size(),
             lines.size() == 1 ? "" : "s", lines.size() == 1 ? "" : "s", named(lines));
}

// The second phase of a run with a pool: each pool settled over its claims,
// then the held-back rows written in input order, each claim's award set to
// what it was granted (an award granted nothing is no award) and its
// beneficiary's total with it.
// Rows a batch in the second phase: enough to give each thread work, few
// enough to keep memory small.
constexpr size_t kSettledBatch = 16384;

std::vector<PoolUse> settleAndWrite(const ir::Program& program, const rt::ResultTable& table,
                                    const rt::PoolLayout& pools, const BulkOptions& options, unsigned threads,
                                    std::vector<std::vector<int64_t>>& asked,
                                    const std::vector<std::vector<int64_t>>& keys, std::FILE* heldBack,
                                    ResultSink& sink, std::FILE* out, RunSummary& totals,
                                    std::vector<BulkSummary::Explained>& explained) {
  std::vector<PoolUse> uses(program.pools.size());
  for (size_t p = 0; p < program.pools.size(); ++p) {
    PoolUse& use = uses[p];
    use.pool = options.poolCents.at(p);
    use.claims = asked[p].size();
    __int128 askedTotal = 0;
    for (int64_t a : asked[p]) askedTotal += a;
    // Granted in place: the asked amounts are needed no more.
    zc_status status = zc_pool_settle(asked[p].data(), keys[p].empty() ? nullptr : keys[p].data(), asked[p].size(),
                                      use.pool, program.pools[p].proRata, asked[p].data());
    if (status != ZC_OK)
      throw std::runtime_error(
          fmt::format("{} cannot be settled: {}", program.pools[p].name, zc_status_message(status)));
    use.asked = static_cast<int64_t>(askedTotal);  // it fits: zc_pool_settle refuses a total that does not
    for (int64_t g : asked[p]) use.granted += g;
  }
  if (std::fflush(heldBack) != 0 || std::fseek(heldBack, 0, SEEK_SET) != 0)
    throw std::runtime_error(fmt::format("cannot read back the results held for the 资金池: {}", std::strerror(errno)));
  std::vector<size_t> next(program.pools.size(), 0);
  rt::PoolLayout::Shares granted(asked.begin(), asked.end());
  // --explain: each chosen record's claims, their shares and places.
  std::optional<PoolOrder> order;
  if (!explained.empty()) order.emplace(program, keys, asked);
  auto shown = explained.begin();
  SpillReader reader(heldBack, table);
  // Read and settled in order, a batch at a time; each batch formatted by
  // `threads` tasks, a slice and a buffer each, and written in order.
  struct Held {
    bool failed = false;
    rt::RecordResult result;
    std::string id, error;
    size_t line = 0;
  };
  std::vector<Held> batch(kSettledBatch);
  std::vector<std::unique_ptr<ResultSink::Buffer>> buffers;
  for (unsigned t = 0; t < threads; ++t) buffers.push_back(sink.newBuffer());
  for (bool more = true; more;) {
    size_t count = 0;
    for (SpillReader::Row row; count < batch.size() && (more = (row = reader.next()) != SpillReader::Row::End);
         ++count) {
      Held& held = batch[count];
      held.failed = row == SpillReader::Row::Failure;
      if (held.failed) {
        rt::FailedRecord f = reader.failure();
        held.id = f.id;
        held.error = f.error;
        held.line = f.line;
        totals.addFailure();
        continue;
      }
      std::swap(held.result, reader.result());
      if (shown != explained.end() && options.explain(held.result.id)) {
        shown->shares = claimsOf(held.result, pools);
        std::vector<size_t> at = next;
        for (PoolShare& share : shown->shares) order->complete(share, at[share.pool]++);
        ++shown;
      }
      // Every claim was counted in the first phase, so each has its share.
      if (!pools.settle(held.result, granted, next))
        throw std::logic_error("a claim of the run has no share of its 资金池");
      totals.add(held.result);
    }
    size_t slice = (count + threads - 1) / threads;
    std::vector<std::future<void>> done;
    for (unsigned t = 0; t < threads && t * slice < count; ++t)
      done.push_back(std::async(std::launch::async, [&, t] {
        for (size_t i = t * slice; i < std::min(count, (t + 1) * slice); ++i) {
          const Held& held = batch[i];
          if (held.failed)
            sink.addFailure(*buffers[t], {held.id, held.line, held.error});
          else
            sink.addResult(*buffers[t], held.result);
        }
      }));
    for (size_t t = 0; t < done.size(); ++t) {
      done[t].get();
      sink.write(out, *buffers[t]);
    }
  }
  return uses;
}

}  // namespace

BulkSummary runBulk(const ir::Program& program, const rt::Engine& engine, RecordSource& input, std::FILE* out,
                    const BulkOptions& options, RunSummary& totals) {
  // A run with a 排名 reads every record's keys first and ranks them; the
  // records then come again, from where that first reading held them.
  rt::RankTable ranks = rankTable(program);
  std::unique_ptr<RankedInput> ranked;
  if (!ranks.empty()) ranked = std::make_unique<RankedInput>(input, program.schema, options.inputName, ranks);
  RecordSource& source = ranked ? *ranked : input;
  // CSV and sheet rows are typed by the workers; ranking reads records as JSON.
  const std::vector<std::string>* cellHeader = ranked ? nullptr : input.handCells();
  unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  bool items =
      std::any_of(program.clauses.begin(), program.clauses.end(), [](const ir::Clause& c) { return c.itemList >= 0; });
  bool payers =
      std::any_of(program.clauses.begin(), program.clauses.end(), [](const ir::Clause& c) { return !c.payer.empty(); });
  std::unique_ptr<ResultSink> sink = options.format == "xlsx"
                                         ? makeXlsxResultSink(program, *options.sources, options.provenance)
                                         : makeResultSink(options.format, items, payers);
  if (options.provenanceLine && options.format != "xlsx")
    std::fputs(provenanceLine(options.format, options.provenance).c_str(), out);
  sink->writeHeader(out);

  BulkSummary summary;
  std::set<std::string> warned;
  DuplicateIds ids;
  uint64_t bytes = 0;
  Progress progress(options);
  rt::PoolLayout pools = poolLayout(program);
  bool pooled = !pools.empty();
  // A run with a pool: the rows held back, and per pool its claims' amounts
  // and order keys, in input order.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> heldBack(pooled ? std::tmpfile() : nullptr, &std::fclose);
  if (pooled && !heldBack)
    throw std::runtime_error(fmt::format("cannot make a temporary file for the 资金池: {}", std::strerror(errno)));
  std::vector<std::vector<int64_t>> asked(program.pools.size()), keys(program.pools.size());

  // JSON Lines come in blocks of whole lines, read straight into a chunk
  // and cut into records by its worker; the blank lines come back with it.
  bool blocks = source.readsBlocks();
  std::vector<size_t> blankLines;
  std::deque<std::pair<std::unique_ptr<Chunk>, std::future<void>>> inFlight;
  // Written chunks are reused, so their strings keep their capacity.
  std::vector<std::unique_ptr<Chunk>> spare;
  auto writeOldest = [&] {
    auto& [chunk, done] = inFlight.front();
    done.get();
    for (const Chunk::Message& m : chunk->messages)
      if (m.unknownField.empty() || warned.insert(m.unknownField).second) std::fputs(m.text.c_str(), stderr);
    ids.add(chunk->ids);
    chunk->ids.clear();
    blankLines.insert(blankLines.end(), chunk->blankLines.begin(), chunk->blankLines.end());
    chunk->blankLines.clear();
    for (BulkSummary::Explained& e : chunk->explained) summary.explained.push_back(std::move(e));
    chunk->explained.clear();
    if (pooled) {
      if (std::fwrite(chunk->spill.data(), 1, chunk->spill.size(), heldBack.get()) != chunk->spill.size())
        throw std::runtime_error(fmt::format("cannot hold the results back for the 资金池: {}", std::strerror(errno)));
      for (const rt::PoolClaim& claim : chunk->claims) {
        asked[claim.pool].push_back(claim.cents);
        if (program.pools[claim.pool].orderField >= 0) keys[claim.pool].push_back(claim.key);
      }
      chunk->spill.clear();
      chunk->claims.clear();
    } else {
      sink->write(out, *chunk->output);
      totals.merge(chunk->tally);
      chunk->tally = RunSummary(program);
    }
    summary.records += chunk->records;
    summary.failed += chunk->failed;
    chunk->messages.clear();
    chunk->records = chunk->failed = 0;
    spare.push_back(std::move(chunk));
    inFlight.pop_front();
    progress.update(summary.records, bytes, false);
  };

  {
    WorkerPool pool(threads, program, engine, *sink, source, cellHeader, options, pools, ranks);
    bool more = true;
    uint64_t ordinal = 0;
    while (more) {
      std::unique_ptr<Chunk> chunk;
      if (spare.empty()) {
        chunk = std::make_unique<Chunk>(program);
        chunk->output = sink->newBuffer();
      } else {
        chunk = std::move(spare.back());
        spare.pop_back();
      }
      chunk->inputs.clear();
      chunk->firstOrdinal = ordinal;
      chunk->block = blocks;
      size_t count = 0;
      bool idle = false;
      if (blocks) {
        if (!inFlight.empty() && !source.ready(kIdleWait))
          idle = true;
        else if ((more = source.nextBlock(chunk->inputs, options.chunkRecords * kBlockBytesPerRecord, chunk->lines)))
          count = 1;  // records: the worker counts them
      }
      while (!blocks && count < options.chunkRecords) {
        // Results are waiting and the input has gone quiet (a slow pipe):
        // write them now rather than hold them until a read returns.
        if ((count > 0 || !inFlight.empty()) && !source.ready(kIdleWait)) {
          idle = true;
          break;
        }
        if (!(more = source.next(chunk->inputs))) break;
        ++count;
      }
      chunk->inputs.pad();
      ordinal += count;
      bytes = source.bytesRead();
      if (count > 0) {
        Chunk& ref = *chunk;
        inFlight.emplace_back(std::move(chunk), pool.submit(ref));
      } else {
        spare.push_back(std::move(chunk));
      }
      // A run with a pool writes nothing until every record is in.
      if (idle && !pooled) {
        while (!inFlight.empty()) writeOldest();
        std::fflush(out);
      } else if (inFlight.size() >= 2 * threads + 1) {
        writeOldest();
      }
    }
    while (!inFlight.empty()) writeOldest();
  }
  progress.update(summary.records, bytes, true);
  warnOfBlankLines(options.inputName, blocks ? blankLines : source.blankLines());
  warnOfDuplicateIds(options.inputName, ids.find(kNamed));
  if (pooled) {
    summary.pools = settleAndWrite(program, engine.resultTable(), pools, options, threads, asked, keys, heldBack.get(),
                                   *sink, out, totals, summary.explained);
    totals.setPools(summary.pools);
  }

  sink->writeEnd(out);
  for (size_t r = 0; r < program.rankings.size(); ++r) summary.ranked.push_back(ranks.ranked(r));
  return summary;
}

}  // namespace zc
