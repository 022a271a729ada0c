// Text that looks like other text, as Unicode's TR39 (security mechanisms)
// defines it, through ICU's spoof checker (Debian's libicu-dev) and the
// confusables data ICU carries: Latin "C-1" and Cyrillic "С-1" have one
// skeleton; full-width "Ｃ" and "C" too.
#pragma once

#include <string>
#include <string_view>

namespace zc {

// TR39's skeleton: two texts with the same skeleton look alike.
std::string confusableSkeleton(std::string_view text);

// Whether the text mixes scripts that Chinese text does not mix: Han, kana,
// bopomofo and Latin together are usual; Latin with Cyrillic or Greek is
// TR39's "highly restrictive" level broken.
bool mixesScripts(std::string_view text);

// "U+0421 CYRILLIC CAPITAL LETTER ES", for a message.
std::string describeCodePoint(char32_t code);

}  // namespace zc
