// Renders diagnostics in the clang/rustc style:
//   file:line:col: error[E0401]: message
//      3 | 奖励 1 万元 + 1 平方米;
//        |      ^^^^^^^^^^^^^^^^^
//        = hint: …
// Carets are placed by display width, so they line up under CJK text.
#include <fmt/format.h>

#include <string>

#include "diag/Diagnostic.h"
#include "source/HiddenCharacters.h"
#include "source/Utf8.h"

namespace zc {

namespace {

std::string expandTabs(std::string_view line) {
  std::string out;
  for (char c : line) {
    if (c == '\t')
      out += "    ";
    else
      out += c;
  }
  return out;
}

// A line longer than this (generated text, a minified file) is shown only
// around the span, so one diagnostic never prints megabytes.
constexpr uint32_t kLongLineBytes = 1000;
constexpr uint32_t kShownContextBytes = 240;

bool isContinuation(std::string_view text, uint32_t offset) {
  return offset < text.size() && isContinuationByte(text[offset]);
}

void renderSnippet(std::string& out, const SourceFile& file, Span span, const RenderOptions& options) {
  LineColumn begin = file.lineColumn(span.begin);
  std::string_view line = file.lineText(begin.line);
  uint32_t lineStart = file.lineStart(begin.line);
  uint32_t lineEnd = lineStart + static_cast<uint32_t>(line.size());
  uint32_t spanEnd = std::min(std::max(span.end, span.begin + 1), lineEnd > span.begin ? lineEnd : span.begin + 1);
  std::string number = std::to_string(begin.line);
  std::string gutter(number.size(), ' ');
  std::string_view text = file.text();
  uint32_t shownStart = lineStart, shownEnd = lineEnd;
  if (line.size() > kLongLineBytes) {
    shownStart = span.begin - std::min(span.begin - lineStart, kShownContextBytes);
    while (isContinuation(text, shownStart)) ++shownStart;
    shownEnd = std::min(lineEnd, std::max(span.begin, spanEnd) + kShownContextBytes);
    while (shownEnd < lineEnd && isContinuation(text, shownEnd)) --shownEnd;
  }
  std::string before = shownStart > lineStart ? "…" : "";
  std::string after = shownEnd < lineEnd ? "…" : "";
  // A line of a file that is not UTF-8 is shown with its bad bytes replaced,
  // and a hidden character by its code point, so the terminal neither hides
  // it nor lets a bidirectional one reorder the line.
  auto shown = [&](uint32_t from, uint32_t to) {
    return showHiddenCharacters(replaceInvalidUtf8(text.substr(from, to - from)));
  };
  uint32_t lead = displayWidth(before) + displayWidth(shown(shownStart, span.begin));
  uint32_t width = span.begin < lineEnd ? displayWidth(shown(span.begin, std::min(spanEnd, shownEnd))) : 1;
  out += fmt::format(" {} | {}{}{}\n", number, before, expandTabs(shown(shownStart, shownEnd)), after);
  std::string carets(std::max<uint32_t>(width, 1), '^');
  if (options.color) carets = "\x1b[1;32m" + carets + "\x1b[0m";
  out += fmt::format(" {} | {}{}\n", gutter, std::string(lead, ' '), carets);
}

std::string location(const SourceManager& sources, Span span) {
  const SourceFile& file = sources.file(span.file);
  LineColumn lc = file.lineColumn(span.begin);
  return fmt::format("{}:{}:{}", file.path(), lc.line, lc.column);
}

}  // namespace

std::string renderDiagnostic(const SourceManager& sources, const Diagnostic& diag, const RenderOptions& options) {
  const DiagKindInfo& info = diagInfo(diag.kind);
  bool error = info.severity == Severity::Error;
  std::string label = fmt::format("{}[{}]", error ? "error" : "warning", info.code);
  if (options.color) label = (error ? "\x1b[1;31m" : "\x1b[1;35m") + label + "\x1b[0m";
  std::string out = fmt::format("{}: {}: {}\n", location(sources, diag.span), label, diag.message);
  renderSnippet(out, sources.file(diag.span.file), diag.span, options);
  for (const DiagNote& note : diag.notes) {
    out += fmt::format("{}: note: {}\n", location(sources, note.span), note.message);
    renderSnippet(out, sources.file(note.span.file), note.span, options);
  }
  if (!diag.hint.empty()) out += fmt::format("  = hint: {}\n", diag.hint);
  return out;
}

std::string renderDiagnostics(const SourceManager& sources, const Diagnostics& diags, const RenderOptions& options) {
  std::string out;
  size_t shown = 0;
  std::vector<Diagnostic> list = diags.sorted();
  for (const Diagnostic& d : list) {
    if (shown++ == options.maxDiagnostics) {
      out += fmt::format("(stopped after {} diagnostics; {} more)\n", options.maxDiagnostics,
                         list.size() - options.maxDiagnostics);
      break;
    }
    out += renderDiagnostic(sources, d, options);
  }
  return out;
}

}  // namespace zc
