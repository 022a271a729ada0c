#include "parse/Parser.h"

#include <antlr4-runtime.h>

#include <fmt/format.h>

#include "ZhengceLexer.h"
#include "parse/AstBuilder.h"
#include "parse/NestingLimit.h"
#include "parse/SyntaxErrorListener.h"
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
  auto& d = diags.report(DiagKind::NotUtf8, Span{file, offset, offset + 1},
                         fmt::format("not UTF-8: byte 0x{:02X} at byte offset {} (line {}) does not begin a UTF-8 character",
                                     static_cast<unsigned char>(source.text()[offset]), offset,
                                     source.lineColumn(offset).line));
  d.hint = "if this file is GBK, convert it with iconv -f GBK -t UTF-8";
  return false;
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
    diags.report(DiagKind::NestingTooDeep, span,
                 fmt::format("this nests more than {} levels deep", kMaxNesting))
        .hint = "brackets, prefix operators and each operator of a chain count one level; name parts with 设";
    return nullptr;
  }
}

}  // namespace

std::optional<ast::Module> parseModule(const SourceManager& sources, FileId file, Diagnostics& diags) {
  if (!isUtf8(sources, file, diags)) return std::nullopt;
  ParseSession session(sources, file, diags);
  auto* tree = parseWith(session, file, diags, &grammar::ZhengceParser::program);
  if (tree == nullptr) return std::nullopt;
  ast::Module module;
  module.file = file;
  for (auto* declaration : tree->declaration()) session.builder.addDeclaration(declaration, module);
  return module;
}

std::optional<ReplParse> parseReplInput(const SourceManager& sources, FileId file, Diagnostics& diags) {
  if (!isUtf8(sources, file, diags)) return std::nullopt;
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
