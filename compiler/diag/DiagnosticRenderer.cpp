// Renders diagnostics in the clang/rustc style:
//   file:line:col: error[E0401]: message
//      3 | 奖励 1 万元 + 1 平方米;
//        |      ^^^^^^^^^^^^^^^^^
//        = hint: …
// Carets are placed by display width, so they line up under CJK text.
#include <fmt/format.h>

#include <string>

#include "diag/Diagnostic.h"

namespace zc {

namespace {

std::string expandTabs(std::string_view line) {
  std::string out;
  for (char c : line) {
    if (c == '\t') out += "    ";
    else out += c;
  }
  return out;
}

void renderSnippet(std::string& out, const SourceFile& file, Span span, const RenderOptions& options) {
  LineColumn begin = file.lineColumn(span.begin);
  std::string_view line = file.lineText(begin.line);
  uint32_t lineStart = file.lineStart(begin.line);
  uint32_t lineEnd = lineStart + static_cast<uint32_t>(line.size());
  uint32_t spanEnd = std::min(std::max(span.end, span.begin + 1), lineEnd > span.begin ? lineEnd : span.begin + 1);
  std::string number = std::to_string(begin.line);
  std::string gutter(number.size(), ' ');
  uint32_t lead = displayWidth(line.substr(0, span.begin - lineStart));
  uint32_t width = span.begin < lineEnd ? displayWidth(line.substr(span.begin - lineStart, spanEnd - span.begin)) : 1;
  out += fmt::format(" {} | {}\n", number, expandTabs(line));
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
      out += fmt::format("(stopped after {} diagnostics; {} more)\n", options.maxDiagnostics, list.size() - options.maxDiagnostics);
      break;
    }
    out += renderDiagnostic(sources, d, options);
  }
  return out;
}

}  // namespace zc
