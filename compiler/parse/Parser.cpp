#include "parse/Parser.h"

#include <antlr4-runtime.h>
#include <fmt/format.h>

#include "ZhengceLexer.h"
#include "parse/AstBuilder.h"
#include "parse/NestingLimit.h"
#include "parse/SyntaxErrorListener.h"
#include "source/HiddenCharacters.h"
#include "source/Utf8.h"

namespace zc {

namespace {

// Holds the ANTLR objects for one parse; the tree lives as long as this does.
struct ParseSession {
  ParseSession(const SourceManager& sources, FileId file, Diagnostics& diags)
      : offsets(codePointByteOffsets(sources.file(file).text())),
        input(sources.file(file).text()),
        lexer(&input),
        tokens(&lexer),
        parser(&tokens),
        listener(file, offsets, diags),
        builder(file, offsets) {
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
  }

  std::vector<uint32_t> offsets;
  antlr4::ANTLRInputStream input;
  grammar::ZhengceLexer lexer;
  antlr4::CommonTokenStream tokens;
  NestingLimitedParser parser;
  SyntaxErrorListener listener;
  AstBuilder builder;
};

// ANTLR's input stream throws on bytes that are not UTF-8, so they are
// reported before it sees them: GBK files are common in Chinese offices.
bool isUtf8(const SourceManager& sources, FileId file, Diagnostics& diags) {
  const SourceFile& source = sources.file(file);
  std::optional<size_t> bad = firstInvalidUtf8(source.text());
  if (!bad) return true;
  uint32_t offset = static_cast<uint32_t>(*bad);
  auto& d = diags.report(
      DiagKind::NotUtf8, Span{file, offset, offset + 1},
      fmt::format("not UTF-8: byte 0x{:02X} at byte offset {} (line {}) does not begin a UTF-8 character",
                  static_cast<unsigned char>(source.text()[offset]), offset, source.lineColumn(offset).line));
  d.hint = "if this file is GBK, convert it with iconv -f GBK -t UTF-8";
  return false;
}

// Zero-width and bidirectional control characters are refused before the
// lexer, each by its code point and name: they are invisible in an editor,
// and a right-to-left override makes a 原文 or a clause id read otherwise than
// zc compares it. A file of them gets the first few, then a count.
bool hasNoHiddenCharacters(const SourceManager& sources, FileId file, Diagnostics& diags) {
  constexpr size_t kShown = 10;
  std::vector<HiddenCharacter> hidden = hiddenCharacters(sources.file(file).text());
  for (size_t i = 0; i < hidden.size() && i < kShown; ++i) {
    const HiddenCharacter& h = hidden[i];
    Span span{file, static_cast<uint32_t>(h.offset), static_cast<uint32_t>(h.offset + h.length)};
    auto& d = diags.report(
        DiagKind::HiddenCharacter, span,
        h.bidirectional ? fmt::format("U+{:04X} {}: a bidirectional control character, which can make "
                                      "the text show otherwise than it reads",
                                      static_cast<uint32_t>(h.code), h.name)
                        : fmt::format("U+{:04X} {}: an invisible character", static_cast<uint32_t>(h.code), h.name));
    d.hint = "delete it: an editor shows it as nothing, so two texts that look the same would differ";
    if (i + 1 == kShown && hidden.size() > kShown)
      d.notes.push_back({span, fmt::format("and {} more in this file", hidden.size() - kShown)});
  }
  return hidden.empty();
}

// Parses with rule, or reports why not: syntax errors or nesting too deep.
template <typename Rule>
auto parseWith(ParseSession& session, FileId file, Diagnostics& diags, Rule rule)
    -> decltype((session.parser.*rule)()) {
  size_t errorsBefore = diags.errorCount();
  try {
    auto* tree = (session.parser.*rule)();
    return diags.errorCount() > errorsBefore ? nullptr : tree;
  } catch (const NestingTooDeep& deep) {
    Span span{file, 0, 0};
    if (deep.token != nullptr) {
      uint32_t last = static_cast<uint32_t>(session.offsets.size() - 1);
      span.begin = session.offsets[std::min<size_t>(deep.token->getStartIndex(), last)];
      span.end = session.offsets[std::min<size_t>(deep.token->getStopIndex() + 1, last)];
    }
    diags.report(DiagKind::NestingTooDeep, span, fmt::format("this nests more than {} levels deep", kMaxNesting)).hint =
        "brackets, prefix operators and each operator of a chain count one level; name parts with 设";
    return nullptr;
  }
}

}  // namespace

std::optional<ast::Module> parseModule(const SourceManager& sources, FileId file, Diagnostics& diags) {
  if (!isUtf8(sources, file, diags) || !hasNoHiddenCharacters(sources, file, diags)) return std::nullopt;
  ParseSession session(sources, file, diags);
  auto* tree = parseWith(session, file, diags, &grammar::ZhengceParser::program);
  if (tree == nullptr) return std::nullopt;
  ast::Module module;
  module.file = file;
  for (auto* declaration : tree->declaration()) session.builder.addDeclaration(declaration, module);
  return module;
}

std::optional<ReplParse> parseReplInput(const SourceManager& sources, FileId file, Diagnostics& diags) {
  if (!isUtf8(sources, file, diags) || !hasNoHiddenCharacters(sources, file, diags)) return std::nullopt;
  ParseSession session(sources, file, diags);
  auto* tree = parseWith(session, file, diags, &grammar::ZhengceParser::replInput);
  if (tree == nullptr) return std::nullopt;
  ReplParse out;
  out.module.file = file;
  for (auto* declaration : tree->declaration()) session.builder.addDeclaration(declaration, out.module);
  if (tree->expr() != nullptr) out.expr = session.builder.expr(tree->expr());
  return out;
}

}  // namespace zc
