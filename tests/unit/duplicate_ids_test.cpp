// The ids of a run's records: each id given to more than one record, with
// all its lines, whichever chunks they came in.
#include <algorithm>
#include <catch2/catch.hpp>

#include "io/DuplicateIds.h"

using namespace zc;

TEST_CASE("duplicate ids: every line of each repeated id, ordered by first line, across chunks", "[ids]") {
  DuplicateIds ids;
  DuplicateIds::Chunk chunk;
  chunk.add("E2", 1);
  chunk.add("E1", 2);
  chunk.add("E2", 3);
  ids.add(chunk);
  chunk.clear();
  chunk.add("E3", 4);
  chunk.add("E1", 5);
  chunk.add("E2", 6);
  chunk.add("E", 7);
  ids.add(chunk);
  auto found = ids.find(10);
  auto& duplicates = found.first;
  REQUIRE(found.count == 2);
  REQUIRE(duplicates.size() == 2);
  CHECK(duplicates[0].id == "E2");
  CHECK(duplicates[0].lines == std::vector<size_t>{1, 3, 6});
  CHECK(duplicates[1].id == "E1");
  CHECK(duplicates[1].lines == std::vector<size_t>{2, 5});
}

TEST_CASE("duplicate ids: none when every id differs", "[ids]") {
  DuplicateIds ids;
  DuplicateIds::Chunk chunk;
  for (size_t i = 0; i < 10000; ++i) chunk.add("X" + std::to_string(i), i + 1);
  ids.add(chunk);
  CHECK(ids.find(10).count == 0);
}

TEST_CASE("duplicate ids: the same when the ids go to runs on disk", "[ids]") {
  DuplicateIds ids(64);  // a run every chunk or two
  DuplicateIds::Chunk chunk;
  size_t line = 0;
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 7; ++i) chunk.add("X" + std::to_string(round * 7 + i), ++line);
    if (round % 10 == 3) chunk.add("E1", ++line);
    if (round == 20 || round == 49) chunk.add("E2", ++line);
    ids.add(chunk);
    chunk.clear();
  }
  auto found = ids.find(3);
  auto& duplicates = found.first;
  REQUIRE(duplicates.size() == 2);
  CHECK(duplicates[0].id == "E1");
  CHECK(duplicates[0].records == 5);
  CHECK(duplicates[0].lines.size() == 4);  // the 3 named and one more, for the "…"
  CHECK(std::is_sorted(duplicates[0].lines.begin(), duplicates[0].lines.end()));
  CHECK(duplicates[1].id == "E2");
  CHECK(duplicates[1].lines.size() == 2);
}

TEST_CASE("duplicate ids: only the first named, and how many there are", "[ids]") {
  DuplicateIds ids;
  DuplicateIds::Chunk chunk;
  for (size_t i = 0; i < 30; ++i) chunk.add("D" + std::to_string(i), i + 1);
  for (size_t i = 30; i > 0; --i) chunk.add("D" + std::to_string(i - 1), 100 + i);
  ids.add(chunk);
  auto found = ids.find(10);
  CHECK(found.count == 30);
  REQUIRE(found.first.size() == 10);
  for (size_t i = 0; i < 10; ++i) CHECK(found.first[i].id == "D" + std::to_string(i));
}

TEST_CASE("duplicate ids: the same when many are sorted in two halves", "[ids]") {
  DuplicateIds ids;
  DuplicateIds::Chunk chunk;
  size_t line = 0;
  for (size_t i = 0; i < 100000; ++i) chunk.add("X" + std::to_string(i % 90000), ++line);
  ids.add(chunk);
  auto found = ids.find(10);
  CHECK(found.count == 10000);
  REQUIRE(found.first.size() == 10);
  CHECK(found.first[0].id == "X0");
  CHECK(found.first[0].lines == std::vector<size_t>{1, 90001});
  CHECK(found.first[9].id == "X9");
}
