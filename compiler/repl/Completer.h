// Tab completion at the REPL prompt: the words that can end the text left of
// the cursor, from the command table and the session's ruleset.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/Ir.h"
#include "sema/Symbols.h"

namespace zc::repl {

class Completer {
 public:
  Completer(const sema::Symbols& symbols, const ir::Program& program) : symbols_(symbols), program_(program) {}

  // Completions for the end of `before`: keywords, commands, declared names,
  // record fields, units, clause ids, file names after :load and :record.
  // `start` is set to the byte offset where the word they replace begins.
  std::vector<std::string> complete(std::string_view before, size_t& start) const;

 private:
  // What completes the argument of `command`; nothing when its argument is
  // an expression, which completes as names do.
  std::optional<std::vector<std::string>> argument(std::string_view command, std::string_view before,
                                                   size_t& start) const;
  // Keywords, functions and every name the ruleset declares.
  std::vector<std::string> names(std::string_view prefix) const;

  const sema::Symbols& symbols_;
  const ir::Program& program_;
};

}  // namespace zc::repl
