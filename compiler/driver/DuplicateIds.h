// The ids of a run's records, to warn of an id given to more than one
// record. Workers note their chunk's ids with a hash; the writer collects
// them in input order; the duplicates are found once, at the end, by sorting
// the hashes: far cheaper than a map updated for each of a million records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zc {

class DuplicateIds {
 public:
  // One chunk's ids, noted by a worker.
  class Chunk {
   public:
    void add(std::string_view id, size_t line);
    void clear();

   private:
    friend class DuplicateIds;
    std::string text_;  // the ids, one after another
    struct Entry {
      uint64_t hash;
      size_t line;
      uint64_t offset;  // in text_
      uint32_t length;
    };
    std::vector<Entry> entries_;
  };

  // Called in input order; the chunk may be reused afterwards.
  void add(const Chunk& chunk);

  struct Duplicate {
    std::string id;
    std::vector<size_t> lines;  // in input order
  };
  // Every id given to more than one record, ordered by its first line.
  std::vector<Duplicate> find() const;

 private:
  std::string text_;
  std::vector<Chunk::Entry> entries_;  // offsets into text_
};

}  // namespace zc
