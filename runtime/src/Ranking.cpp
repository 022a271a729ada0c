#include "zc/ranking.h"

#include <algorithm>
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
    : rankings_(std::move(rankings)), places_(rankings_.size()), counts_(rankings_.size(), 0) {
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
  for (size_t r = 0; r < rankings_.size(); ++r) {
    counts_[r] = sorts_[r]->count();
    if (counts_[r] > UINT32_MAX)
      throw std::runtime_error("排名 " + rankings_[r].name + " would rank " + std::to_string(counts_[r]) +
                               " records; it ranks at most 4294967295");
    places_[r].assign(records_, 0);
    sorts_[r]->places([&](uint64_t ordinal, uint64_t place) { places_[r][ordinal] = static_cast<uint32_t>(place); });
    sorts_[r].reset();
  }
}

int64_t RankTable::place(size_t ranking, uint64_t ordinal) const {
  const std::vector<uint32_t>& places = places_[ranking];
  return ordinal < places.size() ? places[ordinal] : 0;
}

void RankTable::writePlace(const RankingSpec& ranking, int64_t place, Record& record) {
  FieldValue& rank = record.fields[ranking.rankField];
  rank.present = place > 0;
  rank.scalar.i = place;
}

void RankTable::apply(uint64_t ordinal, Record& record) const {
  for (size_t r = 0; r < rankings_.size(); ++r) writePlace(rankings_[r], place(r, ordinal), record);
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
