// What an editor asks about a place in a ruleset — what a name is, where it
// is declared and used, what may be typed there, what a file declares —
// answered from the front end's own results (the name table, the symbols,
// the clauses, the AST), never from a second reading of the language.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lsp/Workspace.h"

namespace zc::lsp {

// A span of a file by its absolute path, with the text the span indexes.
struct PlaceInFile {
  std::string path;
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string text;  // the whole file as that compilation read it
  auto key() const { return std::make_tuple(path, begin, end); }
};

struct HoverText {
  std::string markdown;
  PlaceInFile place;  // what it is about
};

std::optional<HoverText> hoverAt(const Workspace& workspace, const std::string& path, uint32_t offset);
std::vector<PlaceInFile> definitionsAt(const Workspace& workspace, const std::string& path, uint32_t offset);
// Every use and the declaration of the name (or clause) at offset, in every file.
std::vector<PlaceInFile> referencesAt(const Workspace& workspace, const std::string& path, uint32_t offset);
// The place of the name a rename at offset would change, if a name is there.
std::optional<PlaceInFile> renameableAt(const Workspace& workspace, const std::string& path, uint32_t offset);

enum class CompletionKind { Keyword, Unit, Field, Parameter, EnumMember, Clause, Beneficiary, Set };

struct Completion {
  std::string label;
  CompletionKind kind;
  std::string detail;
};

// What may be typed at offset of text (the buffer as it is now).
std::vector<Completion> completionsAt(const Workspace& workspace, const std::string& path, const std::string& text,
                                      uint32_t offset);

enum class SymbolKind { Policy, Clause, Record, Field, Enum, EnumMember, Parameter, Test, Unit };

struct OutlineSymbol {
  std::string name;
  std::string detail;
  SymbolKind kind;
  Span span;      // the whole declaration
  Span nameSpan;  // its name or id
  std::vector<OutlineSymbol> children;
};

// What the file declares, policies with their clauses; nothing when it does
// not parse.
std::optional<std::vector<OutlineSymbol>> outline(const std::string& text);

// Whether name may be a new name: one identifier, not a keyword.
bool isPlainName(const std::string& name);

}  // namespace zc::lsp
