// zc fmt's one canonical layout, computed from the parse tree and the token
// stream (comments included), never from the text alone: only the space
// between tokens changes, so a formatted file is the same program. The line
// breaks are the author's; indentation, the spaces between tokens, blank
// lines, the aligned => of multi-line 档位/匹配/跨越/累进/按日期 arms and the
// column of a trailing comment are the formatter's.
#pragma once

#include <optional>
#include <string>

#include "diag/Diagnostic.h"

namespace zc::format {

struct Formatted {
  std::string text;
  // Set instead of text when the layout would have changed the tokens: a
  // bug of the formatter, reported apart from the file's own errors.
  std::string internalError;
};

// The file in the canonical layout; nothing when it does not parse (diags
// say why), since a layout is computed from the parse tree.
std::optional<Formatted> formatSource(const SourceManager& sources, FileId file, Diagnostics& diags);

}  // namespace zc::format
