// The compiled library as an engine of the golden tests: `zc build` makes it
// from the case's ruleset, as a user would, and library_run gives it the
// case's input through the C ABI. Needs ZC_BINARY and ZC_LIBRARY_RUN.
#pragma once

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "GoldenFile.h"

namespace zc::testing {

struct LibraryRun {
  std::string out, err;
  int code = 0;
};

// The libraries built so far in this test process, by ruleset.
inline std::map<std::filesystem::path, std::filesystem::path>& builtLibraries() {
  static std::map<std::filesystem::path, std::filesystem::path> built;
  return built;
}

inline std::filesystem::path libraryPathFor(const std::filesystem::path& ruleset) {
  return scratchFolder() / ("lib" + std::to_string(std::hash<std::string>{}(ruleset.string())) + ".so");
}

// Builds the libraries of rulesets in `folder` two at a time (zc build keeps
// about one core busy), for builtLibrary to find; one that fails to build
// is left for builtLibrary to build again and show why.
inline void buildLibraries(const std::filesystem::path& folder, const std::vector<std::string>& rulesets) {
  std::string list;
  for (const std::string& ruleset : std::set<std::string>(rulesets.begin(), rulesets.end()))
    if (!builtLibraries().count(folder / ruleset)) list += ruleset + " " + libraryPathFor(folder / ruleset).string() + "\n";
  writeFile(scratchFolder() / "build.list", list);
  std::string command = "cd '" + folder.string() + "' && xargs -P 2 -L 1 sh -c '\"$0\" build \"$1\" -o \"$2\" > /dev/null 2>&1' '" +
                        ZC_BINARY + "' < '" + (scratchFolder() / "build.list").string() + "'";
  std::system(command.c_str());
  for (const std::string& ruleset : rulesets)
    if (std::filesystem::exists(libraryPathFor(folder / ruleset))) builtLibraries()[folder / ruleset] = libraryPathFor(folder / ruleset);
}

// The library of `ruleset` (a file in `folder`), built once per test process:
// from inside that folder, so the locations in its run-time messages read
// as zc run's do. Fails the test, showing why, when zc build does.
inline std::filesystem::path builtLibrary(const std::filesystem::path& folder, const std::string& ruleset) {
  std::filesystem::path source = folder / ruleset;
  if (auto found = builtLibraries().find(source); found != builtLibraries().end()) return found->second;
  std::filesystem::path library = libraryPathFor(source);
  std::filesystem::path log = scratchFolder() / "build.log";
  std::string command = "cd '" + folder.string() + "' && '" + ZC_BINARY + "' build '" + ruleset + "' -o '" +
                        library.string() + "' > '" + log.string() + "' 2>&1";
  int status = std::system(command.c_str());
  INFO("zc build " << source.string() << ":\n" << readFile(log));
  REQUIRE(status == 0);
  builtLibraries()[source] = library;
  return library;
}

// Runs the library over `input` from inside `folder`; `params` is the rest
// of a zc run command line, its -p NAME=VALUE options, as the shell reads them.
inline LibraryRun runLibrary(const std::filesystem::path& folder, const std::filesystem::path& library,
                             const std::string& input, const std::string& params = "") {
  std::filesystem::path out = scratchFolder() / "library.stdout", err = scratchFolder() / "library.stderr";
  std::string command = "cd '" + folder.string() + "' && '" + ZC_LIBRARY_RUN + "' '" + library.string() + "' '" +
                        input + "' " + params + " > '" + out.string() + "' 2> '" + err.string() + "' < /dev/null";
  int status = std::system(command.c_str());
  return {readFile(out), readFile(err), WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)};
}

// Results with the description of a JSON syntax error left out: the one
// difference docs/embedding.md allows, the library's JSON reader (rapidjson)
// describing the error in its words where zc run's (simdjson) uses its own.
// The row's id, line and the rest are compared.
inline std::string withoutSyntaxDescriptions(const std::string& results) {
  static const std::regex description(R"re(("error": "invalid JSON: )(?:[^"\\]|\\.)*")re");
  return std::regex_replace(results, description, "$1…\"");
}

}  // namespace zc::testing
