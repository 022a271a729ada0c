#include "frontend/ModuleLoader.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "parse/Parser.h"
#include "source/Installation.h"

#ifndef ZC_STDLIB_DIR
#define ZC_STDLIB_DIR "stdlib"
#endif

namespace zc {

namespace fs = std::filesystem;

ModuleLoader::ModuleLoader(SourceManager& sources, Diagnostics& diags, const SourceOverlay* overlay)
    : sources_(sources), diags_(diags), overlay_(overlay) {}

// A ruleset is read whole, so a size is set that no ruleset comes near (the
// largest catalogue of policies is tens of MiB): /dev/zero or a huge file is a
// diagnostic, not all of memory.
constexpr uintmax_t kMaxSourceBytes = 256u << 20;

std::string ModuleLoader::readText(const fs::path& path, const fs::path& canonical, std::string& text) const {
  if (overlay_ != nullptr) {
    auto it = overlay_->find(canonical);
    if (it == overlay_->end()) it = overlay_->find(path);
    if (it != overlay_->end()) {
      text = it->second;
      return "";
    }
  }
  // Only a regular file: a FIFO would block, a device never end.
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return "it does not exist";
  if (!fs::is_regular_file(status)) return fs::is_directory(status) ? "it is a folder" : "it is not a regular file";
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return "its size cannot be read";
  if (size > kMaxSourceBytes)
    return fmt::format("it holds {} bytes, more than a ruleset may ({})", size, kMaxSourceBytes);
  std::ifstream in(path, std::ios::binary);
  if (!in) return "it cannot be opened";
  text.resize(size);
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<size_t>(in.gcount()));
  return "";
}

fs::path ModuleLoader::stdlibDirectory() {
  if (const char* env = std::getenv("ZC_STDLIB")) return env;
  return ownFile("share/zhengce/stdlib", ZC_STDLIB_DIR);
}

fs::path ModuleLoader::resolve(const ast::ImportDecl& import, FileId from) const {
  const std::string& path = import.path;
  if (path.rfind("std/", 0) == 0) return stdlibDirectory() / path.substr(4);
  return fs::path(sources_.file(from).path()).parent_path() / path;
}

std::string ModuleLoader::displayName(const ast::ImportDecl& import, const fs::path& resolved) const {
  return import.path.rfind("std/", 0) == 0 ? import.path : resolved.lexically_normal().string();
}

void ModuleLoader::load(const fs::path& path) { loadFile(path, path.string(), std::nullopt); }

void ModuleLoader::loadImports(const ast::Module& module) {
  for (const auto& import : module.imports) {
    fs::path resolved = resolve(import, module.file);
    loadFile(resolved, displayName(import, resolved), import.span);
  }
}

// What makes two paths one file: its device and inode, so a symbolic link, a
// hard link, "./a/../b.zc" or an absolute path all name the one module; a
// file not on disk (an editor's unsaved buffer) by its canonical path.
std::string ModuleLoader::identity(const fs::path& path, const fs::path& canonical) const {
  struct stat info{};
  if (::stat(path.c_str(), &info) == 0) return fmt::format("inode {}:{}", info.st_dev, info.st_ino);
  return canonical.string();
}

void ModuleLoader::loadFile(const fs::path& path, const std::string& display, std::optional<Span> importedAt) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (ec) canonical = path;
  std::string same = identity(path, canonical);
  if (std::find(loading_.begin(), loading_.end(), same) != loading_.end()) {
    diags_.report(DiagKind::ImportCycle, *importedAt, fmt::format("importing {} makes a cycle", display)).hint =
        "move what both files need into a third file that both import";
    return;
  }
  if (loaded_.count(same) > 0) return;
  std::string text;
  // An import names a ruleset: any other file (/etc/passwd) is refused
  // unread, so no diagnostic quotes a line of it.
  std::string problem = importedAt && path.extension() != ".zc" ? "an imported file is a ruleset, named NAME.zc"
                                                                : readText(path, canonical, text);
  if (!problem.empty()) {
    if (importedAt) {
      diags_.report(DiagKind::ImportNotFound, *importedAt,
                    fmt::format("cannot read the imported file {}: {}", display, problem));
    } else {
      unreadable_.push_back(path.string());
    }
    return;
  }
  FileId file = sources_.add(display, std::move(text));
  loaded_.insert(same);
  auto module = parseModule(sources_, file, diags_);
  if (!module) return;
  loading_.push_back(same);
  for (const auto& import : module->imports) {
    fs::path resolved = resolve(import, file);
    loadFile(resolved, displayName(import, resolved), import.span);
  }
  loading_.pop_back();
  modules_.push_back(std::move(*module));
}

}  // namespace zc
