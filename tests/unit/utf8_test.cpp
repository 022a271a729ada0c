// UTF-8 as zc reads and shows it (source/Utf8.h): validation, decoding, widths.
#include "source/Utf8.h"

#include <catch2/catch.hpp>

using zc::decodeUtf8;
using zc::displayWidth;
using zc::firstInvalidUtf8;
using zc::replaceInvalidUtf8;

TEST_CASE("well-formed UTF-8 passes, whatever the script") {
  CHECK_FALSE(firstInvalidUtf8("").has_value());
  CHECK_FALSE(firstInvalidUtf8("奖励 1 万元; ∞ ≤ 😀").has_value());
  CHECK_FALSE(firstInvalidUtf8("\xEF\xBB\xBF"
                               "a")
                  .has_value());  // a byte order mark is a character
}

TEST_CASE("the first byte that begins no well-formed character is found") {
  CHECK(firstInvalidUtf8("ab\xD5\xFE") == 2u);        // GBK 诊
  CHECK(firstInvalidUtf8("\x80") == 0u);              // a lone continuation byte
  CHECK(firstInvalidUtf8("a\xC0\xAF") == 1u);         // an overlong '/'
  CHECK(firstInvalidUtf8("\xE0\x80\xAF") == 0u);      // an overlong three-byte form
  CHECK(firstInvalidUtf8("\xED\xA0\x80") == 0u);      // a surrogate
  CHECK(firstInvalidUtf8("\xF4\x90\x80\x80") == 0u);  // above U+10FFFF
  CHECK(firstInvalidUtf8("\xF5\x80\x80\x80") == 0u);
  CHECK(firstInvalidUtf8("元\xE5\xA5") == 3u);  // cut off at the end
  CHECK(firstInvalidUtf8("\xFF") == 0u);
}

TEST_CASE("bad bytes are shown as U+FFFD, good characters kept") {
  CHECK(replaceInvalidUtf8("a\xD5\xFE"
                           "元") == "a\xEF\xBF\xBD\xEF\xBF\xBD元");
  CHECK(replaceInvalidUtf8("元") == "元");
}

TEST_CASE("display widths follow East Asian width") {
  CHECK(displayWidth("营业收入") == 8);
  CHECK(displayWidth("ab") == 2);
  CHECK(displayWidth("：") == 2);         // a full-width colon, as an input method types it
  CHECK(displayWidth("×") == 1);          // ambiguous width: one column on a Chinese terminal's default
  CHECK(displayWidth("e\xCC\x81") == 1);  // e and a combining acute accent
  CHECK(displayWidth("\t") == 4);
  CHECK(displayWidth("\xC0") == 1);  // a stray byte, shown as U+FFFD
}

TEST_CASE("code points are decoded one at a time, a bad byte alone") {
  std::string_view text =
      "营\xC0"
      "a";
  size_t i = 0;
  CHECK(decodeUtf8(text, i) == U'营');
  CHECK(i == 3);
  CHECK(decodeUtf8(text, i) == 0xFFFD);
  CHECK(i == 4);
  CHECK(decodeUtf8(text, i) == U'a');
  CHECK(i == text.size());
}
