// One 排名's records sorted by their keys with memory bounded: keys are
// gathered up to a bound, sorted and written to a temporary file as a run,
// and the runs are merged once every record is in (an external merge sort),
// so a run of any size ranks in the same few megabytes. What comes out is
// each record's place; rankKeys (zc/ranking.h) decides the same places in
// memory, and the tests hold the two to each other.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "zc/runtime.h"

namespace zc::rt {

class RankSort {
 public:
  // `memoryBytes`: what the gathered keys may take before they are written out.
  RankSort(std::vector<uint8_t> descending, bool tiesAllIn, size_t memoryBytes);
  // One record's keys (as many as `descending`) and its number in the input.
  // Throws std::runtime_error when a run cannot be written.
  void add(const zc_dec* keys, uint64_t ordinal);
  uint64_t count() const { return count_; }
  // Hands every record added its place from 1, the records in the order of
  // their keys; records equal on every key share one place, the best of the
  // places they take with tiesAllIn, else the worst. Once only; frees what
  // was gathered. Throws std::runtime_error when a run cannot be read back.
  void places(const std::function<void(uint64_t ordinal, uint64_t place)>& out);

 private:
  struct Run {
    uint64_t offset, count;
  };
  class Cursor;
  // Whether record a's keys come before b's in the order the places are
  // handed out in: the ranking's order, or its reverse for 并列 均不入选
  // (the worst place of a tie is then the first of it met).
  bool before(const zc_dec* a, const zc_dec* b) const;
  bool equal(const zc_dec* a, const zc_dec* b) const;
  void spill();
  std::vector<uint32_t> sortedGathered() const;
  size_t width() const { return descending_.size(); }
  size_t recordBytes() const;
  size_t gatheredBytes() const;

  std::vector<uint8_t> descending_;
  bool tiesAllIn_;
  size_t capacity_;  // records gathered before a run is written
  uint64_t count_ = 0;
  std::vector<zc_dec> keys_;  // the gathered records' keys, width() a record
  std::vector<uint64_t> ordinals_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
  uint64_t written_ = 0;  // bytes of runs in file_
  std::vector<Run> runs_;
};

}  // namespace zc::rt
