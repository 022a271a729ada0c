// The compiled library as an engine of the golden tests: `zc build` makes it
// from the case's ruleset, as a user would, and library_run gives it the
// case's input through the C ABI. Needs ZC_BINARY and ZC_LIBRARY_RUN.
#pragma once

#include <filesystem>
#include <map>
#include <regex>
#include <string>

#include "GoldenFile.h"

namespace zc::testing {

struct LibraryRun {
  std::string out, err;
  int code = 0;
};

// Builds the library of `ruleset` (a file in `folder`) once per test process:
// from inside that folder, so the locations in its run-time messages read
// as zc run's do. Fails the test, showing why, when zc build does.
inline std::filesystem::path builtLibrary(const std::filesystem::path& folder, const std::string& ruleset) {
  static std::map<std::filesystem::path, std::filesystem::path> built;
  std::filesystem::path source = folder / ruleset;
  if (auto found = built.find(source); found != built.end()) return found->second;
  std::filesystem::path library = scratchFolder() / ("lib" + std::to_string(built.size()) + ".so");
  std::filesystem::path log = scratchFolder() / "build.log";
  std::string command = "cd '" + folder.string() + "' && '" + ZC_BINARY + "' build '" + ruleset + "' -o '" +
                        library.string() + "' > '" + log.string() + "' 2>&1";
  int status = std::system(command.c_str());
  INFO("zc build " << source.string() << ":\n" << readFile(log));
  REQUIRE(status == 0);
  built[source] = library;
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
