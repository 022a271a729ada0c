// Text as offices save it: Excel in China writes CSV in GBK (GB18030 is its
// superset), everything else in zc is UTF-8. Decoding is glibc's iconv.
#pragma once

#include <iconv.h>

#include <string>
#include <string_view>

namespace zc::rt {

enum class TextEncoding { Utf8, Gb18030 };

// utf-8 (utf8), gbk, gb18030 or gb2312, in any case; false for another name.
bool parseTextEncoding(std::string_view name, TextEncoding& out);

// Whether the bytes are UTF-8. With endMayBeCut, a sequence cut off at the
// very end (the input read so far stops inside a character) does not count
// against it.
bool isUtf8(std::string_view bytes, bool endMayBeCut = false);

// GB18030 bytes to UTF-8, a buffer at a time: a character split between two
// buffers is kept for the next. A byte sequence GB18030 does not have becomes
// U+FFFD, so the field that holds it is refused by name, not the file.
class Gb18030Decoder {
 public:
  Gb18030Decoder();
  ~Gb18030Decoder();
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;
  // Appends the UTF-8 of `bytes` to `out`; `last`: no more bytes follow.
  void decode(std::string_view bytes, bool last, std::string& out);

 private:
  iconv_t codec_;
  std::string pending_;  // the start of a character the next buffer ends
};

}  // namespace zc::rt
