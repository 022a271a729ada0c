// Field names to their positions, looked up for every key of every record:
// flat open-addressed tables built once per schema. A key is found straight
// from the JSON text when it needs no unescaping (nearly always), by its
// first eight bytes, without first finding where it ends.
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
    for (const FieldSchema& f : fields) names_.push_back(f.name);
    mask_ = tableSize(names_.size()) - 1;
    slots_.assign(mask_ + 1, -1);
    rawSlots_.assign(mask_ + 1, -1);
    heads_.resize(names_.size());
    for (size_t i = 0; i < names_.size(); ++i) {
      std::string_view name = names_[i];
      insert(slots_, hash(name), i);
      // A name with a quote or a backslash is only ever found the slow way.
      if (name.find_first_of("\"\\") != std::string_view::npos) continue;
      if (name.size() >= 8) {
        std::memcpy(&heads_[i], name.data(), 8);
        insert(rawSlots_, mix(heads_[i]), i);
      } else {
        // A short name is its bytes and the closing quote, within eight.
        uint64_t mask = name.size() == 7 ? ~0ull : (1ull << (8 * (name.size() + 1))) - 1, word = 0;
        std::memcpy(&word, name.data(), name.size());
        word |= static_cast<uint64_t>('"') << (8 * name.size());
        shortNames_.push_back({word, mask, static_cast<int32_t>(i), name.size()});
      }
    }
  }

  // The field's position, or -1 when the schema has no such field.
  int find(std::string_view name) const {
    for (size_t at = hash(name) & mask_;; at = (at + 1) & mask_) {
      int32_t index = slots_[at];
      if (index < 0 || names_[index] == name) return index;
    }
  }

  // The field whose name the JSON text at `raw` (just after a key's opening
  // quote) spells exactly, up to the closing quote; -1 when no name does, or
  // the key holds an escape: the caller then unescapes it and calls find.
  // Reads eight bytes at raw, so the text must be padded; `end` bounds it.
  int findRaw(const char* raw, const char* end) const {
    uint64_t head;
    std::memcpy(&head, raw, 8);
    for (size_t at = mix(head) & mask_; rawSlots_[at] >= 0; at = (at + 1) & mask_) {
      int32_t index = rawSlots_[at];
      std::string_view name = names_[index];
      if (heads_[index] == head && raw + name.size() < end && raw[name.size()] == '"' && sameTail(raw, name))
        return index;
    }
    for (const ShortName& name : shortNames_)
      if ((head & name.mask) == name.word && raw + name.length < end) return name.index;
    return -1;
  }

 private:
  static size_t tableSize(size_t count) {
    size_t size = 8;
    while (size < 2 * count) size *= 2;
    return size;
  }
  void insert(std::vector<int32_t>& slots, uint64_t h, size_t index) {
    size_t at = h & mask_;
    while (slots[at] >= 0) at = (at + 1) & mask_;
    slots[at] = static_cast<int32_t>(index);
  }
  // Whether the text at raw spells name past its first eight bytes, eight
  // at a time (the last eight overlapping), without a call to memcmp.
  static bool sameTail(const char* raw, std::string_view name) {
    auto word = [](const char* p) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      return w;
    };
    for (size_t at = 8; at + 8 <= name.size(); at += 8)
      if (word(raw + at) != word(name.data() + at)) return false;
    size_t last = name.size() - 8;
    return word(raw + last) == word(name.data() + last);
  }
  static uint64_t mix(uint64_t h) {
    h *= 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 32);
  }
  static uint64_t hash(std::string_view name) {
    uint64_t head = 0, tail = 0;
    size_t n = name.size() < 8 ? name.size() : 8;
    std::memcpy(&head, name.data(), n);
    std::memcpy(&tail, name.data() + name.size() - n, n);
    return mix(head ^ (tail * 0x9E3779B97F4A7C15ull) ^ name.size());
  }

  std::vector<std::string_view> names_;
  size_t mask_ = 0;
  std::vector<int32_t> slots_;     // by the whole name: a field's position, or -1 for an empty slot
  std::vector<int32_t> rawSlots_;  // the names of eight bytes or more, by their first eight
  std::vector<uint64_t> heads_;    // each name's first eight bytes
  struct ShortName {
    uint64_t word, mask;  // the name and its closing quote as they start a key's text
    int32_t index;
    size_t length;
  };
  std::vector<ShortName> shortNames_;  // the names shorter than eight bytes
};

}  // namespace zc::rt
