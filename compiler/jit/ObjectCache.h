// Compiled rulesets kept on disk, so a second zc run of an unchanged ruleset
// skips LLVM's optimiser and code generator. An entry is keyed by a hash of
// everything that decides its code (the lowered module, the runtime bitcode,
// the build of zc, LLVM, the passes and the host CPU) and carries a digest of
// its bytes: an entry that is corrupt, truncated or for another key is
// ignored and rebuilt. The digest only finds accidents: anyone who can write
// the folder can forge an entry, so a folder or an entry that another user
// could write is not used at all, and entries are made readable by their
// owner only. The folder keeps the most recently used entries only,
// so it cannot grow without end as rulesets are edited and run.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace zc {

// What decides cached code besides the module and the runtime it calls. A
// change to the code generator changes `build` even when zc's version stays.
struct CodeIdentity {
  std::string build;     // zc's version + a hash of the code generator's, the JIT's and the runtime's sources
  std::string llvm;      // the LLVM version zc is linked with
  std::string pipeline;  // which passes made the code: the tier
  std::string host;      // target triple, CPU and its features

  // This build of zc and its LLVM, with the pipeline and host given.
  static CodeIdentity current(std::string pipeline, std::string host);
};

class ObjectCache {
 public:
  // The key of the code made from `module` (its bitcode), calling `runtime`
  // (the runtime's bitcode), as `identity` says: a hex SHA-256.
  static std::string key(std::string_view module, std::string_view runtime, const CodeIdentity& identity);
  // $ZC_CACHE_DIR, else $XDG_CACHE_HOME/zc, else ~/.cache/zc; its jit/ folder.
  // None when no folder can be named: then nothing is cached.
  static std::optional<ObjectCache> forUser();
  static constexpr size_t kDefaultEntries = 256;
  explicit ObjectCache(std::filesystem::path folder, size_t maxEntries = kDefaultEntries)
      : folder_(std::move(folder)), maxEntries_(maxEntries) {}
  const std::filesystem::path& folder() const { return folder_; }

  // The object stored under key, if an intact entry exists; a hit marks the
  // entry as just used.
  std::optional<std::string> load(const std::string& key) const;
  // Stores it (written whole, then renamed into place), then removes the
  // least recently used entries past the limit; a failure only means no cache.
  void store(const std::string& key, const std::string& object) const;

 private:
  // The folder may be used: it and its parent are this user's (or root's) and
  // writable by no one else; says why not on stderr, once.
  bool trusted() const;
  std::filesystem::path entry(const std::string& key) const { return folder_ / (key + ".zcjit"); }
  void evict() const;
  std::filesystem::path folder_;
  size_t maxEntries_;
};

}  // namespace zc
