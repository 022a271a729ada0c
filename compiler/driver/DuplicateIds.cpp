#include "driver/DuplicateIds.h"

#include <algorithm>
#include <functional>

namespace zc {

void DuplicateIds::Chunk::add(std::string_view id, size_t line) {
  entries_.push_back({std::hash<std::string_view>{}(id), line, text_.size(), static_cast<uint32_t>(id.size())});
  text_ += id;
}

void DuplicateIds::Chunk::clear() {
  text_.clear();
  entries_.clear();
}

void DuplicateIds::add(const Chunk& chunk) {
  size_t base = text_.size();
  text_ += chunk.text_;
  for (Chunk::Entry entry : chunk.entries_) {
    entry.offset += base;
    entries_.push_back(entry);
  }
}

std::vector<DuplicateIds::Duplicate> DuplicateIds::find() const {
  auto idOf = [&](const Chunk::Entry& e) { return std::string_view(text_).substr(e.offset, e.length); };
  // Equal ids sort together, each id's lines in order (a hash shared by
  // different ids is told apart by the text).
  std::vector<Chunk::Entry> sorted = entries_;
  std::sort(sorted.begin(), sorted.end(), [&](const Chunk::Entry& a, const Chunk::Entry& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    if (int order = idOf(a).compare(idOf(b)); order != 0) return order < 0;
    return a.line < b.line;
  });
  std::vector<Duplicate> duplicates;
  for (size_t i = 0, j; i < sorted.size(); i = j) {
    for (j = i + 1; j < sorted.size() && sorted[j].hash == sorted[i].hash && idOf(sorted[j]) == idOf(sorted[i]);) ++j;
    if (j - i < 2) continue;
    Duplicate& d = duplicates.emplace_back(Duplicate{std::string(idOf(sorted[i])), {}});
    for (size_t k = i; k < j; ++k) d.lines.push_back(sorted[k].line);
  }
  std::sort(duplicates.begin(), duplicates.end(),
            [](const Duplicate& a, const Duplicate& b) { return a.lines.front() < b.lines.front(); });
  return duplicates;
}

}  // namespace zc
