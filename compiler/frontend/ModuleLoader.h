// Loads a ruleset's files: the ones named and, transitively, what they
// import. "std/…" names the standard library; other paths are relative to the
// importing file. An overlay's unsaved text stands in for a file's contents.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ast/Ast.h"
#include "diag/Diagnostic.h"

namespace zc {

// Unsaved text by file path (an editor's buffers): read instead of the disk.
using SourceOverlay = std::map<std::filesystem::path, std::string>;

class ModuleLoader {
 public:
  ModuleLoader(SourceManager& sources, Diagnostics& diags, const SourceOverlay* overlay = nullptr);
  // Loads a file and its imports; modules come out imports first.
  void load(const std::filesystem::path& path);
  // Loads the imports of an already parsed module (a REPL line).
  void loadImports(const ast::Module& module);
  std::vector<ast::Module>& modules() { return modules_; }
  // Named files that could not be read (an import that cannot is a diagnostic).
  const std::vector<std::string>& unreadable() const { return unreadable_; }
  bool failedToOpen() const { return !unreadable_.empty(); }

  static std::filesystem::path stdlibDirectory();

 private:
  void loadFile(const std::filesystem::path& path, const std::string& display, std::optional<Span> importedAt);
  std::string identity(const std::filesystem::path& path, const std::filesystem::path& canonical) const;
  std::filesystem::path resolve(const ast::ImportDecl& import, FileId from) const;
  // How an imported file is named in messages: std/units.zc, or its path.
  std::string displayName(const ast::ImportDecl& import, const std::filesystem::path& resolved) const;

  // The file's text from the overlay or the disk; why it cannot be read (not a
  // regular file, too large), or empty.
  std::string readText(const std::filesystem::path& path, const std::filesystem::path& canonical,
                       std::string& text) const;

  SourceManager& sources_;
  Diagnostics& diags_;
  const SourceOverlay* overlay_;
  std::vector<ast::Module> modules_;
  // Files by identity(): those loaded, and the import chain, for cycles.
  std::set<std::string> loaded_;
  std::vector<std::string> loading_;
  std::vector<std::string> unreadable_;
};

}  // namespace zc
