#include "io/RecordSource.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <istream>
#include <optional>
#include <streambuf>
#include <string_view>
#include <vector>

#include "zc/csv.h"
#include "zc/json_lines.h"
#include "zc/json_reader.h"

namespace zc {

RawRecord& RawRecords::add() {
  if (count_ > 0) end();
  if (count_ == records_.size()) records_.emplace_back();
  RawRecord& record = records_[count_++];
  record.offset = text_.size();
  record.length = 0;
  record.problem.clear();
  record.id.clear();
  return record;
}

// A NUL after each record, as a std::string has: the reader sees the same
// bytes after a record wherever it lies.
void RawRecords::end() {
  RawRecord& last = records_[count_ - 1];
  last.length = text_.size() - last.offset;
  text_ += '\0';
}

void RawRecords::pad() {
  if (count_ > 0) end();
  text_.append(rt::kJsonPadding, '\0');
}

void RawRecords::clear() {
  text_.clear();
  count_ = 0;
}

namespace {

// No record comes near it; a longer line (a file of zeros, a dump on one
// line) is an error of its own, not all of memory.
constexpr size_t kMaxLineBytes = 64u << 20;

// The input read straight from its file descriptor, so a source can tell a
// buffered line from a pipe that has nothing yet, which a std::ifstream hides.
class InputFile : public std::streambuf {
 public:
  InputFile() = default;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() override {
    if (fd_ >= 0) ::close(fd_);
  }

  bool open(const std::string& path, std::string& problem) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      problem = fmt::format("cannot be read: {}", std::strerror(errno));
      return false;
    }
    struct stat status;
    regular_ = ::fstat(fd_, &status) == 0 && S_ISREG(status.st_mode);
    return true;
  }

  // True when a whole line is buffered, or the descriptor has input (or its
  // end) within `wait`. A regular file never makes a read wait.
  bool ready(std::chrono::milliseconds wait) {
    if (regular_ || (gptr() != egptr() && std::memchr(gptr(), '\n', egptr() - gptr()) != nullptr)) return true;
    pollfd input{.fd = fd_, .events = POLLIN, .revents = 0};
    return ::poll(&input, 1, static_cast<int>(wait.count())) != 0;
  }

  uint64_t bytesRead() const { return read_ - (egptr() - gptr()); }

  // The next line, without its LF, as it lies in the buffer (copied only
  // when it spans two reads), valid until the next call; false at the end.
  // Splits as std::getline does: a last line without LF is a line. A line
  // longer than kMaxLineBytes is read past, not held: `tooLong` is set and
  // the line is empty.
  bool nextLine(std::string_view& line, bool& tooLong) {
    spanning_.clear();
    tooLong = false;
    for (;;) {
      if (gptr() == egptr() && underflow() == traits_type::eof()) {
        line = spanning_;
        return !spanning_.empty() || tooLong;
      }
      const char* end = static_cast<const char*>(std::memchr(gptr(), '\n', egptr() - gptr()));
      if (end == nullptr) {
        if (!tooLong) spanning_.append(gptr(), egptr() - gptr());
        if (spanning_.size() > kMaxLineBytes) {
          tooLong = true;
          spanning_.clear();
          spanning_.shrink_to_fit();
        }
        setg(eback(), egptr(), egptr());
        continue;
      }
      if (tooLong) {
        line = {};
        setg(eback(), const_cast<char*>(end) + 1, egptr());
        return true;
      }
      if (spanning_.empty()) {
        line = std::string_view(gptr(), end - gptr());
      } else {
        spanning_.append(gptr(), end - gptr());
        line = spanning_;
      }
      setg(eback(), const_cast<char*>(end) + 1, egptr());
      return true;
    }
  }

 protected:
  int_type underflow() override {
    if (gptr() == egptr()) {
      ssize_t count;
      do count = ::read(fd_, buffer_.data(), buffer_.size());
      while (count < 0 && errno == EINTR);
      if (count <= 0) return traits_type::eof();
      read_ += count;
      setg(buffer_.data(), buffer_.data(), buffer_.data() + count);
    }
    return traits_type::to_int_type(*gptr());
  }

 private:
  int fd_ = -1;
  bool regular_ = false;
  uint64_t read_ = 0;
  std::vector<char> buffer_ = std::vector<char>(1 << 20);  // large reads: few system calls
  std::string spanning_;  // a line that spans two reads
};

// What both formats share: the file, read as a stream.
class FileSource : public RecordSource {
 public:
  bool ready(std::chrono::milliseconds wait) override { return file_.ready(wait); }
  uint64_t bytesRead() const override { return file_.bytesRead(); }

 protected:
  InputFile file_;
  std::istream in_{&file_};
};

class JsonLinesSource : public FileSource {
 public:
  bool open(const std::string& path, std::string& problem) { return file_.open(path, problem); }
  bool next(RawRecords& records) override {
    std::string_view json;
    std::string problem;
    bool tooLong;
    while (file_.nextLine(json, tooLong)) {
      if (tooLong) {
        RawRecord& record = records.add();
        record.line = ++line_;
        record.problem = fmt::format("the line is longer than {} MiB; a record is one line of JSON", kMaxLineBytes >> 20);
        return true;
      }
      if (!rt::trimJsonLine(json, ++line_, problem)) {
        blankLines_.push_back(line_);
        continue;
      }
      RawRecord& record = records.add();
      record.line = line_;
      record.problem = problem;
      records.text().append(json);
      return true;
    }
    return false;
  }
  const std::vector<size_t>& blankLines() const override { return blankLines_; }

 private:
  size_t line_ = 0;
  std::vector<size_t> blankLines_;
};

class CsvSource : public FileSource {
 public:
  explicit CsvSource(const rt::RecordSchema& schema) : schema_(schema) {}
  // Opens the file and reads its header row.
  bool open(const std::string& path, std::string& problem) {
    if (!file_.open(path, problem)) return false;
    size_t line;
    std::string error;
    if (!reader_.readRow(header_, line, error)) {
      problem = "the CSV input has no header row of field names";
      return false;
    }
    if (!error.empty()) {
      problem = fmt::format("the header row (line {}) is not valid CSV: {}", line, error);
      return false;
    }
    for (size_t i = 0; i < header_.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (header_[i] == header_[j]) {
          problem = fmt::format("the header row names '{}' twice (columns {} and {})", header_[i], j + 1, i + 1);
          return false;
        }
    keyColumn_ = header_.size();
    for (size_t i = 0; i < header_.size(); ++i)
      if (schema_.keyField >= 0 && header_[i] == schema_.fields[schema_.keyField].name) keyColumn_ = i;
    toJson_.emplace(schema_, header_);
    return true;
  }
  bool next(RawRecords& records) override {
    size_t line;
    std::string problem;
    if (!reader_.readRow(cells_, line, problem)) return false;
    if (problem.empty() && cells_.size() > header_.size())
      problem = fmt::format("the row has {} cells, the header {}", cells_.size(), header_.size());
    RawRecord& record = records.add();
    record.line = line;
    if (problem.empty()) problem = toJson_->append(cells_, records.text());
    if (!problem.empty()) {
      record.problem = std::move(problem);
      if (keyColumn_ < cells_.size()) record.id = cells_[keyColumn_];
    }
    return true;
  }
  const std::vector<size_t>& blankLines() const override { return reader_.blankLines(); }

 private:
  rt::CsvReader reader_{in_};
  const rt::RecordSchema& schema_;
  std::vector<std::string> header_, cells_;
  std::optional<rt::CsvRowToJson> toJson_;  // from the header
  size_t keyColumn_ = 0;  // the key field's column; header_.size() when there is none
};

}  // namespace

std::unique_ptr<RecordSource> openJsonLinesSource(const std::string& path, std::string& problem) {
  auto source = std::make_unique<JsonLinesSource>();
  if (!source->open(path, problem)) return nullptr;
  return source;
}

std::unique_ptr<RecordSource> openCsvSource(const std::string& path, const rt::RecordSchema& schema,
                                            std::string& problem) {
  auto source = std::make_unique<CsvSource>(schema);
  if (!source->open(path, problem)) return nullptr;
  return source;
}

}  // namespace zc
