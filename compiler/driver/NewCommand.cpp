// zc new NAME: a folder with a first ruleset to change (examples/first/):
// a record, a parameter, one clause beside its 原文, its tests, a record.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "driver/Commands.h"

namespace zc {

extern const char kFirstRulesetText[];
extern const char kFirstRecordText[];

int runNew(const std::string& name) {
  namespace fs = std::filesystem;
  fs::path folder(name);
  std::error_code ec;
  if (fs::exists(folder, ec)) {
    fmt::print(stderr, "zc: {} is there already; zc new makes a new folder and changes nothing that exists\n", name);
    return 1;
  }
  if (!fs::create_directories(folder, ec)) {
    fmt::print(stderr, "zc: cannot make the folder {}: {}\n", name, ec.message());
    return 1;
  }
  std::string ruleset = folder.filename().string() + ".zc";
  for (const auto& [file, text] :
       {std::pair{ruleset, kFirstRulesetText}, {std::string("record.json"), kFirstRecordText}}) {
    std::ofstream out(folder / file, std::ios::binary);
    out << text;
    if (!out.flush()) {
      fmt::print(stderr, "zc: cannot write {}\n", (folder / file).string());
      return 1;
    }
  }
  fs::path rules = folder / ruleset;
  fmt::print("made {}/: {} (a record, a parameter, one clause and its tests) and record.json\n", name, ruleset);
  fmt::print("next:\n  zc test -v {}\n  zc eval {} --input {} --explain\n", rules.string(), rules.string(),
             (folder / "record.json").string());
  return 0;
}

}  // namespace zc
