// The :commands of the REPL, as one table: :help lists it, a command name
// (or a prefix of only one) is looked up in it, and Tab completes from it.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace zc::repl {

class ReplSession;
struct Reply;

// One line of :help: how a command is written and what it does.
struct CommandUsage {
  std::string_view hint;  // the argument ("FILE"), empty for none
  std::string_view help;
};

struct Command {
  std::string_view name;  // ":load"
  // Its lines in :help: one for most; two when it does something else
  // without its argument (:record); none when another's line tells of it (:unset).
  std::vector<CommandUsage> usages;
  // Runs it with the text after its name, trimmed, on session line `line`.
  Reply (ReplSession::*run)(std::string_view argument, int line);
};

// Every command, in the order :help lists them.
std::span<const Command> commands();

}  // namespace zc::repl
