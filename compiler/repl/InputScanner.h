// What the REPL needs to know about input text before it is parsed: whether
// an input goes on past the end of a line, the one-line form kept in history,
// and the word being completed. A light scan, not the lexer: it only follows
// strings, comments, brackets and the last token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zc::repl {

// True while a bracket ((, [, {) is open, a block comment is unterminated, a
// 如果 has not had its 否则 yet, or the last token is an operator or a keyword
// that needs what follows
// (+ - × * / ÷ = ≠ < ≤ > ≥ , => | : 且 或 非 如果 则 否则 属于 满足 and or …).
// Intervals such as [1, 2) balance: every opener counts one, every closer one.
bool needsContinuation(std::string_view text);

// True when the text holds nothing but whitespace and comments.
bool isBlank(std::string_view text);

// The text without the ASCII whitespace around it.
std::string_view trim(std::string_view text);

// A command (:eval, :load …) without the whitespace around it, with the
// full-width colon a Chinese input method types (：eval) read as ':'; empty
// when the input is not a command.
std::string commandText(std::string_view input);

// An input of several lines as one line for the history: line comments are
// dropped (they would swallow what follows) and the lines joined by a space.
std::string historyLine(std::string_view text);

// The byte offset where the name at the end of `text` begins (text.size()
// when it ends in no name character). Names are ASCII letters, digits, _ and
// CJK ideographs, as in the grammar.
size_t nameStart(std::string_view text);

// The longest common prefix of the candidates, cut at a whole UTF-8 character.
std::string commonPrefix(const std::vector<std::string>& candidates);

// Every keyword in both spellings, as the grammar spells them.
const std::vector<std::string>& keywords();

}  // namespace zc::repl
