#include "lsp/Workspace.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

namespace zc::lsp {

namespace fs = std::filesystem;

std::string normalPath(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) return path;
  fs::path canonical = fs::weakly_canonical(absolute, ec);
  return (ec ? absolute.lexically_normal() : canonical).string();
}

int CheckedRoot::fileOf(const std::string& path) const {
  for (size_t i = 0; i < paths.size(); ++i)
    if (paths[i] == path) return static_cast<int>(i);
  return -1;
}

namespace {

// The absolute path of a file as the module loader names it: std/… is the
// standard library; other names are the paths it was read from.
std::string pathOfSource(const std::string& name) {
  if (name.rfind("std/", 0) == 0) return normalPath((ModuleLoader::stdlibDirectory() / name.substr(4)).string());
  return normalPath(name);
}

bool skippedFolder(const fs::path& folder) {
  std::string name = folder.filename().string();
  return (!name.empty() && name[0] == '.') || name == "node_modules" || name == "build" || name.rfind("build-", 0) == 0;
}

}  // namespace

void Workspace::addFolder(const std::string& folder) {
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
  // A workspace opened on a home folder or / is not walked to its end.
  size_t visited = 0;
  for (; !ec && it != end && roots_.size() < kMaxRoots && ++visited <= kMaxVisited; it.increment(ec)) {
    if (it->is_directory(ec) && skippedFolder(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() == ".zc" && it->is_regular_file(ec)) roots_.insert(normalPath(it->path().string()));
  }
  for (const std::string& root : roots_)
    if (!current_.count(root)) compileRoot(root);
}

void Workspace::open(const std::string& path, std::string text) {
  overlay_[path] = std::move(text);
  roots_.insert(path);
  ++versions_[path];
}

void Workspace::change(const std::string& path, std::string text) {
  overlay_[path] = std::move(text);
  ++versions_[path];
}

void Workspace::close(const std::string& path) {
  overlay_.erase(path);
  ++versions_[path];
}

uint64_t Workspace::versionOf(const std::string& path) const {
  auto it = versions_.find(path);
  return it == versions_.end() ? 0 : it->second;
}

bool Workspace::textOf(const std::string& path, std::string& text) const {
  auto it = overlay_.find(path);
  if (it != overlay_.end()) {
    text = it->second;
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

void Workspace::compileRoot(const std::string& root) {
  auto result = std::make_shared<CheckedRoot>();
  frontend::CompileRequest request{{root}, &overlay_};
  result->compilation = std::make_unique<frontend::Compilation>(frontend::compile(request));
  const SourceManager& sources = result->compilation->sources;
  for (size_t i = 0; i < sources.size(); ++i)
    result->paths.push_back(pathOfSource(sources.file(static_cast<FileId>(i)).path()));
  for (const std::string& path : result->paths) result->versionsRead[path] = versionOf(path);
  result->checked = result->compilation->unreadable.empty();
  for (const Diagnostic& d : result->compilation->diagnostics.all()) {
    std::string_view code = diagInfo(d.kind).code;
    if (code.substr(0, 3) == "E01" || code.substr(0, 3) == "E02") result->checked = false;
  }
  if (result->checked) lastGood_[root] = result;
  current_[root] = std::move(result);
}

std::set<std::string> Workspace::recompile(const std::vector<std::string>& roots) {
  std::set<std::string> affected;
  for (const std::string& root : roots) {
    if (auto it = current_.find(root); it != current_.end())
      affected.insert(it->second->paths.begin(), it->second->paths.end());
    compileRoot(root);
    const CheckedRoot& now = *current_[root];
    affected.insert(now.paths.begin(), now.paths.end());
  }
  return affected;
}

std::set<std::string> Workspace::recheckOwn(const std::string& path) {
  std::set<std::string> affected = roots_.count(path) ? recompile({path}) : std::set<std::string>{};
  affected.insert(path);
  return affected;
}

std::set<std::string> Workspace::recheckReaders(const std::string& path) {
  std::vector<std::string> roots;
  for (const auto& [root, checked] : current_)
    if (root != path && checked->fileOf(path) >= 0) roots.push_back(root);
  return recompile(roots);
}

std::vector<std::pair<const CheckedRoot*, const Diagnostic*>> Workspace::diagnosticsOf(const std::string& path) const {
  std::vector<std::pair<const CheckedRoot*, const Diagnostic*>> out;
  std::set<std::tuple<std::string, uint32_t, uint32_t, std::string>> seen;
  for (const auto& [root, checked] : current_) {
    int file = checked->fileOf(path);
    if (file < 0 || checked->versionsRead.at(path) != versionOf(path)) continue;
    for (const Diagnostic& d : checked->compilation->diagnostics.all()) {
      if (d.span.file != static_cast<FileId>(file)) continue;
      if (seen.insert({std::string(diagInfo(d.kind).code), d.span.begin, d.span.end, d.message}).second)
        out.emplace_back(checked.get(), &d);
    }
  }
  return out;
}

std::vector<const CheckedRoot*> Workspace::checkedReaders(const std::string& path) const {
  std::vector<const CheckedRoot*> out;
  if (auto own = lastGood_.find(path); own != lastGood_.end()) out.push_back(own->second.get());
  for (const auto& [root, checked] : lastGood_)
    if (root != path && checked->fileOf(path) >= 0) out.push_back(checked.get());
  return out;
}

std::vector<const CheckedRoot*> Workspace::allChecked() const {
  std::vector<const CheckedRoot*> out;
  for (const auto& [root, checked] : lastGood_) out.push_back(checked.get());
  return out;
}

}  // namespace zc::lsp
