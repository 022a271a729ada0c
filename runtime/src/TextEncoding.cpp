#include <cerrno>
#include <stdexcept>

#include "zc/text_encoding.h"

namespace zc::rt {

bool parseTextEncoding(std::string_view name, TextEncoding& out) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "utf-8" || lower == "utf8")
    out = TextEncoding::Utf8;
  else if (lower == "gbk" || lower == "gb18030" || lower == "gb2312")
    out = TextEncoding::Gb18030;
  else
    return false;
  return true;
}

bool isUtf8(std::string_view bytes, bool endMayBeCut) {
  size_t i = 0;
  while (i < bytes.size()) {
    auto c = static_cast<unsigned char>(bytes[i]);
    size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || (length == 2 && c < 0xC2) || (length == 4 && c > 0xF4)) return false;
    for (size_t k = 1; k < length; ++k) {
      if (i + k == bytes.size()) return endMayBeCut;
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

Gb18030Decoder::Gb18030Decoder() : codec_(iconv_open("UTF-8", "GB18030")) {
  if (codec_ == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("this system's iconv cannot decode GB18030");
}

Gb18030Decoder::~Gb18030Decoder() { iconv_close(codec_); }

void Gb18030Decoder::decode(std::string_view bytes, bool last, std::string& out) {
  pending_.append(bytes);
  char* in = pending_.data();
  size_t left = pending_.size();
  char buffer[1 << 14];
  while (left > 0) {
    char* to = buffer;
    size_t room = sizeof buffer;
    size_t done = iconv(codec_, &in, &left, &to, &room);
    out.append(buffer, to - buffer);
    if (done != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    if (errno == EINVAL && !last) break;  // a character the next buffer completes
    out += "\xEF\xBF\xBD";                // U+FFFD for a byte GB18030 does not have
    ++in;
    --left;
  }
  pending_.erase(0, pending_.size() - left);
}

}  // namespace zc::rt
