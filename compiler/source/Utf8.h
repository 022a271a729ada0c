// UTF-8 as zc reads and shows it, in one place, over Debian's libutf8proc:
// well-formedness (source text must be strict UTF-8 before the lexer sees
// it; files from Chinese offices are often GBK, which must be reported, not
// half-decoded), code points, and the terminal columns text occupies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zc {

// A byte that continues a character rather than starting one.
inline bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The length of the well-formed character at text[i] (no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 if none starts there.
size_t utf8CharacterLength(std::string_view text, size_t i);

// The code point at text[i], moving i past it; U+FFFD for a byte that does
// not start a well-formed character, which is then skipped alone.
char32_t decodeUtf8(std::string_view text, size_t& i);

// The byte offset of the first byte that does not begin a well-formed
// character, or nothing when the whole text is UTF-8.
std::optional<size_t> firstInvalidUtf8(std::string_view text);

// The text with each byte that is not part of a well-formed character
// replaced by U+FFFD, so a line of a non-UTF-8 file can be shown.
std::string replaceInvalidUtf8(std::string_view text);

// The byte offset of each code point of the text, and one past the end:
// ANTLR indexes characters by code point, spans are byte offsets.
std::vector<uint32_t> codePointByteOffsets(std::string_view text);

// Whether a character may be part of a name (grammar/Zhengce.g4, IDENT):
// ASCII letters, digits and _, and the CJK ideographs.
bool isNameCharacter(char32_t c);

// Terminal columns the text occupies: East Asian wide and full-width
// characters take two, combining marks none, a tab four.
uint32_t displayWidth(std::string_view text);

}  // namespace zc
