// Tests of the runtime functions that give the steps their meaning: every
// engine only calls them, so what they do is what a ruleset does.
#include <zc/batch.h>
#include <zc/runtime.h>

#include <array>
#include <catch2/catch.hpp>

namespace {

// Outcome arrays for three clauses, as an engine holds one record's.
struct Slots {
  std::array<uint8_t, 3> fired{};
  std::array<zc_dec, 3> amounts{};
  std::array<int32_t, 3> status{};
  std::array<int32_t, 3> site{-1, -1, -1};
  zc_outcomes outcomes{fired.data(), amounts.data(), status.data(), site.data()};
};

zc_dec yuan(int64_t amount) { return zc_dec{amount, 1}; }

}  // namespace

TEST_CASE("a clause is paid its amount, fired only where it pays") {
  Slots s;
  zc_dec amount = yuan(500);
  zc_clause_pay(&s.outcomes, 1, &amount, 7, 1);
  CHECK(s.fired[1] == 1);
  CHECK(s.amounts[1].num == 500);
  CHECK(s.status[1] == ZC_OK);
  zc_dec zero = yuan(0);
  zc_clause_pay(&s.outcomes, 2, &zero, 8, 0);
  CHECK(s.fired[2] == 0);
  CHECK(s.status[2] == ZC_OK);
}

TEST_CASE("an amount below zero fails its clause and the slot keeps it for the message") {
  Slots s;
  zc_dec amount = yuan(-3);
  zc_clause_pay(&s.outcomes, 0, &amount, 12, 1);
  CHECK(s.fired[0] == 0);
  CHECK(s.amounts[0].num == -3);
  CHECK(s.status[0] == ZC_ERR_NEGATIVE_AWARD);
  CHECK(s.site[0] == 12);
  zc_clause_reset(&s.outcomes, 0);
  CHECK(s.amounts[0].num == 0);
  CHECK(s.status[0] == ZC_OK);
  CHECK(s.site[0] == -1);
}

TEST_CASE("条款 \"X\" reads X's award, 0 where it did not fire, and fails when X failed") {
  Slots s;
  zc_dec amount = yuan(40);
  zc_clause_pay(&s.outcomes, 0, &amount, 1, 1);
  zc_clause_fail(&s.outcomes, 1, ZC_ERR_DIV_ZERO, 4);
  zc_dec read = yuan(99);
  REQUIRE(zc_clause_amount(&s.outcomes, 0, &read) == ZC_OK);
  CHECK(read.num == 40);
  REQUIRE(zc_clause_amount(&s.outcomes, 2, &read) == ZC_OK);
  CHECK(read.num == 0);
  CHECK(zc_clause_amount(&s.outcomes, 1, &read) == ZC_ERR_DEPENDENCY);
  zc_outcomes none{};
  CHECK(zc_clause_amount(&none, 0, &read) == ZC_ERR_DEPENDENCY);
}

TEST_CASE("a gate's error is kept for every clause that reads it") {
  std::array<zc_gate, 2> gates{};
  zc_gate_decide(gates.data(), 0, 1);
  zc_gate_fail(gates.data(), 1, ZC_ERR_OVERFLOW, 9);
  int32_t holds = 0, site = 0;
  CHECK(zc_gate_read(gates.data(), 0, &holds, &site) == ZC_OK);
  CHECK(holds == 1);
  CHECK(zc_gate_read(gates.data(), 1, &holds, &site) == ZC_ERR_OVERFLOW);
  CHECK(holds == 0);
  CHECK(site == 9);
}

TEST_CASE("a 封顶 has something to cut only when a member fired") {
  Slots s;
  const int32_t members[] = {0, 2};
  CHECK(zc_any_fired(&s.outcomes, members, 2) == 0);
  s.fired[1] = 1;
  CHECK(zc_any_fired(&s.outcomes, members, 2) == 0);
  s.fired[2] = 1;
  CHECK(zc_any_fired(&s.outcomes, members, 2) == 1);
}

TEST_CASE("an Items step empties its clauses' slots and adds each item into them") {
  Slots row, item;
  row.fired[0] = 1;
  row.amounts[0] = yuan(8);
  row.status[2] = ZC_ERR_RULE;
  const int32_t members[] = {0, 2};
  zc_items_begin(&row.outcomes, members, 2);
  CHECK(row.fired[0] == 0);
  CHECK(row.amounts[0].num == 0);
  CHECK(row.status[2] == ZC_OK);
  zc_item_results results{nullptr, 0, 0};
  for (int64_t i = 0; i < 2; ++i) {
    zc_dec amount = yuan(10 + i);
    zc_clause_pay(&item.outcomes, 0, &amount, 1, 1);
    zc_clause_reset(&item.outcomes, 2);
    zc_item_record(&results, 0, i, members, 2, &item.outcomes, &row.outcomes);
  }
  CHECK(results.count == 4);
  CHECK(row.fired[0] == 1);
  CHECK(row.amounts[0].num == 21);
  CHECK(row.fired[2] == 0);
  zc_item_results_free(&results);
}
