#include "repl/Completer.h"

#include <algorithm>
#include <filesystem>

#include "repl/Commands.h"
#include "repl/InputScanner.h"
#include "sema/Builtins.h"

namespace zc::repl {

namespace fs = std::filesystem;

namespace {

// The candidates that begin with a prefix, sorted, each once.
class Matches {
 public:
  explicit Matches(std::string_view prefix) : prefix_(prefix) {}

  void offer(std::string_view candidate) {
    if (candidate.starts_with(prefix_)) found_.emplace_back(candidate);
  }
  std::vector<std::string> sorted() {
    std::sort(found_.begin(), found_.end());
    found_.erase(std::unique(found_.begin(), found_.end()), found_.end());
    return std::move(found_);
  }

 private:
  std::string_view prefix_;
  std::vector<std::string> found_;
};

std::vector<std::string> commandNames(std::string_view prefix) {
  Matches matches(prefix);
  for (const Command& c : commands()) matches.offer(c.name);
  return matches.sorted();
}

// The files and folders a path being typed can go on to, relative to the
// working directory; hidden ones only once a dot is typed.
std::vector<std::string> fileNames(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string directory(slash == std::string_view::npos ? "" : path.substr(0, slash + 1));
  std::string_view prefix = slash == std::string_view::npos ? path : path.substr(slash + 1);
  Matches matches(prefix);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory.empty() ? "." : directory, ec)) {
    std::string name = entry.path().filename().string();
    if (prefix.empty() && name.front() == '.') continue;
    if (entry.is_directory(ec)) name += "/";
    matches.offer(name);
  }
  std::vector<std::string> files = matches.sorted();
  for (auto& file : files) file = directory + file;
  return files;
}

}  // namespace

std::vector<std::string> Completer::complete(std::string_view before, size_t& start) const {
  size_t lead = before.find_first_not_of(" \t");
  if (lead != std::string_view::npos && before[lead] == ':') {
    size_t space = before.find_first_of(" \t", lead);
    if (space == std::string_view::npos) {
      start = lead;
      return commandNames(before.substr(lead));
    }
    if (auto found = argument(before.substr(lead, space - lead), before, start)) return *found;
  }
  start = nameStart(before);
  return names(before.substr(start));
}

std::optional<std::vector<std::string>> Completer::argument(std::string_view command, std::string_view before,
                                                            size_t& start) const {
  size_t last = before.find_last_of(" \t");
  std::string_view word = before.substr(last + 1);
  if (command == ":load" || command == ":record" || command == ":l" || command == ":r") {
    start = last + 1;
    return fileNames(word);
  }
  if (command == ":explain" || command == ":ex") {
    start = last + 1;
    Matches matches(word);
    for (const auto& c : program_.clauses) matches.offer(c.id);
    return matches.sorted();
  }
  if (command == ":set" || command == ":unset") {
    start = nameStart(before);
    Matches matches(before.substr(start));
    for (const auto& p : symbols_.params) matches.offer(p.name);
    return matches.sorted();
  }
  return std::nullopt;
}

std::vector<std::string> Completer::names(std::string_view prefix) const {
  if (prefix.empty()) return {};
  Matches matches(prefix);
  for (const auto& k : keywords()) matches.offer(k);
  for (const auto& b : builtins()) {
    matches.offer(b.chinese);
    matches.offer(b.english);
  }
  for (const auto& u : symbols_.units.unitNames()) matches.offer(u);
  for (const auto& e : symbols_.enums) {
    matches.offer(e.name);
    for (const auto& v : e.values) matches.offer(v);
  }
  for (const auto& r : symbols_.records) {
    matches.offer(r.name);
    for (const auto& f : r.fields) matches.offer(f.name);
  }
  for (const auto& p : symbols_.params) matches.offer(p.name);
  for (const auto& b : symbols_.beneficiaries) matches.offer(b.name);
  return matches.sorted();
}

}  // namespace zc::repl
