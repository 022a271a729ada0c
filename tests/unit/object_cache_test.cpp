#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <thread>

#include "jit/ObjectCache.h"

namespace fs = std::filesystem;

namespace {

size_t entriesIn(const fs::path& folder) {
  size_t n = 0;
  for (const auto& file : fs::directory_iterator(folder)) n += file.path().extension() == ".zcjit";
  return n;
}

}  // namespace

TEST_CASE("the JIT object cache keeps the most recently used entries only") {
  fs::path folder = fs::temp_directory_path() / ("zc-object-cache-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  zc::ObjectCache cache(folder, 3);
  auto key = [](int i) { return std::string(64, static_cast<char>('a' + i)); };
  // Entries a few milliseconds apart, so their times order them.
  auto later = [] { std::this_thread::sleep_for(std::chrono::milliseconds(20)); };
  for (int i = 0; i < 3; ++i, later()) cache.store(key(i), "object " + std::to_string(i));
  REQUIRE(entriesIn(folder) == 3);
  REQUIRE(cache.load(key(0)) == std::optional<std::string>("object 0"));  // 0 is now the most recently used
  later();
  cache.store(key(3), "object 3");
  CHECK(entriesIn(folder) == 3);
  CHECK(cache.load(key(1)) == std::nullopt);  // the least recently used went
  CHECK(cache.load(key(0)) == std::optional<std::string>("object 0"));
  CHECK(cache.load(key(2)) == std::optional<std::string>("object 2"));
  CHECK(cache.load(key(3)) == std::optional<std::string>("object 3"));
  // Other files in the folder are not the cache's to remove.
  std::ofstream(folder / "notes.txt") << "kept";
  later();
  cache.store(key(4), "object 4");
  CHECK(entriesIn(folder) == 3);
  CHECK(fs::exists(folder / "notes.txt"));
  fs::remove_all(folder);
}

TEST_CASE("the JIT object cache's key changes with anything that decides the code") {
  zc::CodeIdentity identity = zc::CodeIdentity::current("light", "x86_64-pc-linux-gnu\nznver2\n+avx2");
  // zc's version and the hash of the sources, the LLVM it is linked with.
  CHECK(std::regex_match(identity.build, std::regex(R"([0-9]+\.[0-9]+\.[0-9]+\+[0-9a-f]{16})")));
  CHECK(std::regex_match(identity.llvm, std::regex(R"([0-9]+\.[0-9]+\.[0-9]+.*)")));
  std::string key = zc::ObjectCache::key("module", "runtime", identity);
  CHECK(std::regex_match(key, std::regex("[0-9a-f]{64}")));
  CHECK(zc::ObjectCache::key("module", "runtime", identity) == key);
  CHECK(zc::ObjectCache::key("module 2", "runtime", identity) != key);
  CHECK(zc::ObjectCache::key("module", "runtime 2", identity) != key);
  for (std::string zc::CodeIdentity::* part :
       {&zc::CodeIdentity::build, &zc::CodeIdentity::llvm, &zc::CodeIdentity::pipeline, &zc::CodeIdentity::host}) {
    zc::CodeIdentity other = identity;
    other.*part += "'";
    CHECK(zc::ObjectCache::key("module", "runtime", other) != key);
  }
  // A byte moved from one part to the next is another key too.
  zc::CodeIdentity shifted = identity;
  shifted.pipeline = "ligh";
  shifted.host = "t" + identity.host;
  CHECK(zc::ObjectCache::key("module", "runtime", shifted) != key);
}

TEST_CASE("the JIT object cache is in $ZC_CACHE_DIR, else $XDG_CACHE_HOME, else ~/.cache") {
  // This process's own environment, put back as it was.
  std::map<std::string, std::optional<std::string>> saved;
  for (const char* name : {"ZC_CACHE_DIR", "XDG_CACHE_HOME", "HOME"})
    saved[name] = std::getenv(name) ? std::optional<std::string>(std::getenv(name)) : std::nullopt;
  ::setenv("ZC_CACHE_DIR", "/z", 1);
  ::setenv("XDG_CACHE_HOME", "/x", 1);
  ::setenv("HOME", "/h", 1);
  CHECK(zc::ObjectCache::forUser()->folder() == "/z/jit");
  ::setenv("ZC_CACHE_DIR", "", 1);
  CHECK(zc::ObjectCache::forUser()->folder() == "/x/zc/jit");
  ::unsetenv("XDG_CACHE_HOME");
  CHECK(zc::ObjectCache::forUser()->folder() == "/h/.cache/zc/jit");
  ::unsetenv("HOME");
  CHECK_FALSE(zc::ObjectCache::forUser());
  for (const auto& [name, value] : saved)
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
}

TEST_CASE("the JIT object cache uses no folder and no entry another user could write") {
  fs::path folder = fs::temp_directory_path() / ("zc-object-cache-trust-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  zc::ObjectCache cache(folder);
  std::string key(64, 'a'), other(64, 'b');
  cache.store(key, "object");
  REQUIRE(cache.load(key) == std::optional<std::string>("object"));
  fs::path entry = folder / (key + ".zcjit");
  struct stat status{};
  REQUIRE(::stat(entry.c_str(), &status) == 0);
  CHECK((status.st_mode & 0777) == 0600);
  // An entry others could write could hold anyone's code: not loaded.
  ::chmod(entry.c_str(), 0666);
  CHECK(cache.load(key) == std::nullopt);
  ::chmod(entry.c_str(), 0600);
  CHECK(cache.load(key) == std::optional<std::string>("object"));
  // Nor is anything in a folder others could write, nor is anything stored there.
  ::chmod(folder.c_str(), 0777);
  CHECK(cache.load(key) == std::nullopt);
  cache.store(other, "object b");
  CHECK_FALSE(fs::exists(folder / (other + ".zcjit")));
  ::chmod(folder.c_str(), 0700);
  CHECK(cache.load(key) == std::optional<std::string>("object"));
  fs::remove_all(folder);
}
