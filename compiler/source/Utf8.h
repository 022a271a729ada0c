// Strict UTF-8: what source text must be before the lexer sees it. Files from
// Chinese offices are often GBK, which must be reported, not half-decoded.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace zc {

// The byte offset of the first byte that does not begin a well-formed UTF-8
// character (no overlong forms, no surrogates, nothing above U+10FFFF), or
// nothing when the whole text is UTF-8.
std::optional<size_t> firstInvalidUtf8(std::string_view text);

// The text with each byte that is not part of a well-formed character
// replaced by U+FFFD, so a line of a non-UTF-8 file can be shown.
std::string replaceInvalidUtf8(std::string_view text);

}  // namespace zc
