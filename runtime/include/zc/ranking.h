// 排名: the one place where a run's records are ranked, for zc run, zc test
// and a compiled library's ranking phase alike, so no caller orders records
// or breaks a tie itself. A ranking reads fields of each record (its keys),
// orders the records that have them all, and writes each one's place from 1
// into the record's rank field before any engine evaluates it; a record
// lacking a key (an optional field absent) is not ranked and its rank field
// stays absent.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "zc/record.h"

namespace zc::rt {

class RankSort;

struct RankingSpec {
  static RankingSpec of(const RecordSchema& schema, std::string name, int rankField, const std::vector<int>& keyFields,
                        std::vector<uint8_t> descending, bool tiesAllIn);
  std::string name;            // the rank field's name
  int rankField = -1;          // an optional whole number field
  std::vector<int> keyFields;  // numbers, quantities, whole numbers or dates
  std::vector<uint8_t> descending;
  std::vector<uint8_t> keyIsDec;     // per key: a number or quantity (else a whole number or a date)
  std::vector<uint8_t> keyOptional;  // per key: may be absent, and then the record is not ranked
  bool tiesAllIn = false;            // tied records share the best of their places, else the worst
};

// Orders `count` records by their keys, keys[i × k .. i × k + k) for record
// i (k = descending.size()), the first key first and each later one breaking
// the ties left; places[i] receives record i's place from 1. Records equal
// on every key share one place: the best of the places they take with
// tiesAllIn (1, 2, 2, 4: all in at any boundary they straddle), else the
// worst (1, 3, 3, 4: none in). No order of input decides anything.
void rankKeys(const zc_dec* keys, size_t count, const std::vector<uint8_t>& descending, bool tiesAllIn,
              int64_t* places);

// A run's rankings over its records, taken in input order: phase 1 keeps
// each ranked record's keys (a few bytes a key, nothing else of it), in
// memory up to `memoryBytes` and past that sorted into runs on disk
// (runtime/src/RankSort.h); rank() decides the places, 4 bytes a record a
// ranking, held in memory up to the same bound and past it in a temporary
// file in input order; and phase 2 writes them into each record as it is
// evaluated, a Reader a thread reading that file a block at a time.
class RankTable {
 public:
  static constexpr size_t kDefaultMemory = 32u << 20;
  explicit RankTable(std::vector<RankingSpec> rankings, size_t memoryBytes = kDefaultMemory);
  RankTable(RankTable&&) noexcept;
  ~RankTable();
  bool empty() const { return rankings_.empty(); }
  const std::vector<RankingSpec>& rankings() const { return rankings_; }

  // Phase 1: the record numbered `ordinal` (from 0, in input order; given in rising order).
  // A record that could not be read is given too, as `nullptr`, and ranked by no ranking.
  // Throws std::runtime_error when the keys cannot be held on disk.
  void add(uint64_t ordinal, const Record* record);
  // Decides every place once every record has been added. Throws
  // std::runtime_error when the keys held on disk cannot be read back, or a
  // ranking would rank more than 2^32 - 1 records.
  void rank();
  // Phase 2: writes each ranking's place into the record numbered `ordinal` (or leaves its rank
  // field absent where it is not ranked), replacing whatever the input gave. Reads the
  // places a record at a time: a run's many records go through a Reader.
  void apply(uint64_t ordinal, Record& record) const;
  // Phase 2 for records in rising order, or nearly (a thread's share of a run): the places
  // read a block of records at a time when they are on disk. One a thread; the table
  // outlives it. Throws std::runtime_error when the places cannot be read back.
  class Reader {
   public:
    explicit Reader(const RankTable& table) : table_(table) {}
    void apply(uint64_t ordinal, Record& record);

   private:
    const RankTable& table_;
    std::vector<uint32_t> block_;  // the places of records [first_, first_ + loaded_), record by record
    uint64_t first_ = 0, loaded_ = 0;
  };
  // Whether rank() put the places in a temporary file, past the memory bound.
  bool placesOnDisk() const { return placesFile_ != nullptr; }
  // How many records a ranking ranked, and a record's place in it (0: not ranked).
  uint64_t ranked(size_t ranking) const { return counts_[ranking]; }
  int64_t place(size_t ranking, uint64_t ordinal) const;

  // The record's keys, as a ranking compares them; false when it lacks one.
  static bool keysOf(const RankingSpec& ranking, const Record& record, zc_dec* out);
  // Writes a place (0: not ranked, the rank field absent) into the record's rank field.
  static void writePlace(const RankingSpec& ranking, int64_t place, Record& record);

 private:
  void spillPlaces();
  // Places of records [first, first + records) into out, from the temporary file.
  void readPlaces(uint64_t first, uint64_t records, uint32_t* out) const;

  std::vector<RankingSpec> rankings_;
  size_t memoryBytes_;
  std::vector<std::unique_ptr<RankSort>> sorts_;  // per ranking, until rank()
  uint64_t records_ = 0;                          // ordinals given: the highest + 1
  // After rank(): record i's place in ranking r at [i × rankings + r] (0: not ranked), in
  // memory, or past the memory bound in placesFile_.
  std::vector<uint32_t> places_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> placesFile_{nullptr, &std::fclose};
  std::vector<uint64_t> counts_;
  std::vector<zc_dec> scratch_;
};

// The same phases for a host that spreads a run over parts (a compiled
// library's zhengce_rank_keys, zhengce_rank_settle): a record's keys for
// every ranking as bytes of a fixed size, which the parts' outputs
// concatenate in input order, and the places of every record from them.
size_t rankKeyBytes(const std::vector<RankingSpec>& rankings);
// Appends the record's keys (nullptr: a record that could not be read, ranked by none).
void appendRankKeys(const std::vector<RankingSpec>& rankings, const Record* record, std::string& out);
// places[i × rankings + r]: record i's place in ranking r, 0 where it is not ranked.
void placesOfRankKeys(const std::vector<RankingSpec>& rankings, const unsigned char* keys, size_t records,
                      int64_t* places);

}  // namespace zc::rt
