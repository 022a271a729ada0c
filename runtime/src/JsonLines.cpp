#include <algorithm>

#include "zc/json_lines.h"
#include "zc/record.h"

namespace zc::rt {

// A CR anywhere but before the LF is whitespace to JSON, so a file with old
// Mac line ends would read as one line of many objects: it is an error of
// that line instead.
bool trimJsonLine(std::string_view& line, size_t number, std::string& problem) {
  problem.clear();
  if (number == 1 && line.starts_with(kUtf8ByteOrderMark)) line.remove_prefix(kUtf8ByteOrderMark.size());
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return false;
  if (line.find('\r') != std::string_view::npos)
    problem =
        "the line holds a lone carriage return (CR); lines end in LF or CRLF "
        "(convert old Mac line ends with tr '\\r' '\\n')";
  return true;
}

bool cutJsonLines(std::string_view text, size_t maxRecords, std::vector<JsonLine>& lines, std::vector<size_t>* blank,
                  size_t firstLine) {
  lines.clear();
  size_t number = firstLine - 1;
  for (size_t start = 0; start < text.size();) {
    size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    std::string problem;
    if (!trimJsonLine(line, ++number, problem)) {
      if (blank != nullptr) blank->push_back(number);
      continue;
    }
    lines.push_back({line, number, std::move(problem)});
    if (lines.size() > maxRecords) return false;
  }
  return true;
}

}  // namespace zc::rt
