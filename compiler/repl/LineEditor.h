// A thin wrapper over libedit for the terminal: one prompt, one line; history
// kept in a file; Tab asks a completer. Only used when standard input is a
// terminal.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

typedef struct editline EditLine;
typedef struct history History;

namespace zc::repl {

class LineEditor {
 public:
  // Candidates for the end of `before` (the text left of the cursor), all
  // starting with the word that begins at `start`.
  using Completer = std::function<std::vector<std::string>(std::string_view before, size_t& start)>;

  LineEditor(const char* program, std::string historyFile, Completer completer);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  enum class Status { Line, Interrupted, End };
  // Reads one line (without its newline) after the prompt. Interrupted on
  // Ctrl-C, End on Ctrl-D at an empty line.
  Status readLine(const std::string& prompt, std::string& line);
  // Adds an entry to the history and saves the history file.
  void remember(const std::string& entry);

 private:
  static char* promptOf(EditLine* el);
  static unsigned char completeWord(EditLine* el, int key);
  static int readChar(EditLine* el, wchar_t* out);

  EditLine* el_ = nullptr;
  History* history_ = nullptr;
  std::string prompt_;
  std::string historyFile_;
  Completer completer_;
};

}  // namespace zc::repl
