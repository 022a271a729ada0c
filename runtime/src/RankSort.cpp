#include "RankSort.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <queue>
#include <stdexcept>
#include <string>

namespace zc::rt {

namespace {

// What the merge reads of a run at a time, at most: the runs' blocks
// together stay within the sort's memory bound however many runs there are.
constexpr size_t kMaxBlock = 256 * 1024;

// zc_dec_compare, without its call and its 256-bit products for the keys a
// ranking mostly meets: equal denominators, or numerators and denominators
// within 64 bits, whose cross products fit in 128 (the sort compares each
// key some 20 times, and this was most of a ranked run's time).
int compareKey(const zc_dec& a, const zc_dec& b) {
  if (a.den == b.den) return (a.num > b.num) - (a.num < b.num);
  constexpr __int128 kLimit = static_cast<__int128>(1) << 63;
  if (a.num < kLimit && a.num > -kLimit && b.num < kLimit && b.num > -kLimit && a.den < kLimit && b.den < kLimit) {
    __int128 left = a.num * b.den, right = b.num * a.den;
    return (left > right) - (left < right);
  }
  return zc_dec_compare(&a, &b);
}

// A key as a whole number of millionths, which sorts in cache where the keys
// themselves, 32 bytes each and reached through an index, made the sort wait
// on memory. `Exact`: the key is that many millionths (dates, whole numbers
// and decimals of up to 6 places), so equal numbers mean equal keys.
// `Floor`: the key lies between it and the next (or beyond the range of
// int64, clamped), so only a difference decides. `None`: a numerator too
// large to scale; the keys are compared.
enum Scaled : uint8_t { kNone, kFloor, kExact };
constexpr __int128 kMillion = 1000000;

Scaled scale(const zc_dec& key, int64_t& out) {
  constexpr __int128 kUnscalable = static_cast<__int128>(1) << 100;
  if (key.num >= kUnscalable || key.num <= -kUnscalable) return kNone;
  __int128 scaled = key.num * kMillion, q = scaled / key.den, r = scaled % key.den;
  if (r < 0) --q;  // toward -∞: den > 0
  if (q > INT64_MAX || q < INT64_MIN) {
    out = q > 0 ? INT64_MAX : INT64_MIN;
    return kFloor;
  }
  out = static_cast<int64_t>(q);
  return r == 0 ? kExact : kFloor;
}

// A gathered record while it is sorted: its first keys scaled, and its index.
constexpr size_t kScaledKeys = 2;
struct SortEntry {
  int64_t value[kScaledKeys];
  Scaled scaled[kScaledKeys];
  uint32_t index;
};

std::runtime_error fileError(const char* what) {
  return std::runtime_error(std::string(what) + " the keys of a 排名 in a temporary file: " + std::strerror(errno));
}

}  // namespace

// A record on file: its keys, then its ordinal in 16 bytes, so the keys of
// every record in a block lie where a zc_dec may be read.
size_t RankSort::recordBytes() const { return width() * sizeof(zc_dec) + sizeof(__int128); }

// A record gathered: its keys and ordinal, and while it is sorted its entry
// (two scaled keys and their kinds, its index) and its place in the order.
size_t RankSort::gatheredBytes() const {
  return width() * sizeof(zc_dec) + sizeof(uint64_t) + sizeof(SortEntry) + sizeof(uint32_t);
}

class RankSort::Cursor {
 public:
  Cursor(int fd, Run run, size_t width, size_t recordBytes, size_t blockRecords)
      : fd_(fd),
        at_(run.offset),
        left_(run.count),
        width_(width),
        bytes_(recordBytes),
        block_(blockRecords * bytes_ / sizeof(__int128)) {}
  // Moves to the next record; false at the run's end.
  bool next() {
    if (left_ == 0) return false;
    --left_;
    if (++index_ < loaded_) return true;
    size_t records = static_cast<size_t>(std::min<uint64_t>(left_ + 1, block_.size() * sizeof(__int128) / bytes_));
    size_t want = records * bytes_, got = 0;
    while (got < want) {
      ssize_t n = ::pread(fd_, bytes() + got, want - got, static_cast<off_t>(at_ + got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0)
        throw n < 0 ? fileError("cannot read back")
                    : std::runtime_error("the keys of a 排名 held in a temporary file were cut short");
      got += static_cast<size_t>(n);
    }
    at_ += want;
    loaded_ = records;
    index_ = 0;
    return true;
  }
  const zc_dec* keys() const { return reinterpret_cast<const zc_dec*>(bytes() + index_ * bytes_); }
  uint64_t ordinal() const {
    uint64_t value;
    std::memcpy(&value, bytes() + index_ * bytes_ + width_ * sizeof(zc_dec), sizeof value);
    return value;
  }

 private:
  char* bytes() const { return reinterpret_cast<char*>(const_cast<__int128*>(block_.data())); }
  int fd_;
  uint64_t at_, left_;
  size_t width_, bytes_;
  std::vector<__int128> block_;
  size_t loaded_ = 0, index_ = 0;
};

RankSort::RankSort(std::vector<uint8_t> descending, bool tiesAllIn, size_t memoryBytes)
    : descending_(std::move(descending)),
      tiesAllIn_(tiesAllIn),
      capacity_(std::max<size_t>(1, memoryBytes / gatheredBytes())),
      file_(nullptr, &std::fclose) {}

bool RankSort::before(const zc_dec* a, const zc_dec* b) const {
  for (size_t k = 0; k < width(); ++k) {
    int c = compareKey(a[k], b[k]);
    if (c == 0) continue;
    bool first = descending_[k] ? c > 0 : c < 0;
    return tiesAllIn_ ? first : !first;
  }
  return false;
}

// A zc_dec is in lowest terms: equal values are equal fractions.
bool RankSort::equal(const zc_dec* a, const zc_dec* b) const {
  for (size_t k = 0; k < width(); ++k)
    if (a[k].num != b[k].num || a[k].den != b[k].den) return false;
  return true;
}

void RankSort::add(const zc_dec* keys, uint64_t ordinal) {
  if (ordinals_.size() == capacity_) spill();
  keys_.insert(keys_.end(), keys, keys + width());
  ordinals_.push_back(ordinal);
  ++count_;
}

// The gathered records in the order of before(): each record's first keys
// scaled beside its index, so most comparisons read only those; the keys
// themselves where scaled keys cannot decide.
std::vector<uint32_t> RankSort::sortedGathered() const {
  size_t scaledKeys = std::min(kScaledKeys, width());
  std::vector<SortEntry> entries(ordinals_.size());
  for (uint32_t i = 0; i < entries.size(); ++i) {
    entries[i].index = i;
    for (size_t k = 0; k < scaledKeys; ++k) entries[i].scaled[k] = scale(keys_[i * width() + k], entries[i].value[k]);
  }
  std::sort(entries.begin(), entries.end(), [&](const SortEntry& a, const SortEntry& b) {
    const zc_dec* ka = &keys_[a.index * width()];
    const zc_dec* kb = &keys_[b.index * width()];
    for (size_t k = 0; k < width(); ++k) {
      int c;
      if (k >= scaledKeys || a.scaled[k] == kNone || b.scaled[k] == kNone)
        c = compareKey(ka[k], kb[k]);
      else if (a.value[k] != b.value[k])
        c = a.value[k] < b.value[k] ? -1 : 1;
      else if (a.scaled[k] == kExact && b.scaled[k] == kExact)
        c = 0;
      else
        c = compareKey(ka[k], kb[k]);
      if (c == 0) continue;
      bool first = descending_[k] ? c > 0 : c < 0;
      return tiesAllIn_ ? first : !first;
    }
    return false;
  });
  std::vector<uint32_t> order(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) order[i] = entries[i].index;
  return order;
}

// The gathered records, sorted, appended to the file as one run.
void RankSort::spill() {
  if (!file_) {
    file_.reset(std::tmpfile());
    if (!file_) throw fileError("cannot hold");
  }
  uint64_t count = ordinals_.size();
  // Written a block at a time: two small writes a record cost more than the sort.
  std::vector<char> block;
  block.reserve(kMaxBlock + recordBytes());
  auto flush = [&] {
    if (std::fwrite(block.data(), 1, block.size(), file_.get()) != block.size()) throw fileError("cannot hold");
    block.clear();
  };
  for (uint32_t i : sortedGathered()) {
    __int128 ordinal = ordinals_[i];
    const char* keys = reinterpret_cast<const char*>(&keys_[i * width()]);
    block.insert(block.end(), keys, keys + width() * sizeof(zc_dec));
    block.insert(block.end(), reinterpret_cast<const char*>(&ordinal), reinterpret_cast<const char*>(&ordinal + 1));
    if (block.size() >= kMaxBlock) flush();
  }
  flush();
  runs_.push_back({written_, count});
  written_ += count * recordBytes();
  keys_.clear();
  ordinals_.clear();
}

void RankSort::places(const std::function<void(uint64_t ordinal, uint64_t place)>& out) {
  std::vector<zc_dec> previous(width());
  uint64_t position = 0, tieStart = 0;
  // Records come in the order of before(): a tie begins where the keys change.
  auto emit = [&](const zc_dec* keys, uint64_t ordinal) {
    if (position == 0 || !equal(keys, previous.data())) {
      tieStart = position;
      std::copy(keys, keys + width(), previous.begin());
    }
    out(ordinal, tiesAllIn_ ? tieStart + 1 : count_ - tieStart);
    ++position;
  };
  if (runs_.empty()) {
    for (uint32_t i : sortedGathered()) emit(&keys_[i * width()], ordinals_[i]);
    std::vector<zc_dec>().swap(keys_);
    std::vector<uint64_t>().swap(ordinals_);
    return;
  }
  if (!ordinals_.empty()) spill();
  std::vector<zc_dec>().swap(keys_);
  std::vector<uint64_t>().swap(ordinals_);
  if (std::fflush(file_.get()) != 0) throw fileError("cannot hold");
  size_t memory = capacity_ * gatheredBytes();
  size_t blockRecords = std::max<size_t>(1, std::min(kMaxBlock, memory / runs_.size()) / recordBytes());
  std::vector<Cursor> cursors;
  cursors.reserve(runs_.size());
  for (const Run& run : runs_) cursors.emplace_back(fileno(file_.get()), run, width(), recordBytes(), blockRecords);
  auto later = [&](size_t a, size_t b) { return before(cursors[b].keys(), cursors[a].keys()); };
  std::priority_queue<size_t, std::vector<size_t>, decltype(later)> heads(later);
  for (size_t c = 0; c < cursors.size(); ++c)
    if (cursors[c].next()) heads.push(c);
  while (!heads.empty()) {
    size_t c = heads.top();
    heads.pop();
    emit(cursors[c].keys(), cursors[c].ordinal());
    if (cursors[c].next()) heads.push(c);
  }
  file_.reset();
  runs_.clear();
}

}  // namespace zc::rt
