// Characters that change how source text looks without showing themselves:
// zero-width characters and the bidirectional controls of "Trojan Source"
// (CVE-2021-42574). A right-to-left override inside a 原文 or a clause id makes
// the text read differently from what zc compares, so none is accepted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zc {

struct HiddenCharacter {
  size_t offset = 0;  // byte offset of its first byte
  size_t length = 0;  // its bytes
  char32_t code = 0;
  const char* name = "";  // its Unicode name
  bool bidirectional = false;
};

// Every hidden character of well-formed UTF-8 text, in order; a byte order
// mark at the very start is not one (it is white space there).
std::vector<HiddenCharacter> hiddenCharacters(std::string_view text);

// The text (a part of a line) with each hidden character written as <U+202E>,
// a byte order mark at its start included, for showing it.
std::string showHiddenCharacters(std::string_view text);

}  // namespace zc
