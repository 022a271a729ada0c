#include "source/HiddenCharacters.h"

#include <fmt/format.h>

#include "source/Utf8.h"

namespace zc {

namespace {

struct Known {
  char32_t code;
  const char* name;
  bool bidirectional;
};

// Unicode's names; the bidirectional controls are those of UAX #9 (section 2)
// that the Trojan Source paper lists, with the marks that also reorder text.
constexpr Known kHidden[] = {
    {0x061C, "ARABIC LETTER MARK", true},
    {0x200B, "ZERO WIDTH SPACE", false},
    {0x200C, "ZERO WIDTH NON-JOINER", false},
    {0x200D, "ZERO WIDTH JOINER", false},
    {0x200E, "LEFT-TO-RIGHT MARK", true},
    {0x200F, "RIGHT-TO-LEFT MARK", true},
    {0x202A, "LEFT-TO-RIGHT EMBEDDING", true},
    {0x202B, "RIGHT-TO-LEFT EMBEDDING", true},
    {0x202C, "POP DIRECTIONAL FORMATTING", true},
    {0x202D, "LEFT-TO-RIGHT OVERRIDE", true},
    {0x202E, "RIGHT-TO-LEFT OVERRIDE", true},
    {0x2060, "WORD JOINER", false},
    {0x2061, "FUNCTION APPLICATION", false},
    {0x2062, "INVISIBLE TIMES", false},
    {0x2063, "INVISIBLE SEPARATOR", false},
    {0x2064, "INVISIBLE PLUS", false},
    {0x2066, "LEFT-TO-RIGHT ISOLATE", true},
    {0x2067, "RIGHT-TO-LEFT ISOLATE", true},
    {0x2068, "FIRST STRONG ISOLATE", true},
    {0x2069, "POP DIRECTIONAL ISOLATE", true},
    {0xFEFF, "ZERO WIDTH NO-BREAK SPACE (a byte order mark not at the start)", false},
};

const Known* known(char32_t code) {
  for (const Known& k : kHidden)
    if (k.code == code) return &k;
  return nullptr;
}

// Every hidden character from byte `from` on.
std::vector<HiddenCharacter> hiddenFrom(std::string_view text, size_t from) {
  std::vector<HiddenCharacter> found;
  size_t i = from;
  while (i < text.size()) {
    // Each of them starts with a byte of 0xD8 or more (U+061C is D8 9C): others are passed over.
    if (static_cast<unsigned char>(text[i]) < 0xD8) {
      ++i;
      continue;
    }
    size_t at = i;
    char32_t code = decodeUtf8(text, i);
    if (const Known* k = known(code)) found.push_back({at, i - at, code, k->name, k->bidirectional});
  }
  return found;
}

}  // namespace

std::vector<HiddenCharacter> hiddenCharacters(std::string_view text) {
  return hiddenFrom(text, text.starts_with("\xEF\xBB\xBF") ? 3 : 0);
}

std::string showHiddenCharacters(std::string_view text) {
  // A part of a line: a byte order mark at its start is shown too.
  std::vector<HiddenCharacter> hidden = hiddenFrom(text, 0);
  if (hidden.empty()) return std::string(text);
  std::string out;
  size_t from = 0;
  for (const HiddenCharacter& h : hidden) {
    out.append(text.substr(from, h.offset - from));
    out += fmt::format("<U+{:04X}>", static_cast<uint32_t>(h.code));
    from = h.offset + h.length;
  }
  out.append(text.substr(from));
  return out;
}

}  // namespace zc
