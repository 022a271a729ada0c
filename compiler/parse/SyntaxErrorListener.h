// Turns ANTLR's syntax errors into Diagnostics in our words, never ANTLR's.
#pragma once

#include <antlr4-runtime.h>

#include <vector>

#include "diag/Diagnostic.h"

namespace zc {

class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  SyntaxErrorListener(FileId file, const std::vector<uint32_t>& byteOffsets, Diagnostics& diags)
      : file_(file), byteOffsets_(byteOffsets), diags_(diags) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t column,
                   const std::string& message, std::exception_ptr error) override;

 private:
  FileId file_;
  const std::vector<uint32_t>& byteOffsets_;  // code point index → byte offset
  Diagnostics& diags_;
  // After one error in a declaration, the parser's recovery inside the same
  // declaration mostly finds consequences of it: those are not reported.
  // A declaration is known by the index of its first token: the last token
  // at brace depth 0 that starts one, before the given token.
  size_t declarationStart(antlr4::Parser& parser, size_t tokenIndex) const;
  size_t erroneousDeclaration_ = SIZE_MAX;
  size_t lastErrorToken_ = SIZE_MAX;
};

// How a token type reads in a message: '条件' (when) for keywords.
std::string describeTokenType(const antlr4::dfa::Vocabulary& vocabulary, size_t type);

}  // namespace zc
