#include "parse/Parser.h"

#include <antlr4-runtime.h>

#include "ZhengceLexer.h"
#include "ZhengceParser.h"
#include "parse/AstBuilder.h"
#include "parse/SyntaxErrorListener.h"

namespace zc {

namespace {

// ANTLR indexes characters by code point; spans are byte offsets.
std::vector<uint32_t> codePointByteOffsets(const std::string& text) {
  std::vector<uint32_t> offsets;
  offsets.reserve(text.size() + 1);
  for (uint32_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  offsets.push_back(static_cast<uint32_t>(text.size()));
  return offsets;
}

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
  grammar::ZhengceParser parser;
  SyntaxErrorListener listener;
  AstBuilder builder;
};

}  // namespace

std::optional<ast::Module> parseModule(const SourceManager& sources, FileId file, Diagnostics& diags) {
  ParseSession session(sources, file, diags);
  size_t errorsBefore = diags.errorCount();
  auto* tree = session.parser.program();
  if (diags.errorCount() > errorsBefore) return std::nullopt;
  ast::Module module;
  module.file = file;
  for (auto* declaration : tree->declaration()) session.builder.addDeclaration(declaration, module);
  return module;
}

std::optional<ReplParse> parseReplInput(const SourceManager& sources, FileId file, Diagnostics& diags) {
  ParseSession session(sources, file, diags);
  size_t errorsBefore = diags.errorCount();
  auto* tree = session.parser.replInput();
  if (diags.errorCount() > errorsBefore) return std::nullopt;
  ReplParse out;
  out.module.file = file;
  for (auto* declaration : tree->declaration()) session.builder.addDeclaration(declaration, out.module);
  if (tree->expr() != nullptr) out.expr = session.builder.expr(tree->expr());
  return out;
}

}  // namespace zc
