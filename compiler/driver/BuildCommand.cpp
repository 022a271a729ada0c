#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "aot/LibraryHeader.h"
#include "aot/SharedLibrary.h"
#include "driver/Commands.h"
#include "io/OutputFile.h"
#include "load/Ruleset.h"

namespace zc {

namespace {

// libchangjiang.so → changjiang: the name the library reports and its header shows.
std::string libraryName(const std::string& output) {
  std::string name = std::filesystem::path(output).filename().string();
  if (name.rfind("lib", 0) == 0) name = name.substr(3);
  size_t dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

int runBuild(const BuildOptions& options) {
  auto compilation = loadPolicyRuleset(options.ruleset);
  if (!compilation) return 1;
  std::vector<ReadFile> reads = rulesetFiles(compilation->sources);
  for (const auto& [flag, path] : {std::pair{"-o", &options.output}, std::pair{"--header", &options.header}}) {
    if (path->empty()) continue;
    if (std::string clash = overwritesRead(*path, reads); !clash.empty()) {
      fmt::print(stderr, "zc: {} {}; write it to another file\n", flag, clash);
      return 1;
    }
  }
  if (!options.header.empty() &&
      (options.header == options.output || !overwritesRead(options.header, {{options.output, ""}}).empty())) {
    fmt::print(stderr, "zc: --header {} is the library -o names; give the header its own file\n", options.header);
    return 1;
  }
  const ir::Program& program = compilation->ruleset.program;
  std::vector<std::string_view> texts;
  for (size_t i = 0; i < compilation->sources.size(); ++i)
    texts.push_back(compilation->sources.file(static_cast<FileId>(i)).text());
  RulesetIdentity identity = identifyRuleset(libraryName(options.output), texts);

  if (auto error = buildSharedLibrary(program, identity, options.output)) {
    fmt::print(stderr, "zc: cannot build {}: {}\n", options.output, llvm::toString(std::move(error)));
    return 1;
  }
  if (!options.header.empty()) {
    std::ofstream header(options.header, std::ios::binary);
    header << libraryHeader(program, identity);
    if (!header.flush()) {
      fmt::print(stderr, "zc: cannot write {}\n", options.header);
      return 1;
    }
  }
  return 0;
}

}  // namespace zc
