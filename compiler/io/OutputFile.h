// Where `zc run` writes its results. A regular file, or one not there yet, is
// written to a temporary file in the same folder and renamed over the named
// file only when the run has finished, so a run that fails or is killed never
// leaves half a result where a good one stood. Standard output, pipes and
// devices cannot be renamed over and are written directly.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "source/SourceManager.h"

namespace zc {

// A file a command reads: its records, or a file of its ruleset (imports too).
struct ReadFile {
  std::string path;
  std::string role;  // "the input file", "a file of the ruleset"
};

// Every file a compilation read: the ruleset and its imports.
std::vector<ReadFile> rulesetFiles(const SourceManager& sources);

// How writing `path` would destroy a file the command reads (the same device
// and inode, whatever the names): "cj-q.zc is a file of the ruleset"; empty
// when it would not. `path` empty means standard output.
std::string overwritesRead(const std::string& path, const std::vector<ReadFile>& reads);

class OutputFile {
 public:
  // Opens `path`, or standard output when it is empty. Refuses, with a
  // problem, any file the command reads, which it would otherwise overwrite
  // while reading it. `option` names the path in a problem.
  static std::unique_ptr<OutputFile> open(const std::string& path, const std::vector<ReadFile>& reads,
                                          std::string& problem, std::string_view option = "--output");

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
