// The ids of a run's records: each id given to more than one record, with
// all its lines, whichever chunks they came in.
#include <catch2/catch.hpp>

#include "driver/DuplicateIds.h"

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
  auto duplicates = ids.find();
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
  CHECK(ids.find().empty());
}
