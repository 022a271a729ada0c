// Where `zc run` writes its results. A regular file, or one not there yet, is
// written to a temporary file in the same folder and renamed over the named
// file only when the run has finished, so a run that fails or is killed never
// leaves half a result where a good one stood. Standard output, pipes and
// devices cannot be renamed over and are written directly.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

namespace zc {

class OutputFile {
 public:
  // Opens `path`, or standard output when it is empty. Refuses, with a
  // problem, the input file itself (the same device and inode, whatever
  // the names), which a run would otherwise overwrite while reading it.
  static std::unique_ptr<OutputFile> open(const std::string& path, const std::string& input, std::string& problem);

  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  // Without a commit, the temporary file is removed and the named file left as it was.
  ~OutputFile();

  std::FILE* stream() const { return stream_; }
  // Flushes everything written and puts the file in place. False, with a
  // problem, when any write failed (a full disk): the named file is left as it was.
  bool commit(std::string& problem);

 private:
  OutputFile() = default;

  std::FILE* stream_ = nullptr;
  std::string path_;       // the file named; empty for standard output
  std::string temporary_;  // empty when written directly
};

}  // namespace zc
