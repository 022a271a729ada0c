#include "parse/SyntaxErrorListener.h"

#include <fmt/format.h>

#include "ZhengceLexer.h"
#include "ast/Keywords.h"

namespace zc {

std::string describeTokenType(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  if (type == antlr4::Token::EOF) return "the end of the input";
  std::string symbolic = vocabulary.getSymbolicName(type);
  if (std::string_view spelling = ast::chineseSpelling(symbolic); !spelling.empty())
    return fmt::format("'{}'", spelling);
  if (symbolic == "IDENT") return "a name";
  if (symbolic == "NUMBER") return "a number";
  if (symbolic == "STRING") return "a string";
  if (symbolic == "DATE") return "a date";
  std::string literal = vocabulary.getLiteralName(type);
  return literal.empty() ? symbolic : literal;
}

size_t SyntaxErrorListener::declarationStart(antlr4::Parser& parser, size_t tokenIndex) const {
  using L = grammar::ZhengceLexer;
  antlr4::TokenStream* tokens = parser.getTokenStream();
  size_t start = 0;
  int depth = 0;
  for (size_t i = 0; i < tokenIndex && i < tokens->size(); ++i) {
    antlr4::Token* token = tokens->get(i);
    std::string text = token->getText();
    if (text == "{")
      ++depth;
    else if (text == "}")
      depth = depth > 0 ? depth - 1 : 0;
    else if (depth == 0) {
      switch (token->getType()) {
        case L::IMPORT:
        case L::DIMENSION:
        case L::UNIT:
        case L::ENUM:
        case L::RECORD:
        case L::PARAM:
        case L::BENEFICIARY:
        case L::POLICY:
        case L::TEST:
          start = i;
          break;
        default:
          break;
      }
    }
  }
  return start;
}

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                                      size_t column, const std::string&, std::exception_ptr) {
  auto byteAt = [&](size_t index) { return byteOffsets_[std::min(index, byteOffsets_.size() - 1)]; };
  if (offending == nullptr) return;  // lexer errors cannot happen: UNKNOWN_CHAR takes any character
  size_t start = offending->getStartIndex();
  size_t stop = offending->getStopIndex();
  Span span{file_, byteAt(start), offending->getType() == antlr4::Token::EOF ? byteAt(start) : byteAt(stop + 1)};
  std::string text = offending->getText();

  if (offending->getType() == grammar::ZhengceLexer::UNKNOWN_CHAR) {
    if (text == "\"") {
      diags_.report(DiagKind::UnterminatedString, span, "this string is not closed before the end of the line").hint =
          "close it with \" on the same line";
    } else {
      diags_.report(DiagKind::UnknownCharacter, span, fmt::format("unexpected character '{}'", text)).hint =
          text == "；" || text == "，" || text == "（" || text == "）" || text == "："
              ? "full-width punctuation is not part of the language; use the ASCII form"
              : "";
    }
    return;
  }

  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (parser != nullptr) {
    // The declaration of the last token read: while the parser is still
    // inside the one that went wrong, what it reports is a consequence.
    // Recovery may also swallow the start of the next declaration, so an
    // error a few tokens after the last one is taken as its consequence too.
    size_t index = offending->getTokenIndex();
    size_t declaration = declarationStart(*parser, index > 0 ? index - 1 : 0);
    bool close = lastErrorToken_ != SIZE_MAX && index <= lastErrorToken_ + 3;
    if (declaration == erroneousDeclaration_ || close) return;
    erroneousDeclaration_ = declaration;
  }
  // The input may be a file or a line typed at the REPL: neither has "the end of the file" wrong.
  std::string message = text == "<EOF>" ? "the input ends before it is complete" : fmt::format("unexpected '{}'", text);
  if (parser != nullptr) {
    antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
    antlr4::Token* previous = parser->getTokenStream()->LT(-1);
    if (expected.size() == 1 && expected.contains(parser->getTokenType("';'")) && previous != nullptr &&
        previous->getType() != antlr4::Token::EOF) {
      // A missing ';' belongs after what came before, not at the next line.
      uint32_t after = byteAt(previous->getStopIndex() + 1);
      diags_.report(DiagKind::UnexpectedToken, Span{file_, after, after}, "expected ';' here").hint =
          "each declaration and clause line ends with ;";
      return;
    }
    std::vector<std::string> names;
    for (size_t type : expected.toList()) names.push_back(describeTokenType(parser->getVocabulary(), type));
    if (!names.empty() && names.size() <= 4) {
      std::string list = names[0];
      for (size_t i = 1; i < names.size(); ++i) list += (i + 1 == names.size() ? " or " : ", ") + names[i];
      message += "; expected " + list;
    }
  }
  auto& d = diags_.report(DiagKind::UnexpectedToken, span, message);
  std::string_view keyword = ast::leadingKeyword(text);
  if (offending->getType() == grammar::ZhengceLexer::IDENT && !keyword.empty())
    d.hint = fmt::format("'{}' is read as one name; put a space after the keyword: {} {}", text, keyword,
                         text.substr(keyword.size()));
  // A missing ';' is repaired by the parser in place; other errors make it
  // skip ahead, and what it then stumbles on nearby is not worth reporting.
  lastErrorToken_ = offending->getTokenIndex();
}

}  // namespace zc
