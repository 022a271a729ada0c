// What the language server knows: the open documents (unsaved text, given
// to the front end as an overlay), the rulesets of the workspace and their
// last compilations. Every .zc file of the workspace folder is a root and
// compiled as `zc check` compiles it, imports followed; a change to a file
// compiles again each root that reads it.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "frontend/Frontend.h"

namespace zc::lsp {

// One root's compilation, and the absolute path of each of its files (by FileId).
struct CheckedRoot {
  std::unique_ptr<frontend::Compilation> compilation;
  std::vector<std::string> paths;
  // Whether the checker ran (no file had a syntax error or could not be
  // read): only then do its names, types and clauses say anything.
  bool checked = false;
  // The version of each file (Workspace::versionOf) this compilation read.
  std::map<std::string, uint64_t> versionsRead;

  // The FileId of an absolute path in this compilation, or -1.
  int fileOf(const std::string& path) const;
};

class Workspace {
 public:
  // Adds every .zc file under folder (not in hidden folders, build or
  // node_modules; at most kMaxRoots files among kMaxVisited entries) as a root.
  void addFolder(const std::string& folder);

  void open(const std::string& path, std::string text);
  void change(const std::string& path, std::string text);
  void close(const std::string& path);
  // The text a file has for the server: the open buffer, else the disk's.
  bool textOf(const std::string& path, std::string& text) const;
  bool isOpen(const std::string& path) const { return overlay_.count(path) != 0; }

  // Compiles path again as a root (when it is one): the edited file's own
  // diagnostics come first. Returns the files whose diagnostics may have changed.
  std::set<std::string> recheckOwn(const std::string& path);
  // Compiles again every other root that reads path.
  std::set<std::string> recheckReaders(const std::string& path);

  // Diagnostics of a file, from every root's current compilation that read
  // its present text, each once: none computed from text since changed.
  std::vector<std::pair<const CheckedRoot*, const Diagnostic*>> diagnosticsOf(const std::string& path) const;

  // The checked compilations that read a file: the file's own first. After an
  // edit that does not parse, these are the last ones that did.
  std::vector<const CheckedRoot*> checkedReaders(const std::string& path) const;
  // Every checked compilation.
  std::vector<const CheckedRoot*> allChecked() const;

  static constexpr size_t kMaxRoots = 2000;
  static constexpr size_t kMaxVisited = 200000;  // folder entries looked at

 private:
  void compileRoot(const std::string& root);
  std::set<std::string> recompile(const std::vector<std::string>& roots);
  uint64_t versionOf(const std::string& path) const;

  SourceOverlay overlay_;
  std::map<std::string, uint64_t> versions_;  // by path: how many times it was opened, changed or closed
  std::set<std::string> roots_;
  // By root: the latest compilation, and the latest the checker ran on (often the same).
  std::map<std::string, std::shared_ptr<const CheckedRoot>> current_;
  std::map<std::string, std::shared_ptr<const CheckedRoot>> lastGood_;
};

// A path made absolute and normal, as the workspace keys files.
std::string normalPath(const std::string& path);

}  // namespace zc::lsp
