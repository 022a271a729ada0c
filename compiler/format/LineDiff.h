// A unified diff of two texts by lines, as `diff -u` prints it: what
// `zc fmt --check` shows for a file that is not formatted.
#pragma once

#include <string>
#include <string_view>

namespace zc::format {

// Hunks with three lines of context under "--- fromName" and "+++ toName";
// empty when the texts are equal.
std::string unifiedDiff(std::string_view from, std::string_view to, std::string_view fromName, std::string_view toName);

}  // namespace zc::format
