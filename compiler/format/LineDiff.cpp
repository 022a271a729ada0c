#include "format/LineDiff.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace zc::format {

namespace {

constexpr size_t kContext = 3;
// Beyond this many cells the table is not built: the whole file is one hunk.
constexpr size_t kMaxTableCells = size_t{1} << 26;

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

enum class Edit : char { Keep = ' ', Remove = '-', Add = '+' };

// The edits from a to b along a longest common subsequence of lines.
std::vector<Edit> lineEdits(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  size_t n = a.size(), m = b.size();
  std::vector<Edit> edits;
  if ((n + 1) * (m + 1) > kMaxTableCells) {
    edits.assign(n, Edit::Remove);
    edits.insert(edits.end(), m, Edit::Add);
    return edits;
  }
  // common[i][j]: the longest common subsequence of a[i..] and b[j..].
  std::vector<uint32_t> common((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t& { return common[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;) at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      edits.push_back(Edit::Keep);
      ++i, ++j;
    } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
      edits.push_back(Edit::Add);
      ++j;
    } else {
      edits.push_back(Edit::Remove);
      ++i;
    }
  }
  return edits;
}

}  // namespace

std::string unifiedDiff(std::string_view from, std::string_view to, std::string_view fromName,
                        std::string_view toName) {
  if (from == to) return {};
  std::vector<std::string_view> a = splitLines(from), b = splitLines(to);
  std::vector<Edit> edits = lineEdits(a, b);
  std::string out = fmt::format("--- {}\n+++ {}\n", fromName, toName);
  // Where each edit stands in a and in b.
  std::vector<size_t> posA(edits.size() + 1), posB(edits.size() + 1);
  for (size_t k = 0; k < edits.size(); ++k) {
    posA[k + 1] = posA[k] + (edits[k] != Edit::Add);
    posB[k + 1] = posB[k] + (edits[k] != Edit::Remove);
  }
  size_t k = 0;
  while (k < edits.size()) {
    if (edits[k] == Edit::Keep) {
      ++k;
      continue;
    }
    // A hunk: from kContext lines before the change to kContext after the
    // last change that lies within 2 × kContext of the one before it.
    size_t begin = k >= kContext ? k - kContext : 0;
    size_t end = k;
    while (end < edits.size()) {
      size_t next = end;
      while (next < edits.size() && edits[next] != Edit::Keep) ++next;
      size_t keeps = next;
      while (keeps < edits.size() && edits[keeps] == Edit::Keep) ++keeps;
      end = next;
      if (keeps == edits.size() || keeps - next > 2 * kContext) break;
      end = keeps;
    }
    end = std::min(edits.size(), end + kContext);
    size_t countA = posA[end] - posA[begin], countB = posB[end] - posB[begin];
    out += fmt::format("@@ -{},{} +{},{} @@\n", countA ? posA[begin] + 1 : posA[begin], countA,
                       countB ? posB[begin] + 1 : posB[begin], countB);
    for (size_t e = begin; e < end; ++e) {
      std::string_view line = edits[e] == Edit::Add ? b[posB[e]] : a[posA[e]];
      out += static_cast<char>(edits[e]);
      out += line;
      out += '\n';
    }
    k = end;
  }
  return out;
}

}  // namespace zc::format
