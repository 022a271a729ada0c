#include "source/Utf8.h"

#include <utf8proc.h>

namespace zc {

namespace {
constexpr char32_t kReplacement = 0xFFFD;
}  // namespace

size_t utf8CharacterLength(std::string_view text, size_t i) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                             static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  return length > 0 ? static_cast<size_t>(length) : 0;
}

char32_t decodeUtf8(std::string_view text, size_t& i) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                             static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  if (length <= 0) {
    ++i;
    return kReplacement;
  }
  i += static_cast<size_t>(length);
  return static_cast<char32_t>(cp);
}

std::optional<size_t> firstInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = utf8CharacterLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

std::string replaceInvalidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t length = utf8CharacterLength(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

bool isNameCharacter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

uint32_t displayWidth(std::string_view text) {
  uint32_t width = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = decodeUtf8(text, i);
    width += cp == '\t' ? 4 : static_cast<uint32_t>(utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp)));
  }
  return width;
}

std::vector<uint32_t> codePointByteOffsets(std::string_view text) {
  std::vector<uint32_t> offsets;
  offsets.reserve(text.size() + 1);
  for (uint32_t i = 0; i < text.size(); ++i)
    if (!isContinuationByte(text[i])) offsets.push_back(i);
  offsets.push_back(static_cast<uint32_t>(text.size()));
  return offsets;
}

}  // namespace zc
