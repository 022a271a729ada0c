// The compiled library as an engine of the golden tests: `zc build` made it
// from the case's ruleset, as a user would, and library_run gives it the
// case's input through the C ABI. Needs ZC_TESTS_DIR, ZC_TEST_LIBRARIES and
// ZC_LIBRARY_RUN.
#pragma once

#include <filesystem>
#include <string>

#include "GoldenFile.h"

namespace zc::testing {

struct LibraryRun {
  std::string out, err;
  int code = 0;
};

// The library zc build made of tests/RULESET.zc when the tests were built
// (tests/CMakeLists.txt), e.g. "eval/per_item"; it must be newer than the
// ruleset, or it is not the ruleset's library.
inline std::filesystem::path builtLibrary(const std::string& ruleset) {
  std::filesystem::path library = std::filesystem::path(ZC_TEST_LIBRARIES) / (ruleset + ".so");
  std::filesystem::path source = std::filesystem::path(ZC_TESTS_DIR) / (ruleset + ".zc");
  INFO(library.string() << " is made by building the tests (cmake --build) after " << source.string() << " changes");
  REQUIRE(std::filesystem::exists(library));
  REQUIRE(std::filesystem::last_write_time(library) >= std::filesystem::last_write_time(source));
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

}  // namespace zc::testing
