// zc repl: the interactive session on a terminal, or a script of inputs read
// from standard input (no prompt, no escape codes, one result per input).
#pragma once

#include <string>

namespace zc {

// Loads `file` first when it is not empty; with `verifyIr`, checks every
// program with ir::verify (a release build's front end skips it). Returns 0,
// or 1 when standard input is not a terminal and some input failed.
int runRepl(const std::string& file, bool verifyIr);

}  // namespace zc
