#include "JsonlFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace zc::library {

namespace {

// How much is read at a time to find line starts and count lines.
constexpr size_t kScanBytes = 1 << 20;

std::string describe(const std::string& path, const char* what) {
  return path + ": cannot be " + what + ": " + std::strerror(errno);
}

size_t countNewlines(std::string_view text) {
  size_t count = 0;
  for (const char* at = text.data(); const void* found = std::memchr(at, '\n', text.data() + text.size() - at);) {
    ++count;
    at = static_cast<const char*>(found) + 1;
  }
  return count;
}

}  // namespace

InputFile::InputFile(const char* path) : path_(path) {
  // O_NONBLOCK: a FIFO given as the input is refused below rather than waited on.
  do fd_ = ::open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  while (fd_ < 0 && errno == EINTR);
  struct stat status{};
  if (fd_ < 0 || ::fstat(fd_, &status) != 0) {
    problem_ = describe(path_, "read");
    return;
  }
  if (!S_ISREG(status.st_mode)) {
    problem_ = path_ + ": cannot be read in parts: it is not a regular file";
    return;
  }
  size_ = static_cast<uint64_t>(status.st_size);
  device_ = status.st_dev;
  inode_ = status.st_ino;
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool InputFile::isSameFile(const char* path) const {
  struct stat status{};
  return ::stat(path, &status) == 0 && status.st_dev == device_ && status.st_ino == inode_;
}

bool InputFile::readAt(uint64_t offset, size_t length, std::string& into) {
  into.resize(length);
  size_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd_, into.data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return problem_ = describe(path_, "read"), false;
    if (n == 0) return problem_ = path_ + ": cannot be read: it became shorter while it was read", false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool InputFile::lineStart(uint64_t offset, uint64_t& at) {
  if (offset == 0 || offset >= size_) return at = std::min(offset, size_), true;
  // A line starts after the LF at offset - 1 or later.
  for (uint64_t from = offset - 1; from < size_; from += kScanBytes) {
    if (!readAt(from, static_cast<size_t>(std::min<uint64_t>(kScanBytes, size_ - from)), buffer_)) return false;
    if (const void* found = std::memchr(buffer_.data(), '\n', buffer_.size()))
      return at = from + (static_cast<const char*>(found) - buffer_.data()) + 1, true;
  }
  return at = size_, true;
}

bool InputFile::countLines(uint64_t begin, uint64_t end, uint64_t& lines) {
  lines = 0;
  for (uint64_t from = begin; from < end; from += kScanBytes) {
    if (!readAt(from, static_cast<size_t>(std::min<uint64_t>(kScanBytes, end - from)), buffer_)) return false;
    lines += countNewlines(buffer_);
  }
  // The file's last line may lack its LF.
  if (end == size_ && end > begin) {
    if (!readAt(end - 1, 1, buffer_)) return false;
    lines += buffer_[0] != '\n';
  }
  return true;
}

bool InputFile::findPart(uint64_t start, uint64_t end, Part& part) {
  if (!problem_.empty()) return false;
  if (!lineStart(start, part.begin) || !lineStart(end, part.end)) return false;
  part.end = std::max(part.begin, part.end);  // a line that starts before the range and ends after it
  return countLines(part.begin, part.end, part.lines);
}

bool InputFile::forEachBlock(const Part& part, uint64_t firstLine, size_t blockBytes,
                             const std::function<void(std::string_view text, uint64_t firstLine)>& block) {
  if (!problem_.empty()) return false;
  std::string data, next;
  uint64_t at = part.begin, line = firstLine;
  while (at < part.end) {
    if (!readAt(at, static_cast<size_t>(std::min<uint64_t>(blockBytes, part.end - at)), next)) return false;
    at += next.size();
    data += next;
    // Whole lines only, but all of it at the part's end (its last line may lack its LF).
    size_t cut = at == part.end ? data.size() : data.rfind('\n') + 1;  // npos + 1: no line ends yet
    if (cut == 0) continue;
    std::string_view text(data.data(), cut);
    block(text, line);
    line += countNewlines(text);
    data.erase(0, cut);
  }
  return true;
}

OutputFile::OutputFile(const char* path) : path_(path) {
  do fd_ = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  while (fd_ < 0 && errno == EINTR);
  if (fd_ < 0) problem_ = describe(path_, "written");
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool OutputFile::write(std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd_, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return problem_ = describe(path_, "written"), false;
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool OutputFile::close() {
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return problem_ = describe(path_, "written"), false;
  return true;
}

}  // namespace zc::library
