// What a compiled library says about itself: its identity and its clauses,
// record fields and parameters, as one JSON object. The library reads its
// record schema and parameters back from it (library/Description.cpp),
// and hands it to hosts as zhengce_description_json().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/Ir.h"

namespace zc {

struct RulesetIdentity {
  std::string name;        // libNAME.so → NAME
  std::string sourceHash;  // SHA-256 of the source files, hex
  std::string zcVersion;
};

// The identity of a library built by this zc from these source texts.
RulesetIdentity identifyRuleset(std::string name, const std::vector<std::string_view>& sourceTexts);

std::string describeRuleset(const ir::Program& program, const RulesetIdentity& identity);

}  // namespace zc
