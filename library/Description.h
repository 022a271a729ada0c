// The ruleset a library was compiled from, as the library runtime needs it:
// read once from the description zc build embedded (aot/RulesetDescription.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "zc/params.h"
#include "zc/ranking.h"
#include "zc/record.h"

namespace zc::library {

struct ClauseDescription {
  std::string id, source, beneficiary;
};

// 资金池 (ir::Pool): settled by the host over the whole run, in two phases.
struct PoolDescription {
  std::string name;
  std::vector<std::string> clauses;
  zc_dec amount{};  // 元, when param < 0
  int param = -1;
  zc_dec paramScale{1, 1};
  bool proRata = false;
  int orderField = -1;
};

struct RulesetDescription {
  bool ok = false;  // false: the embedded text could not be read, which is a bug of zc build
  std::string name, sourceHash, zcVersion;
  std::vector<ClauseDescription> clauses;
  rt::RecordSchema schema;
  std::vector<rt::FieldSchema> params;  // each with its default as defaultValue
  std::vector<std::optional<rt::ValueRange>> paramRanges;
  // Human-readable defaults, as the description states them (zhengce_field, zhengce_param).
  std::vector<std::string> fieldDefaults, paramDefaults;
  std::vector<PoolDescription> pools;
  std::vector<rt::RankingSpec> rankings;  // 排名 (ir::Ranking): ranked by the host over the whole run
};

// Reads the embedded description; false only if zc wrote something this runtime cannot read (a bug).
bool readDescription(const char* json, RulesetDescription& out);

// The library's own description, read on first use; never changes afterwards.
const RulesetDescription& embeddedDescription();

}  // namespace zc::library
