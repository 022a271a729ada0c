#include "driver/Provenance.h"

#include <chrono>
#include <ctime>

#include "describe/RulesetDescription.h"

namespace zc {

Provenance provenanceOf(const frontend::Compilation& compilation) {
  std::vector<std::string_view> texts;
  for (size_t i = 0; i < compilation.sources.size(); ++i)
    texts.push_back(compilation.sources.file(static_cast<FileId>(i)).text());
  RulesetIdentity identity = identifyRuleset("", texts);
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", &local);
  return {identity.sourceHash, identity.zcVersion, date};
}

}  // namespace zc
