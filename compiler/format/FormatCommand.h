// zc fmt: rulesets in the canonical layout (docs/editor.md).
#pragma once

#include <string>
#include <vector>

namespace zc::format {

struct FormatOptions {
  std::vector<std::string> files;
  bool check = false;  // print a diff for each file not formatted, exit 1 if any
  bool write = false;  // replace each file not formatted by its formatted text
};

// 0: done (or, with --check, every file formatted); 1: a file does not
// parse or cannot be read or written, or (--check) is not formatted.
int runFormat(const FormatOptions& options);

}  // namespace zc::format
