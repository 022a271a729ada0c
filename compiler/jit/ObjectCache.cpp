#include "jit/ObjectCache.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/SHA256.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "jit/BuildIdentity.h"

namespace zc {

namespace {

constexpr std::string_view kMagic = "zc jit object 1\n";

std::string digest(std::string_view bytes) {
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(bytes)), true);
}

// Whoever may write a folder or an entry may put code in it that zc would run:
// only this user's (or root's), writable by no one else.
bool trustedBy(const struct stat& status) {
  return (status.st_uid == ::geteuid() || status.st_uid == 0) && (status.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

}  // namespace

bool ObjectCache::trusted() const {
  // The folder and the one holding it: a stranger's parent could swap the folder.
  for (const std::filesystem::path& folder : {folder_, folder_.parent_path()}) {
    struct stat status{};
    if (folder.empty() || ::stat(folder.c_str(), &status) != 0) continue;  // made by store(), ours
    // A sticky parent (/tmp) lets no one else rename or remove the folder in it.
    bool sticky = folder != folder_ && (status.st_mode & S_ISVTX) != 0;
    if (S_ISDIR(status.st_mode) && (trustedBy(status) || sticky)) continue;
    static std::atomic<bool> warned{false};
    if (!warned.exchange(true))
      std::fprintf(stderr,
                   "zc: warning: the JIT cache %s is not used: it is writable by other users or not yours, so code "
                   "put there could be run (chmod go-w it, or set ZC_CACHE_DIR to a folder of your own)\n",
                   folder.c_str());
    return false;
  }
  return true;
}

CodeIdentity CodeIdentity::current(std::string pipeline, std::string host) {
  return {ZC_BUILD_IDENTITY, LLVM_VERSION_STRING, std::move(pipeline), std::move(host)};
}

std::string ObjectCache::key(std::string_view module, std::string_view runtime, const CodeIdentity& identity) {
  llvm::SHA256 hash;
  // Each part with its length first, so no two sets of parts hash alike.
  for (std::string_view part : {module, runtime, std::string_view(identity.build), std::string_view(identity.llvm),
                                std::string_view(identity.pipeline), std::string_view(identity.host)}) {
    hash.update(std::to_string(part.size()) + ":");
    hash.update(part);
  }
  return llvm::toHex(hash.final(), true);
}

std::optional<ObjectCache> ObjectCache::forUser() {
  if (const char* dir = std::getenv("ZC_CACHE_DIR"); dir != nullptr && *dir != '\0')
    return ObjectCache(std::filesystem::path(dir) / "jit");
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    return ObjectCache(std::filesystem::path(xdg) / "zc" / "jit");
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return ObjectCache(std::filesystem::path(home) / ".cache" / "zc" / "jit");
  return std::nullopt;
}

// An entry: the magic line, the key, the digest of the object, then the object.
std::optional<std::string> ObjectCache::load(const std::string& key) const {
  struct stat status{};
  if (!trusted() || ::lstat(entry(key).c_str(), &status) != 0 || !S_ISREG(status.st_mode) || !trustedBy(status))
    return std::nullopt;
  std::ifstream in(entry(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream whole;
  whole << in.rdbuf();
  std::string text = whole.str();
  std::string header = std::string(kMagic) + key + "\n";
  const size_t digestSize = 64;
  if (text.compare(0, header.size(), header) != 0 || text.size() < header.size() + digestSize + 1) return std::nullopt;
  std::string_view stored(text.data() + header.size(), digestSize);
  std::string object = text.substr(header.size() + digestSize + 1);
  if (text[header.size() + digestSize] != '\n' || digest(object) != stored) return std::nullopt;
  std::error_code ignored;
  std::filesystem::last_write_time(entry(key), std::filesystem::file_time_type::clock::now(), ignored);
  return object;
}

void ObjectCache::store(const std::string& key, const std::string& object) const {
  std::error_code ignored;
  if (std::filesystem::create_directories(folder_, ignored))
    std::filesystem::permissions(folder_, std::filesystem::perms::owner_all, ignored);
  if (!trusted()) return;
  std::filesystem::path partial = entry(key);
  partial += "." + std::to_string(getpid()) + ".partial";
  std::filesystem::remove(partial, ignored);
  {
    std::ofstream out(partial, std::ios::binary);
    std::filesystem::permissions(partial, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 ignored);
    out << kMagic << key << '\n' << digest(object) << '\n' << object;
    if (!out.flush()) {
      std::filesystem::remove(partial, ignored);
      return;
    }
  }
  // Atomic: a zc run starting meanwhile sees the old entry or the whole new one.
  std::filesystem::rename(partial, entry(key), ignored);
  if (ignored) std::filesystem::remove(partial, ignored);
  evict();
}

void ObjectCache::evict() const {
  std::error_code ignored;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> entries;
  for (const auto& file : std::filesystem::directory_iterator(folder_, ignored)) {
    if (file.path().extension() != ".zcjit") continue;
    auto used = file.last_write_time(ignored);
    if (!ignored) entries.push_back({used, file.path()});
  }
  if (entries.size() <= maxEntries_) return;
  std::sort(entries.begin(), entries.end());
  for (size_t i = 0; i + maxEntries_ < entries.size(); ++i) std::filesystem::remove(entries[i].second, ignored);
}

}  // namespace zc
