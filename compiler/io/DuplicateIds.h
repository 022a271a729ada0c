// The ids of a run's records, to warn of an id given to more than one
// record. Workers note their chunk's ids with a hash; the writer collects
// them in input order; the duplicates are found once, at the end, by sorting
// the hashes: far cheaper than a map updated for each of a million records.
// Memory stays bounded whatever the input's size: past a budget, the ids
// collected are sorted and written to a temporary file as one run, and the
// runs are merged at the end.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zc {

class DuplicateIds {
 public:
  // Ids in memory past this many bytes go to a run on disk.
  explicit DuplicateIds(size_t memoryBudget = 64u << 20) : budget_(memoryBudget) {}

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
    size_t records = 0;         // how many records it is given to
    std::vector<size_t> lines;  // the first lines of those, in input order
  };
  struct Found {
    std::vector<Duplicate> first;  // ordered by first line
    size_t count = 0;              // how many ids are given to more than one record
  };
  // The first `named` ids (by their first line) given to more than one
  // record, with up to `named` + 1 of their lines, and how many such ids
  // there are: all a warning names, in memory bounded whatever the input.
  Found find(size_t named);

 private:
  struct Run {
    uint64_t offset;  // in the file
    size_t count;
  };
  void sortEntries();  // by hash, then id, then line
  void spill();
  Found findInMemory(size_t named);
  Found merge(size_t named);

  size_t budget_;
  std::string text_;
  std::vector<Chunk::Entry> entries_;  // offsets into text_
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, std::fclose};
  std::vector<Run> runs_;
};

}  // namespace zc
