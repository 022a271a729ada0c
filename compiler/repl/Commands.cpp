// The :commands: their table, how a name finds its command, :help, and what
// each command does (members of ReplSession, which holds what they change).
#include "repl/Commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/ParamOverride.h"
#include "engine/RankSettings.h"
#include "engine/ResultText.h"
#include "interp/Explanation.h"
#include "interp/Interpreter.h"
#include "ir/IrQueries.h"
#include "repl/InputScanner.h"
#include "repl/Plural.h"
#include "repl/ReplSession.h"
#include "zc/json_reader.h"

namespace zc::repl {

namespace fs = std::filesystem;

std::span<const Command> commands() {
  static const std::vector<Command> table = {
      {":load",
       {{"FILE", "load a ruleset with its imports (replaces the session's declarations)"}},
       &ReplSession::load},
      {":type", {{"EXPR", "the type and unit of an expression"}}, &ReplSession::typeOf},
      {":record",
       {{"JSON | FILE", "set the current record; its fields can be used in expressions"},
        {"", "show the current record"}},
       &ReplSession::record},
      {":eval", {{"", "evaluate every clause for the current record"}}, &ReplSession::evalRecord},
      {":explain",
       {{"[CLAUSE]", "why the clause fired or not, with the numbers (all clauses without one)"}},
       &ReplSession::explain},
      {":set",
       {{"NAME=VALUE", "override a parameter (:set alone lists them, :unset NAME restores one)"}},
       &ReplSession::set},
      {":unset", {}, &ReplSession::unsetParam},  // :set's line tells of it
      {":reset", {{"", "start a fresh session"}}, &ReplSession::reset},
      {":help", {{"", "this text"}}, &ReplSession::help},
      {":quit", {{"", "leave (so does Ctrl-D)"}}, &ReplSession::quit},
  };
  return table;
}

namespace {

// The command `name` stands for: its full name, or the start of no other
// command's (:t, :ex, :q). Null when there is none, with `error` saying why.
const Command* findCommand(std::string_view name, std::string& error) {
  std::vector<const Command*> matches;
  for (const Command& c : commands()) {
    if (c.name == name) return &c;
    if (c.name.starts_with(name)) matches.push_back(&c);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    std::vector<std::string> names;
    for (const Command& c : commands()) names.emplace_back(c.name);
    std::string near = closestName(name, names);
    error = fmt::format("error: unknown command {}{}; :help lists them\n", name,
                        near.empty() ? "" : fmt::format(" (did you mean {}?)", near));
  } else {
    std::string all;
    for (const Command* m : matches) all += fmt::format("{}{}", all.empty() ? "" : ", ", m->name);
    error = fmt::format("error: {} could be {}\n", name, all);
  }
  return nullptr;
}

// A line of :help: what is typed, then what it does, in a column wide
// enough for the longest (:record JSON | FILE).
std::string helpLine(std::string_view usage, std::string_view help) { return fmt::format("  {:<21}{}\n", usage, help); }

std::string helpText() {
  std::string text = R"(zc repl — try a formula before you write it into a clause.
std/units.zc and std/policy.zc are already imported: 元 角 分 千元 万元 百万元 亿元, 美元 万美元 亿美元,
平方米 亩 公顷 平方公里, 年 月, and the beneficiaries 企业 and 园区.

)";
  text += helpLine("EXPR", "evaluate: 200 元/平方米 × 1500 平方米  →  300000 元 (30 万元)");
  text += helpLine("DECLARATION", "单位, 枚举, 记录, 参数, 受益方, 政策 … are kept for the session");
  for (const Command& c : commands())
    for (const CommandUsage& usage : c.usages)
      text += helpLine(usage.hint.empty() ? std::string(c.name) : fmt::format("{} {}", c.name, usage.hint), usage.help);
  return text + R"(
An input goes on to the next line while a bracket is open or the line ends in an operator
(+ - × / = , => 且 或 …); an empty line ends it. Tab completes keywords, commands and names.
)";
}

}  // namespace

Reply ReplSession::command(std::string_view text, int line) {
  size_t space = text.find_first_of(" \t");
  std::string_view name = text.substr(0, space);
  std::string_view argument = space == std::string_view::npos ? std::string_view{} : trim(text.substr(space));
  Reply reply;
  const Command* command = findCommand(name, reply.err);
  if (command == nullptr) {
    reply.error = true;
    return reply;
  }
  return (this->*command->run)(argument, line);
}

Reply ReplSession::load(std::string_view file, int) {
  std::string path(file);
  Reply reply;
  std::error_code ec;
  if (path.empty()) {
    reply.err = "error: :load takes a ruleset file: :load rules.zc\n";
  } else if (!fs::is_regular_file(path, ec)) {
    reply.err = fmt::format("error: cannot read {}\n", path);
  }
  if (!reply.err.empty()) {
    reply.error = true;
    return reply;
  }
  FileId firstNew = static_cast<FileId>(sources_.size());
  auto fresh = freshState(&path);
  reply.err = renderSince(firstNew);
  if (!fresh) {
    size_t n = diags_.errorCount();
    reply.err += fmt::format("{}; the session is unchanged\n", plural(n, "error", "errors"));
    reply.error = true;
    return reply;
  }
  state_ = std::move(*fresh);
  const frontend::Workspace& ws = *state_.workspace;
  const ir::Program& p = program();
  std::string what;
  if (p.policies.empty())
    what = "no policy";
  else
    what = fmt::format("{}, {}", plural(p.policies.size(), "policy", "policies"),
                       plural(p.clauses.size(), "clause", "clauses"));
  size_t rules = std::count_if(p.steps.begin(), p.steps.end(), [](const ir::Step& step) {
    return step.kind == ir::StepKind::Highest || step.kind == ir::StepKind::Cap;
  });
  if (rules > 0) what += ", " + plural(rules, "rule", "rules");
  if (ws.record() >= 0) {
    const sema::RecordInfo& record = symbols().records[ws.record()];
    what += fmt::format(" for {} ({})", record.name, plural(record.fields.size(), "field", "fields"));
  }
  if (!p.params.empty()) what += ", " + plural(p.params.size(), "parameter", "parameters");
  reply.out = fmt::format("loaded {}: {}\n", path, what);
  reply.err += refit();
  return reply;
}

Reply ReplSession::typeOf(std::string_view text, int line) {
  Reply reply;
  if (text.empty()) {
    reply.err = "error: :type takes an expression: :type 200 元/平方米 × 1 亩\n";
    reply.error = true;
    return reply;
  }
  FileId file;
  auto parsed = parseInput(text, line, file, reply);
  if (!parsed) return reply;
  if (!parsed->expr) {
    reply.err = "error: :type takes an expression, not a declaration\n";
    reply.error = true;
    return reply;
  }
  ExpressionScope scope = expressionScope();
  if (auto checked = checkExpression(*parsed->expr, file, reply)) reply.out = symbols().typeName(checked->type) + "\n";
  return reply;
}

Reply ReplSession::record(std::string_view argument, int line) {
  return argument.empty() ? showRecord() : setRecord(argument, line);
}

Reply ReplSession::setRecord(std::string_view argument, int line) {
  Reply reply;
  const frontend::Workspace& ws = *state_.workspace;
  if (ws.record() < 0) {
    reply.err =
        "error: there is no record type to read a record as: :load a ruleset, or declare a policy (or one 记录 "
        "with a 键 field)\n";
    reply.error = true;
    return reply;
  }
  std::string json, source;
  if (argument.front() == '{') {
    json = std::string(argument);
    source = fmt::format("<repl:{}>", line);
  } else {
    source = std::string(argument);
    std::error_code ec;
    std::ifstream in(source, std::ios::binary);
    if (!in || fs::is_directory(source, ec)) {
      reply.err = fmt::format("error: cannot read {}\n", source);
      reply.error = true;
      return reply;
    }
    std::ostringstream text;
    text << in.rdbuf();
    json = text.str();
  }
  rt::JsonRecordReader reader(program().schema);
  rt::Record record;
  rt::DecodeOutcome outcome = reader.decode(json, record);
  for (const auto& field : outcome.unknownFields)
    reply.err += fmt::format("{}: warning: unknown field '{}' is ignored\n", source, field);
  if (!outcome.ok) {
    reply.err +=
        fmt::format("{}: record{}: {}\n", source, outcome.id.empty() ? "" : " " + outcome.id, outcome.describe());
    reply.error = true;
    return reply;
  }
  record_ = std::move(record);
  recordJson_ = std::move(json);
  recordSource_ = std::move(source);
  reply.out = fmt::format("record {} ({})\n", record_->id, symbols().records[ws.record()].name);
  return reply;
}

Reply ReplSession::showRecord() const {
  Reply reply;
  if (!record_) {
    reply.out = "no current record: set one with :record JSON or :record FILE\n";
    return reply;
  }
  const sema::RecordInfo& record = symbols().records[state_.workspace->record()];
  reply.out = fmt::format("record {} ({})\n", record_->id, record.name);
  for (size_t f = 0; f < record.fields.size(); ++f)
    reply.out += fmt::format("  {} = {}\n", record.fields[f].name,
                             formatter().formatField(record.fields[f], record_->fields[f]));
  return reply;
}

std::optional<Evaluation> ReplSession::evaluateRecord(bool trace, Reply& reply) {
  evaluator_ = interpreter();
  Evaluation evaluation = evaluator_->evaluate(*record_, trace);
  if (!evaluation.error) return evaluation;
  reply.err = fmt::format("{}: record {}: {}\n", recordSource_, record_->id,
                          rt::formatEvalError(evaluator_->resultTable(), *evaluation.error));
  reply.error = true;
  return std::nullopt;
}

Reply ReplSession::evalRecord(std::string_view, int) {
  Reply reply;
  if (program().clauses.empty()) {
    reply.err = "error: there is no clause to evaluate: :load a ruleset or declare a policy\n";
    reply.error = true;
    return reply;
  }
  if (!needsRecord(reply)) return reply;
  std::optional<Evaluation> evaluation = evaluateRecord(false, reply);
  if (!evaluation) return reply;
  reply.out = renderAwards(*evaluation->result);
  reply.err = poolNotes(program(), *evaluation->result) + rankNotes(program(), *record_);
  return reply;
}

Reply ReplSession::explain(std::string_view clause, int) {
  Reply reply;
  const ir::Program& p = program();
  int index = -1;
  if (!clause.empty()) {
    std::vector<std::string> ids;
    for (size_t c = 0; c < p.clauses.size(); ++c) {
      ids.push_back(p.clauses[c].id);
      if (p.clauses[c].id == clause) index = static_cast<int>(c);
    }
    if (index < 0) {
      std::string near = closestName(clause, ids);
      reply.err = fmt::format("error: there is no clause '{}'{}\n", clause,
                              near.empty() ? "" : fmt::format(" (did you mean {}?)", near));
      reply.error = true;
      return reply;
    }
  } else if (p.clauses.empty()) {
    reply.err = "error: there is no clause to explain: :load a ruleset or declare a policy\n";
    reply.error = true;
    return reply;
  }
  if (!needsRecord(reply)) return reply;
  std::optional<Evaluation> evaluation = evaluateRecord(true, reply);
  if (!evaluation) return reply;
  if (index >= 0) std::erase_if(evaluation->trace, [&](const ClauseTrace& t) { return t.clause != index; });
  reply.out = renderExplanation(sources_, p, *evaluation);
  return reply;
}

Reply ReplSession::set(std::string_view argument, int) { return argument.empty() ? listParams() : setParam(argument); }

Reply ReplSession::setParam(std::string_view assignment) {
  Reply reply;
  size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    reply.err = ":set takes NAME=VALUE (:set alone lists the parameters)\n";
    reply.error = true;
    return reply;
  }
  std::string name(trim(assignment.substr(0, eq)));
  std::string value(trim(assignment.substr(eq + 1)));
  // The value is in the parameter's unit, which may be written after it.
  if (int i = symbols().findParam(name); i >= 0) {
    const std::string& unit = program().params[i].schema.unit;
    if (!unit.empty() && value.size() > unit.size() && value.ends_with(unit))
      value = std::string(trim(std::string_view(value).substr(0, value.size() - unit.size())));
  }
  int index;
  rt::Scalar scalar;
  std::string problem = parseParamOverride(program(), name + "=" + value, index, scalar);
  if (!problem.empty()) {
    if (problem.rfind("--param ", 0) == 0) problem = problem.substr(8);
    reply.err = "error: " + problem + "\n";
    reply.error = true;
    return reply;
  }
  auto same = std::find_if(overrides_.begin(), overrides_.end(), [&](const auto& o) { return o.first == name; });
  if (same != overrides_.end())
    same->second = value;
  else
    overrides_.push_back({name, value});
  reply.out = fmt::format("{} = {}\n", name, formatter().formatValue(symbols().params[index].type, scalar, false));
  return reply;
}

Reply ReplSession::listParams() const {
  Reply reply;
  const auto& params = symbols().params;
  if (params.empty()) reply.out = "no parameters\n";
  auto interp = interpreter();
  ValueFormatter format = formatter();
  for (size_t i = 0; i < params.size(); ++i) {
    std::string current = format.formatValue(params[i].type, interp->param(static_cast<int>(i)), false);
    std::string original = format.formatValue(params[i].type, params[i].value, false);
    const ir::Param& entry = program().params[i];
    reply.out +=
        fmt::format("{}{} = {}{}\n", params[i].name, entry.from ? fmt::format(" ({} 起)", ir::dateFrom(entry)) : "",
                    current, current == original ? "" : " (default " + original + ")");
  }
  return reply;
}

Reply ReplSession::unsetParam(std::string_view name, int) {
  Reply reply;
  int index = symbols().findParam(name);
  if (index < 0) {
    reply.err = fmt::format("error: there is no parameter '{}'\n", name);
    reply.error = true;
    return reply;
  }
  std::erase_if(overrides_, [&](const auto& o) { return o.first == name; });
  reply.out = fmt::format("{} = {}\n", symbols().params[index].name, declaredValue(index));
  return reply;
}

Reply ReplSession::reset(std::string_view, int) {
  auto fresh = freshState(nullptr);
  Reply reply;
  if (!fresh) {
    reply.err = renderSince(0);
    reply.error = true;
    return reply;
  }
  state_ = std::move(*fresh);
  record_.reset();
  recordJson_.clear();
  recordSource_.clear();
  overrides_.clear();
  reply.out = "a fresh session: std/units.zc and std/policy.zc imported\n";
  return reply;
}

Reply ReplSession::help(std::string_view, int) { return {.out = helpText()}; }

Reply ReplSession::quit(std::string_view, int) { return {.quit = true}; }

}  // namespace zc::repl
