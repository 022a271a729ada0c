// Field names to their positions, looked up for every field of every record:
// a flat open-addressed table built once per schema, hashing a name by its
// first and last eight bytes — far cheaper on short UTF-8 keys than
// std::unordered_map's byte-by-byte hash and node chasing.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "zc/record.h"

namespace zc::rt {

class FieldNames {
 public:
  explicit FieldNames(const std::vector<FieldSchema>& fields) {
    size_t size = 8;
    while (size < 2 * fields.size()) size *= 2;
    slots_.assign(size, -1);
    mask_ = size - 1;
    for (size_t i = 0; i < fields.size(); ++i) {
      names_.push_back(fields[i].name);
      size_t at = hash(fields[i].name) & mask_;
      while (slots_[at] >= 0) at = (at + 1) & mask_;
      slots_[at] = static_cast<int32_t>(i);
    }
  }

  // The field's position, or -1 when the schema has no such field.
  int find(std::string_view name) const {
    for (size_t at = hash(name) & mask_;; at = (at + 1) & mask_) {
      int32_t index = slots_[at];
      if (index < 0 || names_[index] == name) return index;
    }
  }

 private:
  static uint64_t hash(std::string_view name) {
    uint64_t head = 0, tail = 0;
    size_t n = name.size() < 8 ? name.size() : 8;
    std::memcpy(&head, name.data(), n);
    std::memcpy(&tail, name.data() + name.size() - n, n);
    uint64_t h = (head ^ (tail * 0x9E3779B97F4A7C15ull) ^ name.size()) * 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 32);
  }

  std::vector<std::string_view> names_;
  std::vector<int32_t> slots_;  // a field's position, or -1 for an empty slot
  size_t mask_ = 0;
};

}  // namespace zc::rt
