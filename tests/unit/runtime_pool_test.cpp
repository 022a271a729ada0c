// 资金池 settlement (zc/pool.h), on claims whose shares are worked out by
// hand in each case's comment.
#include <catch2/catch.hpp>
#include <vector>

#include "zc/pool.h"

namespace {

std::vector<int64_t> settle(const std::vector<int64_t>& asked, int64_t pool, bool proRata,
                            const std::vector<int64_t>& keys = {}) {
  std::vector<int64_t> granted(asked.size(), -1);
  REQUIRE(zc_pool_settle(asked.data(), keys.empty() ? nullptr : keys.data(), asked.size(), pool, proRata,
                         granted.data()) == ZC_OK);
  return granted;
}

}  // namespace

TEST_CASE("a pool its claims do not exceed pays each in full") {
  CHECK(settle({100, 200, 300}, 600, true) == std::vector<int64_t>{100, 200, 300});
  CHECK(settle({100, 200, 300}, 10000, false) == std::vector<int64_t>{100, 200, 300});
  CHECK(settle({}, 5, true).empty());
}

TEST_CASE("pro rata: floors, then the 分 left over to the largest remainders") {
  // 10001 × {1, 2, 1} / 4 = 2500.25, 5000.5, 2500.25: one 分 left, to the .5.
  CHECK(settle({10000, 20000, 10000}, 10001, true) == std::vector<int64_t>{2500, 5001, 2500});
  // 10002 × {1, 2, 1} / 4 = 2500.5, 5001, 2500.5: one 分 left, tied: the earlier claim.
  CHECK(settle({10000, 20000, 10000}, 10002, true) == std::vector<int64_t>{2501, 5001, 2500});
  // 100 × {1, 1, 1} / 3 = 33.33…: one 分 left; all tie; the first.
  CHECK(settle({1, 1, 1}, 2, true) == std::vector<int64_t>{1, 1, 0});
  CHECK(settle({7, 7, 7}, 100 / 5, true) == std::vector<int64_t>{7, 7, 6});
  // A pool of nothing pays nothing.
  CHECK(settle({5, 9}, 0, true) == std::vector<int64_t>{0, 0});
}

TEST_CASE("pro rata pays out the pool exactly, whatever the claims") {
  std::vector<int64_t> asked;
  for (int64_t i = 1; i <= 1000; ++i) asked.push_back(i * 7919 % 100003);
  for (int64_t pool : {1, 999, 123457, 4000001}) {
    std::vector<int64_t> granted = settle(asked, pool, true);
    int64_t total = 0;
    for (size_t i = 0; i < granted.size(); ++i) {
      CHECK(granted[i] <= asked[i]);
      total += granted[i];
    }
    CHECK(total == pool);
  }
}

TEST_CASE("in order: smallest key first, ties in input order, the last paid what is left") {
  // keys 3, 1, 1, 2: claim 1 (40), claim 2 (40), claim 3 gets the 20 left, claim 0 nothing.
  CHECK(settle({40, 40, 40, 40}, 100, false, {3, 1, 1, 2}) == std::vector<int64_t>{0, 40, 40, 20});
  // No keys: input order (先到先得 in the order the records came).
  CHECK(settle({40, 40, 40}, 100, false) == std::vector<int64_t>{40, 40, 20});
  // A claim of 0 takes nothing.
  CHECK(settle({0, 150, 10}, 100, false) == std::vector<int64_t>{0, 100, 0});
}

TEST_CASE("a pool settles in place, and refuses what it cannot settle") {
  std::vector<int64_t> claims{10000, 20000, 10000};
  REQUIRE(zc_pool_settle(claims.data(), nullptr, claims.size(), 10001, 1, claims.data()) == ZC_OK);
  CHECK(claims == std::vector<int64_t>{2500, 5001, 2500});
  std::vector<int64_t> granted{7, 7};
  std::vector<int64_t> negative{5, -1};
  CHECK(zc_pool_settle(negative.data(), nullptr, 2, 3, 1, granted.data()) == ZC_ERR_NEGATIVE_CAP);
  CHECK(zc_pool_settle(claims.data(), nullptr, 3, -1, 1, granted.data()) == ZC_ERR_NEGATIVE_CAP);
  std::vector<int64_t> huge{INT64_MAX, INT64_MAX};
  CHECK(zc_pool_settle(huge.data(), nullptr, 2, 3, 1, granted.data()) == ZC_ERR_OVERFLOW);
  CHECK(granted == std::vector<int64_t>{7, 7});
}
