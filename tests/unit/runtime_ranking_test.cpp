// 排名 (zc/ranking.h): places worked out by hand in each case's comment.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "zc/ranking.h"

namespace {

using zc::rt::RankingSpec;

std::vector<int64_t> places(const std::vector<std::vector<int64_t>>& records, const std::vector<uint8_t>& descending,
                            bool tiesAllIn) {
  std::vector<zc_dec> keys;
  for (const auto& record : records)
    for (int64_t key : record) keys.push_back(zc_dec{key, 1});
  std::vector<int64_t> out(records.size(), -1);
  zc::rt::rankKeys(keys.data(), records.size(), descending, tiesAllIn, out.data());
  return out;
}

// A record of one Dec key (optional) and an optional rank field.
zc::rt::Record record(bool hasKey, int64_t key) {
  zc::rt::Record r;
  r.fields.resize(2);
  r.fields[0].present = hasKey;
  r.fields[0].scalar.d = zc_dec{key, 1};
  return r;
}

zc::rt::RecordSchema schema() {
  zc::rt::RecordSchema s;
  s.fields.push_back({.name = "用电量", .kind = zc::rt::Kind::Dec, .optional = true});
  s.fields.push_back({.name = "用电排名", .kind = zc::rt::Kind::Int, .optional = true});
  return s;
}

}  // namespace

TEST_CASE("ties share the best place (all in) or the worst (none in)") {
  // 800, 500, 500, 500, 300 largest first: places 1, 2-4, 5.
  CHECK(places({{500}, {800}, {300}, {500}, {500}}, {1}, true) == std::vector<int64_t>{2, 1, 5, 2, 2});
  CHECK(places({{500}, {800}, {300}, {500}, {500}}, {1}, false) == std::vector<int64_t>{4, 1, 5, 4, 4});
  // Smallest first: 300, then 500 ×3, then 800.
  CHECK(places({{500}, {800}, {300}, {500}, {500}}, {0}, true) == std::vector<int64_t>{2, 5, 1, 2, 2});
  CHECK(places({}, {1}, true).empty());
}

TEST_CASE("a later key orders what the earlier leave tied, and only that") {
  // (score desc, date asc): (90, 3), (90, 1), (95, 9), (90, 1): 95 first; the 90s by date, 1 before 3.
  CHECK(places({{90, 3}, {90, 1}, {95, 9}, {90, 1}}, {1, 0}, true) == std::vector<int64_t>{4, 2, 1, 2});
  CHECK(places({{90, 3}, {90, 1}, {95, 9}, {90, 1}}, {1, 0}, false) == std::vector<int64_t>{4, 3, 1, 3});
}

TEST_CASE("a run's records ranked in input order, a record without its key not ranked") {
  RankingSpec spec = RankingSpec::of(schema(), "用电排名", 1, {0}, {1}, true);
  zc::rt::RankTable table({spec});
  std::vector<zc::rt::Record> records = {record(true, 5), record(false, 0), record(true, 9), record(true, 5)};
  table.add(0, &records[0]);
  table.add(1, &records[1]);
  table.add(2, &records[2]);
  table.add(3, nullptr);  // unreadable: ranked by none
  table.add(4, &records[3]);
  table.rank();
  CHECK(table.ranked(0) == 3);
  // 9 first, the two 5s share place 2 (all in).
  records[1].fields[1].present = true;  // a rank the input gave is replaced
  std::vector<int64_t> want = {2, 0, 1, 2};
  std::vector<uint64_t> ordinals = {0, 1, 2, 4};
  for (size_t i = 0; i < records.size(); ++i) {
    table.apply(ordinals[i], records[i]);
    CHECK(records[i].fields[1].present == (want[i] > 0));
    CHECK(records[i].fields[1].scalar.i == want[i]);
  }
  CHECK(table.place(0, 3) == 0);
}

TEST_CASE("keys as bytes, for a host that ranks a run cut into parts, give the same places") {
  RankingSpec spec = RankingSpec::of(schema(), "用电排名", 1, {0}, {1}, false);
  std::vector<zc::rt::Record> records = {record(true, 5), record(false, 0), record(true, 9), record(true, 5)};
  std::string first, second;
  zc::rt::appendRankKeys({spec}, &records[0], first);
  zc::rt::appendRankKeys({spec}, &records[1], first);
  zc::rt::appendRankKeys({spec}, nullptr, second);
  zc::rt::appendRankKeys({spec}, &records[2], second);
  zc::rt::appendRankKeys({spec}, &records[3], second);
  CHECK(first.size() == 2 * zc::rt::rankKeyBytes({spec}));
  std::string all = first + second;
  std::vector<int64_t> out(5, -1);
  zc::rt::placesOfRankKeys({spec}, reinterpret_cast<const unsigned char*>(all.data()), 5, out.data());
  // 9 first; the two 5s share the worst of places 2-3 (none in).
  CHECK(out == std::vector<int64_t>{3, 0, 0, 1, 3});
}

TEST_CASE("a run too large for the memory bound is sorted in runs on disk and ranked as in memory") {
  // Two keys, a record every ordinal but each seventh (unreadable), few distinct values so that
  // ties are many and cross the runs; a bound of a few records' keys writes hundreds of runs.
  zc::rt::RecordSchema s = schema();
  s.fields.push_back({.name = "得分", .kind = zc::rt::Kind::Int, .optional = false});
  for (bool tiesAllIn : {true, false}) {
    RankingSpec spec = RankingSpec::of(s, "用电排名", 1, {0, 2}, {1, 0}, tiesAllIn);
    zc::rt::RankTable spilled({spec}, 1000), whole({spec});
    std::vector<zc_dec> keys;
    std::vector<uint64_t> ranked;
    const uint64_t count = 5000;
    for (uint64_t i = 0; i < count; ++i) {
      zc::rt::Record r = record(i % 11 != 3, static_cast<int64_t>((i * 7919) % 13));
      r.fields.resize(3);
      r.fields[2].present = true;
      r.fields[2].scalar.i = static_cast<int64_t>((i * 104729) % 5);
      if (i % 5 == 0)
        r.fields[0].scalar.d = zc_dec{static_cast<__int128>(2 * (i % 3) + 1), 2};  // halves among whole numbers
      // Below zero, and thirds: between two millionths, so only their keys decide.
      if (i % 29 == 0) r.fields[0].scalar.d = zc_dec{-static_cast<__int128>(2 * (i % 3) + 1), 2};
      if (i % 31 == 0) r.fields[0].scalar.d = zc_dec{static_cast<__int128>(i % 2 + 1), 3};
      // Beyond 64 bits, compared through 256-bit products; beyond 2^100, not scaled at all.
      if (i % 17 == 0)
        r.fields[0].scalar.d = zc_dec{(static_cast<__int128>(1) << 70) + static_cast<__int128>(i % 2), 3};
      if (i % 23 == 0)
        r.fields[0].scalar.d = zc_dec{(static_cast<__int128>(1) << 101) + static_cast<__int128>(i % 2), 5};
      const zc::rt::Record* given = i % 7 == 6 ? nullptr : &r;
      spilled.add(i, given);
      whole.add(i, given);
      if (given != nullptr && r.fields[0].present) {
        ranked.push_back(i);
        keys.push_back(r.fields[0].scalar.d);
        keys.push_back(zc_dec{r.fields[2].scalar.i, 1});
      }
    }
    spilled.rank();
    whole.rank();
    std::vector<int64_t> want(ranked.size());
    zc::rt::rankKeys(keys.data(), ranked.size(), {1, 0}, tiesAllIn, want.data());
    CHECK(spilled.ranked(0) == ranked.size());
    size_t next = 0, mismatches = 0;
    for (uint64_t i = 0; i < count; ++i) {
      int64_t expected = next < ranked.size() && ranked[next] == i ? want[next++] : 0;
      mismatches += spilled.place(0, i) != expected || whole.place(0, i) != expected;
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("places past the memory bound are held on disk in input order and read back as in memory") {
  // Two rankings over 3000 records, one key ascending and one descending, many ties; a bound
  // of 1000 bytes holds 125 records' places, so they go to disk in 24 windows.
  zc::rt::RecordSchema s = schema();
  s.fields.push_back({.name = "项目排名", .kind = zc::rt::Kind::Int, .optional = true});
  std::vector<RankingSpec> specs = {RankingSpec::of(s, "用电排名", 1, {0}, {1}, true),
                                    RankingSpec::of(s, "项目排名", 2, {0}, {0}, false)};
  zc::rt::RankTable spilled(specs, 1000), whole(specs);
  const uint64_t count = 3000;
  auto make = [](uint64_t i) {
    zc::rt::Record r = record(i % 9 != 4, static_cast<int64_t>((i * 7919) % 101));
    r.fields.resize(3);
    return r;
  };
  for (uint64_t i = 0; i < count; ++i) {
    zc::rt::Record r = make(i);
    const zc::rt::Record* given = i % 13 == 12 ? nullptr : &r;
    spilled.add(i, given);
    whole.add(i, given);
  }
  spilled.rank();
  whole.rank();
  CHECK(spilled.placesOnDisk());
  CHECK_FALSE(whole.placesOnDisk());
  // In rising order, as a worker reads its records, then a jump back to an earlier block.
  std::vector<uint64_t> ordinals;
  for (uint64_t i = 0; i < count; ++i) ordinals.push_back(i);
  ordinals.push_back(7);
  ordinals.push_back(count);  // beyond the run: ranked by none
  zc::rt::RankTable::Reader reader(spilled);
  size_t mismatches = 0, ranked = 0;
  for (uint64_t i : ordinals) {
    zc::rt::Record fromDisk = make(i), inMemory = make(i);
    fromDisk.fields[1].present = fromDisk.fields[2].present = true;  // replaced
    reader.apply(i, fromDisk);
    whole.apply(i, inMemory);
    for (int f : {1, 2}) {
      mismatches += fromDisk.fields[f].present != inMemory.fields[f].present ||
                    fromDisk.fields[f].scalar.i != inMemory.fields[f].scalar.i;
      ranked += inMemory.fields[f].present;
    }
    mismatches += spilled.place(1, i) != whole.place(1, i);
  }
  CHECK(mismatches == 0);
  CHECK(ranked > count);  // most records are in both rankings
  CHECK(spilled.ranked(0) == whole.ranked(0));
}
