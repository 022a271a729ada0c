// A part of a JSON Lines file, read by the library itself so that a host
// (Python, a Dask task) moves no record bytes: the lines that begin in a byte
// range. A line begins at byte 0 or after a LF, so a file cut at any offsets
// gives parts that hold each of its lines once, whatever the cut falls in.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace zc::library {

// An input file open for reading; `problem` names it when it cannot be.
class InputFile {
 public:
  explicit InputFile(const char* path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  const std::string& problem() const { return problem_; }
  uint64_t size() const { return size_; }
  // Whether the file at `path` is this one (so writing it would destroy the input).
  bool isSameFile(const char* path) const;

  // The bytes [begin, end): where the lines that begin in [start, end) lie,
  // and how many lines they are (blank ones counted, as zc run numbers them).
  struct Part {
    uint64_t begin = 0, end = 0, lines = 0;
  };
  bool findPart(uint64_t start, uint64_t end, Part& part);

  // Hands the part's text to `block` a run of whole lines at a time (about
  // blockBytes each, more for a longer line), with the number of its first
  // line, counting from `firstLine`.
  bool forEachBlock(const Part& part, uint64_t firstLine, size_t blockBytes,
                    const std::function<void(std::string_view text, uint64_t firstLine)>& block);

 private:
  bool readAt(uint64_t offset, size_t length, std::string& into);
  // The first line start at or after `offset` (the file's size when none).
  bool lineStart(uint64_t offset, uint64_t& at);
  bool countLines(uint64_t begin, uint64_t end, uint64_t& lines);

  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  uint64_t device_ = 0, inode_ = 0;
  std::string problem_;
  std::string buffer_;
};

// An output file written whole (created, or emptied first).
class OutputFile {
 public:
  explicit OutputFile(const char* path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const std::string& problem() const { return problem_; }
  bool write(std::string_view text);
  bool close();

 private:
  std::string path_;
  int fd_ = -1;
  std::string problem_;
};

}  // namespace zc::library
