// Quick fixes for the checker's hints, computed from the diagnostic itself
// (its kind, span and notes) and what the ruleset declares — never from the
// words of the hint:
// - a 美元 amount added to or compared with a 元 one: multiply it by the
//   ruleset's 元/美元 parameter (E0401);
// - an optional field used without 有(…): test it first, 条件 有(x); (E0406);
// - a unit, type or beneficiary that a file of the standard library declares:
//   import that file (E0302, E0306, E0307).
#pragma once

#include <string>
#include <vector>

#include "lsp/Workspace.h"

namespace zc::lsp {

struct TextReplacement {
  uint32_t begin = 0;  // byte offsets in the file's text
  uint32_t end = 0;
  std::string text;
};

struct CodeAction {
  std::string title;
  std::vector<TextReplacement> edits;  // in the diagnostic's file
};

std::vector<CodeAction> codeActionsFor(const CheckedRoot& root, const Diagnostic& diagnostic);

}  // namespace zc::lsp
