// "Did you mean" suggestions: the candidate nearest by edit distance over code
// points, when it is near enough to be a likely typo.
#include <algorithm>
#include <string>
#include <vector>

#include "diag/Diagnostic.h"

namespace zc {

namespace {

std::u32string toCodePoints(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int extra = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
    ++i;
    for (; extra > 0 && i < s.size(); --extra) cp = (cp << 6) | (s[i++] & 0x3F);
    out += cp;
  }
  return out;
}

size_t editDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closestName(std::string_view name, const std::vector<std::string>& candidates) {
  std::u32string target = toCodePoints(name);
  size_t limit = std::max<size_t>(1, target.size() / 3);
  std::string best;
  size_t bestDistance = limit + 1;
  for (const std::string& candidate : candidates) {
    size_t d = editDistance(target, toCodePoints(candidate));
    if (d < bestDistance && d > 0) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace zc
