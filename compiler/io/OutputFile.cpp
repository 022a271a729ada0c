#include "io/OutputFile.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>

#include "source/SourceManager.h"

namespace zc {

namespace {

// The temporary file of the run, for the signal handler: Ctrl-C or a kill
// must not leave it behind. A fixed buffer, since a handler may not allocate.
char gTemporary[PATH_MAX];

void removeTemporaryAndDie(int signal) {
  if (gTemporary[0] != '\0') ::unlink(gTemporary);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void removeOnSignals(const std::string& temporary) {
  std::strncpy(gTemporary, temporary.c_str(), sizeof gTemporary - 1);
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, removeTemporaryAndDie);
}

void forgetTemporary() {
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, SIG_DFL);
  gTemporary[0] = '\0';
}

bool sameFile(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// Devices and /proc links (/dev/stdout, /dev/null, /proc/self/fd/1) name
// something that is not ours to replace.
bool isDevicePath(const std::string& path) { return path.starts_with("/dev/") || path.starts_with("/proc/"); }

// The prefix of this process's temporary files for `name`: `.NAME.zc-PID@HOST-`.
// The process and host in the name let a later run tell a temporary whose
// writer is gone (killed with SIGKILL, which no handler sees) from one being written.
std::string temporaryPrefix(const std::string& name, pid_t pid, const std::string& host) {
  return fmt::format(".{}.zc-{}@{}-", name, pid, host);
}

std::string hostName() {
  char host[256] = "";
  ::gethostname(host, sizeof host - 1);
  for (char& c : host)
    if (c == '/') c = '_';
  return host;
}

// Removes the temporaries of `name` in `folder` left by a run of this host
// that no longer exists and that were ours; a live writer's are left alone.
void removeStaleTemporaries(const std::filesystem::path& folder, const std::string& name) {
  std::string host = hostName(), start = "." + name + ".zc-";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    std::string file = entry.path().filename().string();
    if (!file.starts_with(start)) continue;
    size_t at = file.find('@', start.size());
    if (at == std::string::npos) continue;
    pid_t pid = 0;
    auto [end, error] = std::from_chars(file.data() + start.size(), file.data() + at, pid);
    if (error != std::errc() || end != file.data() + at || pid <= 0) continue;
    if (!file.starts_with(temporaryPrefix(name, pid, host))) continue;  // another host's
    struct stat status{};
    if (::lstat(entry.path().c_str(), &status) != 0 || !S_ISREG(status.st_mode) || status.st_uid != ::geteuid())
      continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // its writer still runs
    ::unlink(entry.path().c_str());
  }
}

mode_t newFileMode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

std::vector<ReadFile> rulesetFiles(const SourceManager& sources) {
  std::vector<ReadFile> files;
  for (size_t i = 0; i < sources.size(); ++i)
    files.push_back({sources.file(static_cast<FileId>(i)).path(), "the ruleset's file"});
  return files;
}

std::string overwritesRead(const std::string& path, const std::vector<ReadFile>& reads) {
  // Standard output: `zc run … >> data.jsonl` would read its own results back without end.
  struct stat status{};
  if (path.empty() ? ::fstat(STDOUT_FILENO, &status) != 0 : ::stat(path.c_str(), &status) != 0) return "";
  for (const ReadFile& read : reads) {
    struct stat readStatus{};
    if (::stat(read.path.c_str(), &readStatus) == 0 && S_ISREG(readStatus.st_mode) && sameFile(status, readStatus))
      return fmt::format("{} is {} {}", path.empty() ? "standard output" : path, read.role, read.path);
  }
  return "";
}

std::unique_ptr<OutputFile> OutputFile::open(const std::string& path, const std::vector<ReadFile>& reads,
                                             std::string& problem, std::string_view option) {
  if (std::string clash = overwritesRead(path, reads); !clash.empty()) {
    problem =
        fmt::format("{}{}; write the results to another file", path.empty() ? "" : std::string(option) + " ", clash);
    return nullptr;
  }
  std::unique_ptr<OutputFile> out(new OutputFile());
  if (path.empty()) {
    out->stream_ = stdout;
    return out;
  }

  struct stat status{};
  bool exists = ::stat(path.c_str(), &status) == 0;
  if (exists && S_ISDIR(status.st_mode)) {
    problem = fmt::format("{} {} is a folder", option, path);
    return nullptr;
  }
  out->path_ = path;
  if ((exists && !S_ISREG(status.st_mode)) || isDevicePath(path)) {
    out->stream_ = std::fopen(path.c_str(), "wb");
    if (out->stream_ == nullptr) {
      problem = fmt::format("cannot write {}: {}", path, std::strerror(errno));
      return nullptr;
    }
    return out;
  }

  // Renamed over the file a symbolic link names, not over the link.
  std::error_code ec;
  std::filesystem::path target = exists ? std::filesystem::canonical(path, ec) : std::filesystem::path(path);
  if (ec) target = path;
  out->path_ = target.string();
  std::filesystem::path folder = target.parent_path().empty() ? "." : target.parent_path();
  removeStaleTemporaries(folder, target.filename().string());
  std::string temporary =
      (folder / (temporaryPrefix(target.filename().string(), ::getpid(), hostName()) + "XXXXXX")).string();
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    problem = fmt::format("cannot write in {}: {}", folder.string(), std::strerror(errno));
    return nullptr;
  }
  ::fchmod(fd, exists ? (status.st_mode & 07777) : newFileMode());
  out->temporary_ = temporary;
  removeOnSignals(temporary);
  out->stream_ = ::fdopen(fd, "wb");
  if (out->stream_ == nullptr) {
    ::close(fd);
    problem = fmt::format("cannot write {}: {}", temporary, std::strerror(errno));
    return nullptr;
  }
  return out;
}

OutputFile::~OutputFile() {
  if (stream_ != nullptr && stream_ != stdout) std::fclose(stream_);
  if (!temporary_.empty()) {
    ::unlink(temporary_.c_str());
    forgetTemporary();
  }
}

bool OutputFile::commit(std::string& problem) {
  std::FILE* stream = stream_;
  stream_ = nullptr;
  bool written = std::fflush(stream) == 0 && !std::ferror(stream);
  int error = errno;
  if (stream == stdout) {
    if (!written) problem = fmt::format("cannot write the results: {}", std::strerror(error));
    return written;
  }
  // On disk before the rename, so a crash leaves the old file or the whole new one.
  if (written && !temporary_.empty() && ::fsync(fileno(stream)) != 0) {
    written = false;
    error = errno;
  }
  if (std::fclose(stream) != 0 && written) {
    written = false;
    error = errno;
  }
  if (written && !temporary_.empty() && std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    written = false;
    error = errno;
  }
  if (!written) {
    problem = fmt::format("cannot write {}: {}", path_, std::strerror(error));
    return false;
  }
  temporary_.clear();
  forgetTemporary();
  return true;
}

}  // namespace zc
