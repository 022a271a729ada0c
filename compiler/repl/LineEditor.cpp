#include "repl/LineEditor.h"

#include <histedit.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cwchar>

#include "repl/InputScanner.h"
#include "source/Utf8.h"

namespace zc::repl {

namespace {

volatile sig_atomic_t interrupted = 0;

void onInterrupt(int) { interrupted = 1; }

// Prints the candidates in columns under the line being edited.
void listCandidates(const std::vector<std::string>& candidates) {
  size_t width = 0;
  for (const auto& c : candidates) width = std::max<size_t>(width, displayWidth(c));
  winsize size{};
  size_t columns = ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
  size_t perLine = std::max<size_t>(1, columns / (width + 2));
  std::string out = "\n";
  for (size_t i = 0; i < candidates.size(); ++i) {
    out += candidates[i];
    bool last = (i + 1) % perLine == 0 || i + 1 == candidates.size();
    out += last ? "\n" : std::string(width + 2 - displayWidth(candidates[i]), ' ');
  }
  fputs(out.c_str(), stdout);
  fflush(stdout);
}

}  // namespace

LineEditor::LineEditor(const char* program, std::string historyFile, Completer completer)
    : historyFile_(std::move(historyFile)), completer_(std::move(completer)) {
  // Ctrl-C abandons the line being typed: the read is interrupted (no
  // SA_RESTART) and readChar reports it.
  struct sigaction action{};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);

  el_ = el_init(program, stdin, stdout, stderr);
  el_set(el_, EL_CLIENTDATA, this);
  el_set(el_, EL_PROMPT, &LineEditor::promptOf);
  el_set(el_, EL_EDITOR, "emacs");
  el_set(el_, EL_GETCFN, &LineEditor::readChar);

  HistEvent event;
  history_ = history_init();
  history(history_, &event, H_SETSIZE, 1000);
  history(history_, &event, H_SETUNIQUE, 1);
  if (!historyFile_.empty()) history(history_, &event, H_LOAD, historyFile_.c_str());
  el_set(el_, EL_HIST, history, history_);

  el_set(el_, EL_ADDFN, "zc-complete", "complete a keyword, command or name", &LineEditor::completeWord);
  el_set(el_, EL_BIND, "^I", "zc-complete", nullptr);
  el_source(el_, nullptr);  // the user's ~/.editrc, if any
}

LineEditor::~LineEditor() {
  HistEvent event;
  if (!historyFile_.empty()) history(history_, &event, H_SAVE, historyFile_.c_str());
  history_end(history_);
  el_end(el_);
  signal(SIGINT, SIG_DFL);
}

LineEditor::Status LineEditor::readLine(const std::string& prompt, std::string& line) {
  prompt_ = prompt;
  interrupted = 0;
  el_resize(el_);  // the terminal may have changed size since the last line
  int count = 0;
  const char* text = el_gets(el_, &count);
  if (interrupted) {
    interrupted = 0;
    fputs("^C\n", stdout);
    fflush(stdout);
    return Status::Interrupted;
  }
  if (text == nullptr || count <= 0) return Status::End;
  line.assign(text, static_cast<size_t>(count));
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return Status::Line;
}

void LineEditor::remember(const std::string& entry) {
  if (entry.empty()) return;
  HistEvent event;
  history(history_, &event, H_ENTER, entry.c_str());
  if (!historyFile_.empty()) history(history_, &event, H_SAVE, historyFile_.c_str());
}

char* LineEditor::promptOf(EditLine* el) {
  LineEditor* self = nullptr;
  el_get(el, EL_CLIENTDATA, &self);
  return self->prompt_.data();
}

// Reads one character, UTF-8 decoded. Ctrl-C (a read interrupted while the
// flag is set) ends the line with an error, which el_gets reports as no line.
int LineEditor::readChar(EditLine* el, wchar_t* out) {
  static mbstate_t state{};
  for (;;) {
    char byte;
    ssize_t n = read(STDIN_FILENO, &byte, 1);
    if (n == 0) return 0;
    if (n < 0) {
      if (errno == EINTR && !interrupted) continue;
      return -1;
    }
    size_t r = mbrtowc(out, &byte, 1, &state);
    if (r == static_cast<size_t>(-2)) continue;  // more bytes of this character to come
    if (r == static_cast<size_t>(-1)) {          // not valid here: take the byte as it is
      state = mbstate_t{};
      *out = static_cast<unsigned char>(byte);
    }
    return 1;
  }
}

unsigned char LineEditor::completeWord(EditLine* el, int) {
  LineEditor* self = nullptr;
  el_get(el, EL_CLIENTDATA, &self);
  const LineInfo* info = el_line(el);
  std::string before(info->buffer, static_cast<size_t>(info->cursor - info->buffer));
  size_t start = before.size();
  std::vector<std::string> candidates = self->completer_(before, start);
  std::string word = before.substr(std::min(start, before.size()));
  if (candidates.empty()) return CC_REFRESH_BEEP;
  if (candidates.size() == 1) {
    std::string rest = candidates.front().substr(word.size());
    // A command takes its argument after a space.
    if (!word.empty() && word.front() == ':') rest += " ";
    if (rest.empty()) return CC_REFRESH_BEEP;
    el_insertstr(el, rest.c_str());
    return CC_REFRESH;
  }
  std::string common = commonPrefix(candidates);
  if (common.size() > word.size()) {
    el_insertstr(el, common.substr(word.size()).c_str());
    return CC_REFRESH;
  }
  listCandidates(candidates);
  return CC_REDISPLAY;
}

}  // namespace zc::repl
