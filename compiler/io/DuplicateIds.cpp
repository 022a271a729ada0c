#include "io/DuplicateIds.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <optional>
#include <queue>
#include <system_error>
#include <thread>

namespace zc {

void DuplicateIds::Chunk::add(std::string_view id, size_t line) {
  entries_.push_back({std::hash<std::string_view>{}(id), line, text_.size(), static_cast<uint32_t>(id.size())});
  text_ += id;
}

void DuplicateIds::Chunk::clear() {
  text_.clear();
  entries_.clear();
}

void DuplicateIds::add(const Chunk& chunk) {
  size_t base = text_.size();
  text_ += chunk.text_;
  for (Chunk::Entry entry : chunk.entries_) {
    entry.offset += base;
    entries_.push_back(entry);
  }
  if (text_.size() + entries_.size() * sizeof(Chunk::Entry) > budget_) spill();
}

namespace {

// Equal ids sort together, each id's lines in order (a hash shared by
// different ids is told apart by the text).
struct Key {
  uint64_t hash;
  std::string_view id;
  size_t line;
  bool operator<(const Key& other) const {
    if (hash != other.hash) return hash < other.hash;
    if (int order = id.compare(other.id); order != 0) return order < 0;
    return line < other.line;
  }
};

// Groups a sorted sequence of keys: the ids seen more than once, keeping
// the `named` with the earliest first lines.
class Grouper {
 public:
  explicit Grouper(size_t named) : named_(named) {}
  void add(const Key& key) {
    if (!open_ || key.hash != hash_ || key.id != current_.id) {
      close();
      open_ = true;
      hash_ = key.hash;
      current_.id.assign(key.id);
    }
    if (current_.lines.size() <= named_) current_.lines.push_back(key.line);
    ++current_.records;
  }
  DuplicateIds::Found finish() {
    close();
    std::sort(found_.first.begin(), found_.first.end(), earlier);
    return std::move(found_);
  }

 private:
  static bool earlier(const DuplicateIds::Duplicate& a, const DuplicateIds::Duplicate& b) {
    return a.lines.front() < b.lines.front();
  }
  // A heap with the latest first line on top, so it is the one dropped.
  void close() {
    if (current_.records > 1) {
      ++found_.count;
      found_.first.push_back(current_);
      std::push_heap(found_.first.begin(), found_.first.end(), earlier);
      if (found_.first.size() > named_) {
        std::pop_heap(found_.first.begin(), found_.first.end(), earlier);
        found_.first.pop_back();
      }
    }
    current_.lines.clear();
    current_.records = 0;
  }
  size_t named_;
  bool open_ = false;
  uint64_t hash_ = 0;
  DuplicateIds::Duplicate current_;
  DuplicateIds::Found found_;
};

// One run on disk, read back in order through a buffer of its own: hash,
// line, length, then the id's bytes.
class RunReader {
 public:
  RunReader(int fd, uint64_t offset, size_t count) : fd_(fd), offset_(offset), left_(count) {}
  bool next() {
    if (left_ == 0) return false;
    --left_;
    uint32_t length;
    if (!read(&key_.hash, sizeof key_.hash) || !read(&line_, sizeof line_) || !read(&length, sizeof length))
      return false;
    id_.resize(length);
    if (!read(id_.data(), length)) return false;
    key_.id = id_;
    key_.line = line_;
    return true;
  }
  const Key& key() const { return key_; }

 private:
  bool read(void* into, size_t size) {
    auto* out = static_cast<char*>(into);
    while (size > 0) {
      if (at_ == buffer_.size()) {
        buffer_.resize(64 * 1024);
        ssize_t got = ::pread(fd_, buffer_.data(), buffer_.size(), static_cast<off_t>(offset_));
        if (got <= 0) return false;
        buffer_.resize(got);
        offset_ += got;
        at_ = 0;
      }
      size_t n = std::min(size, buffer_.size() - at_);
      std::memcpy(out, buffer_.data() + at_, n);
      at_ += n, out += n, size -= n;
    }
    return true;
  }
  int fd_;
  uint64_t offset_;
  size_t left_;
  std::string buffer_;
  size_t at_ = 0;
  uint64_t line_ = 0;
  std::string id_;
  Key key_{};
};

}  // namespace

// The ids in memory, sorted, as a run at the end of the file. Without a
// temporary file they stay in memory.
void DuplicateIds::spill() {
  if (!file_) file_.reset(std::tmpfile());
  if (!file_) return;
  sortEntries();
  std::fseek(file_.get(), 0, SEEK_END);
  runs_.push_back({static_cast<uint64_t>(std::ftell(file_.get())), entries_.size()});
  // Written a MiB at a time: four small writes an id cost more than the sort.
  std::string run;
  auto append = [&](const void* bytes, size_t size) { run.append(static_cast<const char*>(bytes), size); };
  for (const Chunk::Entry& e : entries_) {
    uint64_t line = e.line;
    append(&e.hash, sizeof e.hash);
    append(&line, sizeof line);
    append(&e.length, sizeof e.length);
    append(text_.data() + e.offset, e.length);
    if (run.size() >= (1u << 20)) {
      std::fwrite(run.data(), 1, run.size(), file_.get());
      run.clear();
    }
  }
  std::fwrite(run.data(), 1, run.size(), file_.get());
  std::fflush(file_.get());
  entries_.clear();
  text_.clear();
}

DuplicateIds::Found DuplicateIds::find(size_t named) {
  if (runs_.empty()) return findInMemory(named);
  spill();
  return merge(named);
}

// In two halves on two threads, then merged: the sort at the end of a run
// is the only work left, with the workers idle.
void DuplicateIds::sortEntries() {
  auto key = [&](const Chunk::Entry& e) {
    return Key{e.hash, std::string_view(text_).substr(e.offset, e.length), e.line};
  };
  auto before = [&](const Chunk::Entry& a, const Chunk::Entry& b) {
    return a.hash != b.hash ? a.hash < b.hash : key(a) < key(b);  // ids only where hashes tie
  };
  auto middle = entries_.begin() + static_cast<std::ptrdiff_t>(entries_.size() / 2);
  std::optional<std::thread> other;
  if (entries_.size() >= (1u << 16)) {
    try {
      other.emplace([&] { std::sort(middle, entries_.end(), before); });
    } catch (const std::system_error&) {
      // No thread to be had: one sort does it all.
    }
  }
  if (!other) return std::sort(entries_.begin(), entries_.end(), before);
  std::sort(entries_.begin(), middle, before);
  other->join();
  std::inplace_merge(entries_.begin(), middle, entries_.end(), before);
}

// Sorted in place: no copy of a million entries at the end.
DuplicateIds::Found DuplicateIds::findInMemory(size_t named) {
  sortEntries();
  Grouper groups(named);
  for (const Chunk::Entry& e : entries_)
    groups.add({e.hash, std::string_view(text_).substr(e.offset, e.length), e.line});
  return groups.finish();
}

DuplicateIds::Found DuplicateIds::merge(size_t named) {
  std::vector<RunReader> readers;
  for (const Run& run : runs_) readers.emplace_back(fileno(file_.get()), run.offset, run.count);
  auto later = [&](size_t a, size_t b) { return readers[b].key() < readers[a].key(); };
  std::priority_queue<size_t, std::vector<size_t>, decltype(later)> heads(later);
  for (size_t i = 0; i < readers.size(); ++i)
    if (readers[i].next()) heads.push(i);
  Grouper groups(named);
  while (!heads.empty()) {
    size_t i = heads.top();
    heads.pop();
    groups.add(readers[i].key());
    if (readers[i].next()) heads.push(i);
  }
  return groups.finish();
}

}  // namespace zc
