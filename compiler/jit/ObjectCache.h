// Compiled rulesets kept on disk, so a second zc run of an unchanged ruleset
// skips LLVM's optimiser and code generator. An entry is keyed by a hash of
// everything that decides its code (the lowered module, the runtime bitcode,
// zc's version and the host CPU) and carries a digest of its bytes: an entry
// that is corrupt, truncated or for another key is ignored and rebuilt.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace zc {

class ObjectCache {
 public:
  // $ZC_CACHE_DIR, else $XDG_CACHE_HOME/zc, else ~/.cache/zc; its jit/ folder.
  // None when no folder can be named: then nothing is cached.
  static std::optional<ObjectCache> forUser();
  explicit ObjectCache(std::filesystem::path folder) : folder_(std::move(folder)) {}

  // The object stored under key, if an intact entry exists.
  std::optional<std::string> load(const std::string& key) const;
  // Stores it (written whole, then renamed into place); a failure only means no cache.
  void store(const std::string& key, const std::string& object) const;

 private:
  std::filesystem::path entry(const std::string& key) const { return folder_ / (key + ".zcjit"); }
  std::filesystem::path folder_;
};

}  // namespace zc
