// Random records for a schema, from a fixed seed: the differential test and
// the benchmark use them. Values cluster where rules are fragile: exactly at
// the constants the ruleset compares against and one step either side, with
// many decimal places (so awards round at .005), and now and then huge
// amounts that overflow.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ir/Ir.h"
#include "zc/record.h"

namespace zc::testing {

class RecordGenerator {
 public:
  // presence: how often a field other than the key is given at all (absent
  // fields take their defaults, as in real registries).
  RecordGenerator(const ir::Program& program, uint64_t seed, double overflowRate = 0.002, double presence = 1.0);
  rt::Record next();
  // The record as one line of JSON Lines, the way zc run reads it.
  std::string toJson(const rt::Record& record) const;

 private:
  uint64_t below(uint64_t n) { return engine_() % n; }
  bool chance(double p) { return static_cast<double>(engine_() % 1000000) < p * 1000000; }
  rt::Scalar scalar(const rt::FieldSchema& field);
  // A value of a sub-field of the list field `field`.
  rt::Scalar subScalar(int field, const rt::FieldSchema& sub);
  zc_dec decimal();
  // One of the constants, or one either side of it.
  int64_t nearConstant(const std::vector<int64_t>& constants);

  const ir::Program& program_;
  std::mt19937_64 engine_;
  double overflowRate_;
  double presence_;
  std::vector<zc_dec> decimals_;  // constants the rules compare with
  std::vector<int64_t> integers_;
  std::vector<std::string> texts_;
  uint64_t counter_ = 0;
};

}  // namespace zc::testing
