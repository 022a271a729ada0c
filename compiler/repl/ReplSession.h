// One REPL session: the declarations kept so far, the checked ruleset they
// make, the current record and the parameter overrides. It turns one complete
// input (an expression, declarations or a :command) into the text to show;
// it never reads the terminal, so tests drive it directly.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ast/Ast.h"
#include "diag/Diagnostic.h"
#include "frontend/Workspace.h"
#include "interp/Interpreter.h"
#include "parse/Parser.h"
#include "repl/Commands.h"
#include "repl/ValueFormatter.h"
#include "zc/record.h"

namespace zc::repl {

struct SessionOptions {
  // Verify each program with ir::verify in a release build too (zc repl
  // --verify-ir): a problem fails the input as an internal error.
  bool verifyIr = false;
};

struct Reply {
  std::string out;     // results: standard output
  std::string err;     // diagnostics, warnings and errors: standard error
  bool error = false;  // the input failed (nothing of it was kept)
  bool quit = false;   // :quit
};

class ReplSession {
 public:
  explicit ReplSession(SessionOptions options = {});
  ~ReplSession();
  ReplSession(const ReplSession&) = delete;
  ReplSession& operator=(const ReplSession&) = delete;

  // Diagnostics in colour (for a terminal).
  void setColor(bool color) { color_ = color; }

  // One complete input, which starts on line `line` of the session: its
  // source name is <repl:line>.
  Reply process(std::string_view input, int line);

  // Tab completions for the end of `before`, the text left of the cursor
  // (see Completer); `start` is set to where the word they replace begins.
  std::vector<std::string> complete(std::string_view before, size_t& start) const;

  // Errors from starting the session (no standard library), to show first.
  const std::string& startupMessage() const { return startup_; }

  // How many programs the front end has verified for the session: each
  // ruleset it builds (a declaration, :load, :reset) and each expression
  // tried. None in a release build unless options.verifyIr.
  size_t verifiedPrograms() const { return verified_; }

 private:
  // What the declarations of the session are: rebuilt, checked from scratch,
  // for every input that declares something, and replaced only when clean.
  struct State {
    std::vector<const ast::Module*> modules;         // in order: imports first
    std::set<std::string> paths;                     // canonical paths of the files among them
    std::unique_ptr<frontend::Workspace> workspace;  // its record() is what expressions read and :record decodes
    std::string loadedFile;                          // what :load named, if anything
  };

  // An expression input, checked over the current record. A record field
  // named by itself is not checked as a value: it shows as it is, optional
  // (无 when absent) and lists too.
  struct CheckedExpr {
    sema::Type type;
    ir::ValueId value = ir::kNoValue;  // what computes it; none for a field by itself
    int field = -1;                    // the record field it names by itself
  };

  Reply evaluateInput(std::string_view text, int line);
  // Adds an input as the source <repl:line> (`file`) and parses it; nothing,
  // with the syntax errors in `reply`, when it does not parse.
  std::optional<ReplParse> parseInput(std::string_view text, int line, FileId& file, Reply& reply);
  // Nothing, with the errors in `reply`, when the expression does not check.
  // The IR an expression input adds lives until this is destroyed: a tried
  // formula leaves nothing behind in the session's program.
  struct ExpressionScope {
    frontend::Workspace& workspace;
    ir::IrBuilder::Mark mark;
    ~ExpressionScope() { workspace.rollback(mark); }
  };
  ExpressionScope expressionScope() { return {*state_.workspace, state_.workspace->mark()}; }
  std::optional<CheckedExpr> checkExpression(const ast::Expr& expr, FileId file, Reply& reply);
  // The current record evaluated, or nothing with the error in reply.
  std::optional<Evaluation> evaluateRecord(bool trace, Reply& reply);
  Reply expression(const ast::Expr& expr, FileId file);
  Reply declarations(ast::Module module, FileId firstNew);
  // What an input declared, a line each; `before` holds the files the session had.
  std::string summary(const ast::Module& module, const std::set<std::string>& before) const;

  // The :commands, in Commands.cpp. Each is run from the table with the
  // text after its name and the session line it is on.
  friend std::span<const Command> commands();
  Reply command(std::string_view text, int line);
  Reply load(std::string_view file, int line);
  Reply typeOf(std::string_view text, int line);
  Reply record(std::string_view argument, int line);  // without an argument, shows the record
  Reply setRecord(std::string_view argument, int line);
  Reply showRecord() const;
  Reply evalRecord(std::string_view, int line);
  Reply explain(std::string_view clause, int line);
  Reply set(std::string_view assignment, int line);  // without an argument, lists the parameters
  Reply setParam(std::string_view assignment);
  Reply listParams() const;
  Reply unsetParam(std::string_view name, int line);
  Reply reset(std::string_view, int line);
  Reply help(std::string_view, int line);
  Reply quit(std::string_view, int line);

  // A fresh state: the prelude (std/units.zc, std/policy.zc) and, when given,
  // a ruleset file. Diagnostics are left in diags_.
  std::optional<State> freshState(const std::string* file);
  // The modules checked, lowered and verified by the front end; failed()
  // says whether they checked (the errors are in diags_ and irProblems_).
  std::unique_ptr<frontend::Workspace> build(const std::vector<const ast::Module*>& modules);
  // After the declarations changed: decode the record again, check the overrides.
  std::string refit();
  std::string renderSince(FileId firstNew) const;
  // An interpreter for the program with the :set overrides applied.
  std::unique_ptr<Interpreter> interpreter() const;
  bool needsRecord(Reply& reply) const;

  const sema::Symbols& symbols() const { return state_.workspace->ruleset().symbols; }
  const ir::Program& program() const { return state_.workspace->program(); }
  // Whether the input at hand failed: a diagnostic, or (a lowering bug) the IR's verification.
  bool failed() const { return diags_.hasErrors() || !irProblems_.empty(); }
  ValueFormatter formatter() const { return ValueFormatter(symbols()); }
  // A parameter's declared value: 7.1 元/美元, or 按日期 {2023-01-01 => 6.9 元/美元, …}.
  std::string declaredValue(int param) const;

  SourceManager sources_;
  Diagnostics diags_;
  SessionOptions options_;
  // What ir::verify found wrong with the input at hand, shown after its diagnostics.
  std::vector<std::string> irProblems_;
  size_t verified_ = 0;
  std::vector<std::unique_ptr<ast::Module>> store_;  // every module ever kept; states point into it
  State state_;
  std::optional<rt::Record> record_;
  // The interpreter of the last :eval or :explain: its result's clause names
  // are views into the interpreter's result table, so it lives until the next.
  std::unique_ptr<Interpreter> evaluator_;
  std::string recordJson_;    // what set the record, to decode it again after a change
  std::string recordSource_;  // where it came from, for messages: a file or <repl:N>
  std::vector<std::pair<std::string, std::string>> overrides_;  // :set NAME=VALUE, in order
  bool color_ = false;
  std::string startup_;
};

}  // namespace zc::repl
