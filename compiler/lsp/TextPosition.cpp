#include "lsp/TextPosition.h"

#include <algorithm>

#include "source/Utf8.h"

namespace zc::lsp {

namespace {

// Units a character takes in the encoding: a code point beyond the BMP is
// two UTF-16 units.
uint32_t unitsOf(std::string_view text, size_t at, size_t length, PositionEncoding encoding) {
  if (encoding == PositionEncoding::Utf8) return static_cast<uint32_t>(length);
  size_t i = at;
  char32_t c = decodeUtf8(text, i);
  return c > 0xFFFF ? 2 : 1;
}

size_t characterLength(std::string_view text, size_t i) {
  size_t length = utf8CharacterLength(text, i);
  return length == 0 ? 1 : length;
}

}  // namespace

uint32_t offsetAt(std::string_view text, TextPosition position, PositionEncoding encoding) {
  size_t i = 0;
  for (uint32_t line = 0; line < position.line; ++line) {
    size_t newline = text.find('\n', i);
    if (newline == std::string_view::npos) return static_cast<uint32_t>(text.size());
    i = newline + 1;
  }
  uint32_t units = 0;
  while (i < text.size() && text[i] != '\n' && units < position.character) {
    size_t length = characterLength(text, i);
    uint32_t step = unitsOf(text, i, length, encoding);
    if (units + step > position.character) break;  // inside a character: its start
    units += step;
    i += length;
  }
  return static_cast<uint32_t>(i);
}

TextPosition positionAt(std::string_view text, uint32_t offset, PositionEncoding encoding) {
  size_t end = std::min<size_t>(offset, text.size());
  TextPosition position;
  size_t lineStart = 0;
  for (size_t i = 0; i < end; ++i)
    if (text[i] == '\n') ++position.line, lineStart = i + 1;
  for (size_t i = lineStart; i < end;) {
    size_t length = characterLength(text, i);
    position.character += unitsOf(text, i, length, encoding);
    i += length;
  }
  return position;
}

}  // namespace zc::lsp
