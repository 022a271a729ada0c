#include "format/FormatCommand.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "format/Formatter.h"
#include "format/LineDiff.h"

namespace zc::format {

namespace {

bool readFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return !in.bad();
}

// The new text goes to a temporary file beside the old one, renamed over it
// once complete: a failed write never leaves half a ruleset.
std::string replaceFile(const std::string& path, const std::string& text) {
  std::string temporary = path + ".zcfmt-XXXXXX";
  int fd = mkstemp(temporary.data());
  if (fd < 0) return fmt::format("cannot create a file beside it: {}", std::strerror(errno));
  std::error_code permissionsError;
  std::filesystem::permissions(temporary, std::filesystem::status(path).permissions(), permissionsError);
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  bool ok = written == text.size() && ::fsync(fd) == 0;
  std::string why = ok ? "" : std::strerror(errno);
  if (::close(fd) != 0 && ok) ok = false, why = std::strerror(errno);
  if (ok && std::rename(temporary.c_str(), path.c_str()) != 0) ok = false, why = std::strerror(errno);
  if (!ok) {
    std::remove(temporary.c_str());
    return fmt::format("cannot write it: {}", why);
  }
  return {};
}

}  // namespace

int runFormat(const FormatOptions& options) {
  int status = 0;
  for (const std::string& path : options.files) {
    std::string text;
    if (!readFile(path, text)) {
      fmt::print(stderr, "zc fmt: cannot read {}: {}\n", path, std::strerror(errno));
      status = 1;
      continue;
    }
    SourceManager sources;
    FileId file = sources.add(path, text);
    Diagnostics diags;
    std::optional<Formatted> formatted = formatSource(sources, file, diags);
    if (!formatted) {
      fmt::print(stderr, "{}", renderDiagnostics(sources, diags, RenderOptions{}));
      fmt::print(stderr, "zc fmt: {} was not formatted: it does not parse\n", path);
      status = 1;
      continue;
    }
    if (!formatted->internalError.empty()) {
      fmt::print(stderr, "zc fmt: {}: internal error: {}\n", path, formatted->internalError);
      status = 1;
      continue;
    }
    if (options.check) {
      std::string diff = unifiedDiff(text, formatted->text, path, path + " (formatted)");
      if (!diff.empty()) {
        fmt::print("{}", diff);
        status = 1;
      }
    } else if (options.write) {
      if (formatted->text == text) continue;
      std::string problem = replaceFile(path, formatted->text);
      if (!problem.empty()) {
        fmt::print(stderr, "zc fmt: {}: {}\n", path, problem);
        status = 1;
      }
    } else {
      fmt::print("{}", formatted->text);
    }
  }
  return status;
}

}  // namespace zc::format
