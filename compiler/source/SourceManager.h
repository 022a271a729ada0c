// Source text owned in memory: files and REPL lines alike. Locations are byte
// ranges; lines and display columns are computed only when rendering.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zc {

using FileId = uint32_t;

struct Span {
  FileId file = 0;
  uint32_t begin = 0;  // byte offset of the first byte
  uint32_t end = 0;    // byte offset one past the last byte

  static Span cover(Span a, Span b) {
    return {a.file, a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
  }
};

struct LineColumn {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in characters (code points)
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineColumn lineColumn(uint32_t offset) const;
  std::string_view lineText(uint32_t line) const;
  uint32_t lineStart(uint32_t line) const { return lineStarts_[line - 1]; }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> lineStarts_;
};

class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return files_[id]; }
  std::string_view text(Span span) const;
  size_t size() const { return files_.size(); }

 private:
  std::vector<SourceFile> files_;
};

}  // namespace zc
