// The loop of zc repl: gathers lines into complete inputs, hands them to the
// session, prints the replies.
#include <fmt/format.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "diag/TerminalColor.h"
#include "repl/InputScanner.h"
#include "repl/LineEditor.h"
#include "repl/Repl.h"
#include "repl/ReplSession.h"

namespace zc {

namespace {

bool blankLine(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

}  // namespace

int runRepl(const std::string& file, bool verifyIr) {
  std::setlocale(LC_CTYPE, "");
  bool interactive = isatty(STDIN_FILENO) != 0;
  repl::ReplSession session({.verifyIr = verifyIr});
  session.setColor(interactive && wantsColor(STDERR_FILENO));
  bool anyError = false;
  auto show = [&](const repl::Reply& reply) {
    std::fflush(stdout);
    if (!reply.err.empty()) {
      std::fputs(reply.err.c_str(), stderr);
      std::fflush(stderr);
    }
    if (!reply.out.empty()) std::fputs(reply.out.c_str(), stdout);
    std::fflush(stdout);
    anyError = anyError || reply.error;
  };
  if (!session.startupMessage().empty()) std::fputs(session.startupMessage().c_str(), stderr);

  std::unique_ptr<repl::LineEditor> editor;
  if (interactive) {
    const char* home = std::getenv("HOME");
    std::string history = home != nullptr && *home != '\0' ? std::string(home) + "/.zc_history" : "";
    editor = std::make_unique<repl::LineEditor>(
        "zc", history, [&session](std::string_view before, size_t& start) { return session.complete(before, start); });
    fmt::print("zc repl — Zhengce {}. :help for help, Ctrl-D to leave.\n", "0.1.0");
    std::fflush(stdout);
  }
  if (!file.empty()) {
    repl::Reply reply = session.process(":load " + file, 0);
    show(reply);
  }

  std::string pending;  // the input gathered so far
  int firstLine = 0;    // the session line it starts on
  int line = 0;
  for (;;) {
    std::string text;
    bool end = false;
    if (editor) {
      auto status = editor->readLine(pending.empty() ? "zc> " : "... ", text);
      if (status == repl::LineEditor::Status::Interrupted) {
        pending.clear();
        continue;
      }
      end = status == repl::LineEditor::Status::End;
    } else {
      end = !std::getline(std::cin, text);
      if (!end && !text.empty() && text.back() == '\r') text.pop_back();
    }
    if (end) {
      if (!pending.empty()) show(session.process(pending, firstLine));
      if (editor) std::fputs("\n", stdout);
      break;
    }
    ++line;
    bool endsInput = false;
    if (pending.empty()) {
      if (blankLine(text)) continue;
      pending = text;
      firstLine = line;
    } else if (blankLine(text)) {
      endsInput = true;  // an empty line ends an input that would go on
    } else {
      pending += "\n" + text;
    }
    if (!endsInput && repl::commandText(pending).empty() && repl::needsContinuation(pending)) continue;
    if (editor) editor->remember(repl::historyLine(pending));
    repl::Reply reply = session.process(pending, firstLine);
    pending.clear();
    show(reply);
    if (reply.quit) break;
  }
  return !interactive && anyError ? 1 : 0;
}

}  // namespace zc
