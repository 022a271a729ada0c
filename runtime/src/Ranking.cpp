#include "zc/ranking.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <string>

#include "RankSort.h"

namespace zc::rt {

namespace {

// -1, 0 or 1: how record a's keys compare with record b's, each key in its order.
int compareKeys(const zc_dec* a, const zc_dec* b, const std::vector<uint8_t>& descending) {
  for (size_t k = 0; k < descending.size(); ++k) {
    int c = zc_dec_compare(&a[k], &b[k]);
    if (c != 0) return descending[k] ? -c : c;
  }
  return 0;
}

std::runtime_error placesError(const char* what) {
  return std::runtime_error(std::string(what) + " the places of a 排名 in a temporary file: " + std::strerror(errno));
}

void readAll(int fd, void* to, size_t size, uint64_t offset) {
  for (size_t got = 0; got < size;) {
    ssize_t n = ::pread(fd, static_cast<char*>(to) + got, size - got, static_cast<off_t>(offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw n < 0 ? placesError("cannot read back")
                  : std::runtime_error("the places of a 排名 held in a temporary file were cut short");
    got += static_cast<size_t>(n);
  }
}

// Records a Reader reads the places of at a time.
constexpr uint64_t kReadRecords = 16384;

}  // namespace

void rankKeys(const zc_dec* keys, size_t count, const std::vector<uint8_t>& descending, bool tiesAllIn,
              int64_t* places) {
  size_t k = descending.size();
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return compareKeys(keys + a * k, keys + b * k, descending) < 0; });
  // Each run of records equal on every key shares the first or the last place of the run.
  for (size_t first = 0; first < count;) {
    size_t end = first + 1;
    while (end < count && compareKeys(keys + order[first] * k, keys + order[end] * k, descending) == 0) ++end;
    int64_t shared = static_cast<int64_t>(tiesAllIn ? first + 1 : end);
    for (size_t i = first; i < end; ++i) places[order[i]] = shared;
    first = end;
  }
}

RankingSpec RankingSpec::of(const RecordSchema& schema, std::string name, int rankField,
                            const std::vector<int>& keyFields, std::vector<uint8_t> descending, bool tiesAllIn) {
  RankingSpec spec{std::move(name), rankField, keyFields, std::move(descending), {}, {}, tiesAllIn};
  for (int f : keyFields) {
    spec.keyIsDec.push_back(schema.fields[f].kind == Kind::Dec);
    spec.keyOptional.push_back(schema.fields[f].optional);
  }
  return spec;
}

RankTable::RankTable(std::vector<RankingSpec> rankings, size_t memoryBytes)
    : rankings_(std::move(rankings)), memoryBytes_(memoryBytes), counts_(rankings_.size(), 0) {
  for (const RankingSpec& r : rankings_)
    sorts_.push_back(std::make_unique<RankSort>(r.descending, r.tiesAllIn, memoryBytes / rankings_.size()));
}

RankTable::RankTable(RankTable&&) noexcept = default;
RankTable::~RankTable() = default;

bool RankTable::keysOf(const RankingSpec& ranking, const Record& record, zc_dec* out) {
  for (size_t k = 0; k < ranking.keyFields.size(); ++k) {
    const FieldValue& value = record.fields[ranking.keyFields[k]];
    // An optional field absent: nothing to rank the record by. (A field with a default holds it.)
    if (ranking.keyOptional[k] && !value.present) return false;
    if (ranking.keyIsDec[k])
      out[k] = value.scalar.d;
    else if (zc_dec_from_int(value.scalar.i, &out[k]) != ZC_OK)
      return false;
  }
  return true;
}

void RankTable::add(uint64_t ordinal, const Record* record) {
  records_ = ordinal + 1;
  if (record == nullptr) return;
  for (size_t r = 0; r < rankings_.size(); ++r) {
    scratch_.resize(rankings_[r].keyFields.size());
    if (keysOf(rankings_[r], *record, scratch_.data())) sorts_[r]->add(scratch_.data(), ordinal);
  }
}

void RankTable::rank() {
  size_t width = rankings_.size();
  if (width == 0) return;
  for (size_t r = 0; r < width; ++r) {
    counts_[r] = sorts_[r]->count();
    if (counts_[r] > UINT32_MAX)
      throw std::runtime_error("排名 " + rankings_[r].name + " would rank " + std::to_string(counts_[r]) +
                               " records; it ranks at most 4294967295");
  }
  if (records_ > memoryBytes_ / sizeof(uint32_t) / width) return spillPlaces();
  places_.assign(records_ * width, 0);
  for (size_t r = 0; r < width; ++r) {
    sorts_[r]->places(
        [&](uint64_t ordinal, uint64_t place) { places_[ordinal * width + r] = static_cast<uint32_t>(place); });
    sorts_[r].reset();
  }
}

// The places come out of each ranking's sort in the order of its keys, and
// are wanted in input order: the records are cut into windows, each as many
// as the memory bound holds the places of; each place is appended to its
// window's entries (written to a scratch file a block at a time), and then
// each window's places are set out in order and written, a window at a time.
void RankTable::spillPlaces() {
  size_t width = rankings_.size();
  // An entry: (the place's index in its window) << 32 | the place.
  uint64_t window = std::clamp<uint64_t>(memoryBytes_ / sizeof(uint32_t) / width, 1, UINT32_MAX / width);
  uint64_t windows = (records_ + window - 1) / window;
  size_t blockEntries = std::clamp<uint64_t>(memoryBytes_ / 2 / sizeof(uint64_t) / windows, 1024, 65536);
  struct Block {
    uint64_t offset, entries;
  };
  std::vector<std::vector<uint64_t>> pending(windows);
  std::vector<std::vector<Block>> blocks(windows);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> scratch(std::tmpfile(), &std::fclose);
  placesFile_.reset(std::tmpfile());
  if (!scratch || !placesFile_) throw placesError("cannot hold");
  uint64_t written = 0;
  auto flush = [&](uint64_t w) {
    std::vector<uint64_t>& entries = pending[w];
    if (std::fwrite(entries.data(), sizeof(uint64_t), entries.size(), scratch.get()) != entries.size())
      throw placesError("cannot hold");
    blocks[w].push_back({written, entries.size()});
    written += entries.size() * sizeof(uint64_t);
    entries.clear();
  };
  for (size_t r = 0; r < width; ++r) {
    sorts_[r]->places([&](uint64_t ordinal, uint64_t place) {
      uint64_t w = ordinal / window, index = (ordinal - w * window) * width + r;
      pending[w].push_back(index << 32 | place);
      if (pending[w].size() == blockEntries) flush(w);
    });
    sorts_[r].reset();
  }
  if (std::fflush(scratch.get()) != 0) throw placesError("cannot hold");
  std::vector<uint32_t> places;
  std::vector<uint64_t> entries;
  auto setOut = [&](const std::vector<uint64_t>& from) {
    for (uint64_t e : from) places[e >> 32] = static_cast<uint32_t>(e);
  };
  for (uint64_t w = 0; w < windows; ++w) {
    places.assign(std::min(window, records_ - w * window) * width, 0);
    for (const Block& block : blocks[w]) {
      entries.resize(block.entries);
      readAll(fileno(scratch.get()), entries.data(), block.entries * sizeof(uint64_t), block.offset);
      setOut(entries);
    }
    setOut(pending[w]);
    std::vector<uint64_t>().swap(pending[w]);
    if (std::fwrite(places.data(), sizeof(uint32_t), places.size(), placesFile_.get()) != places.size())
      throw placesError("cannot hold");
  }
  if (std::fflush(placesFile_.get()) != 0) throw placesError("cannot hold");
}

void RankTable::readPlaces(uint64_t first, uint64_t records, uint32_t* out) const {
  size_t width = rankings_.size();
  readAll(fileno(placesFile_.get()), out, records * width * sizeof(uint32_t), first * width * sizeof(uint32_t));
}

int64_t RankTable::place(size_t ranking, uint64_t ordinal) const {
  if (ordinal >= records_ || sorts_[ranking]) return 0;
  if (!placesFile_) return places_[ordinal * rankings_.size() + ranking];
  std::vector<uint32_t> places(rankings_.size());
  readPlaces(ordinal, 1, places.data());
  return places[ranking];
}

void RankTable::writePlace(const RankingSpec& ranking, int64_t place, Record& record) {
  FieldValue& rank = record.fields[ranking.rankField];
  rank.present = place > 0;
  rank.scalar.i = place;
}

void RankTable::apply(uint64_t ordinal, Record& record) const {
  for (size_t r = 0; r < rankings_.size(); ++r) writePlace(rankings_[r], place(r, ordinal), record);
}

void RankTable::Reader::apply(uint64_t ordinal, Record& record) {
  if (!table_.placesFile_) return table_.apply(ordinal, record);
  size_t width = table_.rankings_.size();
  if (ordinal >= table_.records_) {
    for (const RankingSpec& ranking : table_.rankings_) writePlace(ranking, 0, record);
    return;
  }
  if (ordinal < first_ || ordinal >= first_ + loaded_) {
    first_ = ordinal / kReadRecords * kReadRecords;
    loaded_ = std::min(kReadRecords, table_.records_ - first_);
    block_.resize(loaded_ * width);
    table_.readPlaces(first_, loaded_, block_.data());
  }
  for (size_t r = 0; r < width; ++r) writePlace(table_.rankings_[r], block_[(ordinal - first_) * width + r], record);
}

// A record's bytes: per ranking, a byte saying whether it is ranked, then its keys.
size_t rankKeyBytes(const std::vector<RankingSpec>& rankings) {
  size_t bytes = 0;
  for (const RankingSpec& r : rankings) bytes += 1 + r.keyFields.size() * sizeof(zc_dec);
  return bytes;
}

void appendRankKeys(const std::vector<RankingSpec>& rankings, const Record* record, std::string& out) {
  for (const RankingSpec& ranking : rankings) {
    std::vector<zc_dec> keys(ranking.keyFields.size());
    bool ranked = record != nullptr && RankTable::keysOf(ranking, *record, keys.data());
    out += static_cast<char>(ranked ? 1 : 0);
    if (!ranked) keys.assign(keys.size(), zc_dec{0, 1});
    out.append(reinterpret_cast<const char*>(keys.data()), keys.size() * sizeof(zc_dec));
  }
}

void placesOfRankKeys(const std::vector<RankingSpec>& rankings, const unsigned char* keys, size_t records,
                      int64_t* places) {
  size_t stride = rankKeyBytes(rankings), at = 0;
  for (size_t r = 0; r < rankings.size(); ++r) {
    size_t k = rankings[r].keyFields.size();
    std::vector<size_t> ranked;
    std::vector<zc_dec> values;
    for (size_t i = 0; i < records; ++i) {
      const unsigned char* record = keys + i * stride + at;
      places[i * rankings.size() + r] = 0;
      if (record[0] == 0) continue;
      ranked.push_back(i);
      size_t from = values.size();
      values.resize(from + k);
      std::memcpy(values.data() + from, record + 1, k * sizeof(zc_dec));
    }
    std::vector<int64_t> found(ranked.size());
    rankKeys(values.data(), ranked.size(), rankings[r].descending, rankings[r].tiesAllIn, found.data());
    for (size_t j = 0; j < ranked.size(); ++j) places[ranked[j] * rankings.size() + r] = found[j];
    at += 1 + k * sizeof(zc_dec);
  }
}

}  // namespace zc::rt
