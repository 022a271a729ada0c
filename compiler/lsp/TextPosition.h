// LSP positions — a line and a character offset in the line — and the byte
// offsets of zc's spans. The character offset counts UTF-16 code units by
// default, or bytes when client and server agree on UTF-8: with Chinese
// text the three differ (一 is one UTF-16 unit and three bytes).
#pragma once

#include <cstdint>
#include <string_view>

namespace zc::lsp {

enum class PositionEncoding { Utf16, Utf8 };

struct TextPosition {
  uint32_t line = 0;       // 0-based
  uint32_t character = 0;  // 0-based, in the encoding's units
};

// The byte offset of a position in text; a line or character past the end
// is clamped to the end of the text or of the line.
uint32_t offsetAt(std::string_view text, TextPosition position, PositionEncoding encoding);

// The position of a byte offset in text.
TextPosition positionAt(std::string_view text, uint32_t offset, PositionEncoding encoding);

}  // namespace zc::lsp
