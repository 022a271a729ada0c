// Parses source text into the AST. ANTLR's own error listeners are replaced:
// every syntax error becomes a Diagnostic in our form.
#pragma once

#include <optional>

#include "ast/Ast.h"
#include "diag/Diagnostic.h"

namespace zc {

// Parses a whole file. Returns nothing when the file has syntax errors, so
// later phases never see a half-built tree and report no cascades.
std::optional<ast::Module> parseModule(const SourceManager& sources, FileId file, Diagnostics& diags);

// A REPL line: declarations (kept in module) or one expression (in expr).
struct ReplParse {
  ast::Module module;
  ast::ExprPtr expr;
};
std::optional<ReplParse> parseReplInput(const SourceManager& sources, FileId file, Diagnostics& diags);

}  // namespace zc
