#include "repl/ReplSession.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "driver/Explain.h"
#include "driver/ModuleLoader.h"
#include "driver/Ruleset.h"
#include "interp/Interpreter.h"
#include "ir/IrQueries.h"
#include "parse/Parser.h"
#include "repl/InputScanner.h"
#include "sema/Builtins.h"
#include "zc/json_reader.h"

namespace zc::repl {

namespace fs = std::filesystem;

namespace {

const char* kPrelude = "导入 \"std/units.zc\";\n导入 \"std/policy.zc\";\n";

const std::vector<std::string>& commandNames() {
  static const std::vector<std::string> names = {":load", ":type",  ":record", ":eval", ":explain",
                                                 ":set",  ":unset", ":reset",  ":help", ":quit"};
  return names;
}

std::string_view trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The path a loaded module came from, as the loader names it ("std/…" for
// the standard library), made canonical so a file is kept once.
std::string canonicalOf(const std::string& display) {
  fs::path path = display.rfind("std/", 0) == 0 ? ModuleLoader::stdlibDirectory() / display.substr(4) : fs::path(display);
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return (ec ? path : canonical).string();
}

std::string plural(size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

}  // namespace

ReplSession::ReplSession() {
  if (auto fresh = freshState(nullptr)) {
    state_ = std::move(*fresh);
  } else {
    // No standard library: go on with an empty ruleset and say why.
    startup_ = renderSince(0);
    State empty;
    empty.workspace = build({});
    state_ = std::move(empty);
  }
  diags_.clear();
}

ReplSession::~ReplSession() = default;

std::string ReplSession::help() {
  return R"(zc repl — try a formula before you write it into a clause.
std/units.zc and std/policy.zc are already imported: 元 角 分 千元 万元 百万元 亿元, 美元 万美元 亿美元,
平方米 亩 公顷 平方公里, 年 月, and the beneficiaries 企业 and 园区.

  EXPR                 evaluate: 200 元/平方米 × 1500 平方米  →  300000 元 (30 万元)
  DECLARATION          单位, 枚举, 记录, 参数, 受益方, 政策 … are kept for the session
  :load FILE           load a ruleset with its imports (replaces the session's declarations)
  :type EXPR           the type and unit of an expression
  :record JSON | FILE  set the current record; its fields can be used in expressions
  :record              show the current record
  :eval                evaluate every clause for the current record
  :explain [CLAUSE]    why the clause fired or not, with the numbers (all clauses without one)
  :set NAME=VALUE      override a parameter (:set alone lists them, :unset NAME restores one)
  :reset               start a fresh session
  :help                this text
  :quit                leave (so does Ctrl-D)

An input goes on to the next line while a bracket is open or the line ends in an operator
(+ - × / = , => 且 或 …); an empty line ends it. Tab completes keywords, commands and names.
)";
}

// ---------------------------------------------------------------------------
// Inputs

Reply ReplSession::process(std::string_view input, int line) {
  diags_.clear();
  if (isBlank(input)) return {};
  std::string_view text = trim(input);
  Reply reply = text.front() == ':' ? command(text, line) : evaluateInput(input, line);
  diags_.clear();
  return reply;
}

Reply ReplSession::evaluateInput(std::string_view text, int line) {
  Reply reply;
  FileId firstNew = static_cast<FileId>(sources_.size());
  FileId file = sources_.add(fmt::format("<repl:{}>", line), std::string(text));
  auto parsed = parseReplInput(sources_, file, diags_);
  if (!parsed) {
    reply.err = renderSince(firstNew);
    reply.error = true;
    return reply;
  }
  if (parsed->expr) return expression(*parsed->expr);
  return declarations(std::move(parsed->module), firstNew);
}

Reply ReplSession::expression(const ast::Expr& expr) {
  Reply reply;
  Workspace& ws = *state_.workspace;
  // A field by itself shows as it is, optional (无 when absent) and lists too.
  if (expr.kind == ast::ExprKind::Name && ws.record >= 0) {
    const sema::RecordInfo& record = symbols().records[ws.record];
    if (int f = record.find(expr.name.text); f >= 0) {
      if (!needsRecord(reply)) return reply;
      reply.out = formatter().formatField(record.fields[f], record_->fields[f]) + "\n";
      return reply;
    }
  }
  Typed typed = ws.checker.checkStandalone(expr, ws.record);
  reply.err = renderSince(0);
  if (diags_.hasErrors() || typed.error()) {
    reply.error = true;
    return reply;
  }
  if (typed.value == ir::kNoValue) {
    reply.err += "error: this is not a single value: a list is summed (求和), counted (个数) or tested with 属于\n";
    reply.error = true;
    return reply;
  }
  if (ir::readsRecord(program(), typed.value) && !needsRecord(reply)) return reply;
  auto interp = interpreter();
  Interpreter::Value value;
  if (auto error = interp->evaluateValue(record_ ? &*record_ : nullptr, typed.value, value)) {
    reply.err += "error: " + formatEvalError(sources_, *error) + "\n";
    reply.error = true;
    return reply;
  }
  rt::Scalar scalar{value.i, value.d, std::string(value.text)};
  reply.out = formatter().formatValue(typed.type, scalar, true) + "\n";
  return reply;
}

Reply ReplSession::declarations(ast::Module module, FileId firstNew) {
  Reply reply;
  auto owned = std::make_unique<ast::Module>(std::move(module));
  std::vector<std::unique_ptr<ast::Module>> imported;
  std::set<std::string> paths = state_.paths;
  if (!owned->imports.empty()) {
    ModuleLoader loader(sources_, diags_);
    loader.loadImports(*owned);
    for (auto& m : loader.modules()) {
      if (!paths.insert(canonicalOf(sources_.file(m.file).path())).second) continue;  // already in the session
      imported.push_back(std::make_unique<ast::Module>(std::move(m)));
    }
  }
  if (diags_.hasErrors()) {
    reply.err = renderSince(firstNew);
    reply.error = true;
    return reply;
  }
  std::vector<const ast::Module*> modules = state_.modules;
  for (const auto& m : imported) modules.push_back(m.get());
  modules.push_back(owned.get());
  auto workspace = build(modules);
  reply.err = renderSince(firstNew);
  if (diags_.hasErrors()) {
    reply.error = true;
    return reply;
  }
  for (auto& m : imported) store_.push_back(std::move(m));
  store_.push_back(std::move(owned));
  std::set<std::string> before = std::move(state_.paths);
  state_.modules = std::move(modules);
  state_.paths = std::move(paths);
  state_.workspace = std::move(workspace);
  reply.out = summary(*store_.back(), before);
  reply.err += refit();
  return reply;
}

// ---------------------------------------------------------------------------
// The ruleset

std::optional<ReplSession::State> ReplSession::freshState(const std::string* file) {
  FileId preludeFile = sources_.add("<prelude>", kPrelude);
  auto prelude = parseModule(sources_, preludeFile, diags_);
  if (!prelude) return std::nullopt;
  ModuleLoader loader(sources_, diags_);
  loader.loadImports(*prelude);
  if (file != nullptr) loader.load(*file);
  if (diags_.hasErrors() || loader.failedToOpen()) return std::nullopt;
  State state;
  std::vector<std::unique_ptr<ast::Module>> owned;
  for (auto& m : loader.modules()) {
    if (!state.paths.insert(canonicalOf(sources_.file(m.file).path())).second) continue;
    owned.push_back(std::make_unique<ast::Module>(std::move(m)));
    state.modules.push_back(owned.back().get());
  }
  state.workspace = build(state.modules);
  if (diags_.hasErrors()) return std::nullopt;
  for (auto& m : owned) store_.push_back(std::move(m));
  if (file != nullptr) state.loadedFile = *file;
  return state;
}

std::unique_ptr<ReplSession::Workspace> ReplSession::build(const std::vector<const ast::Module*>& modules) {
  auto ws = std::make_unique<Workspace>(sources_, diags_);
  for (const auto* m : modules) ws->checker.declare(*m);
  for (const auto* m : modules) ws->checker.checkPolicies(*m);
  ws->checker.finish();
  for (const auto* m : modules) ws->checker.checkTests(*m);
  ws->record = ws->ruleset.record;
  if (ws->record < 0) {
    // No policy yet: a single record with a 键 field is the one to try formulas on.
    const auto& records = ws->ruleset.symbols.records;
    int keyed = -1, count = 0;
    for (size_t i = 0; i < records.size(); ++i)
      if (records[i].schema.keyField >= 0) keyed = static_cast<int>(i), ++count;
    if (count == 1) {
      ws->record = keyed;
      ws->ruleset.program.schema = records[keyed].schema;
    }
  }
  return ws;
}

std::string ReplSession::refit() {
  std::string notes;
  if (record_) {
    const Workspace& ws = *state_.workspace;
    if (ws.record < 0) {
      record_.reset();
      notes += "note: the current record is dropped: there is no record type now\n";
    } else {
      rt::JsonRecordReader reader(program().schema);
      rt::Record record;
      rt::DecodeOutcome outcome = reader.decode(recordJson_, record);
      if (outcome.ok) {
        record_ = std::move(record);
      } else {
        record_.reset();
        notes += fmt::format("note: the current record no longer fits {}: {}; set it again with :record\n",
                             symbols().records[ws.record].name, outcome.describe());
      }
    }
  }
  for (auto it = overrides_.begin(); it != overrides_.end();) {
    int index;
    rt::Scalar value;
    std::string problem = parseParamOverride(program(), it->first + "=" + it->second, index, value);
    if (problem.empty()) {
      ++it;
      continue;
    }
    notes += fmt::format("note: the override {}={} is dropped: {}\n", it->first, it->second, problem);
    it = overrides_.erase(it);
  }
  return notes;
}

std::string ReplSession::renderSince(FileId firstNew) const {
  Diagnostics shown;
  auto copy = [&](const Diagnostic& d) {
    Diagnostic& n = shown.report(d.kind, d.span, d.message);
    n.notes = d.notes;
    n.hint = d.hint;
  };
  for (const auto& d : diags_.all())
    if (d.span.file >= firstNew) copy(d);
  // An error elsewhere (it should not happen: kept files were clean) is shown too.
  if (diags_.hasErrors() && !shown.hasErrors())
    for (const auto& d : diags_.all())
      if (d.span.file < firstNew) copy(d);
  RenderOptions options;
  options.color = color_;
  return renderDiagnostics(sources_, shown, options);
}

std::unique_ptr<Interpreter> ReplSession::interpreter() const {
  auto interp = std::make_unique<Interpreter>(program());
  for (const auto& [name, text] : overrides_) {
    int index;
    rt::Scalar value;
    if (parseParamOverride(program(), name + "=" + text, index, value).empty()) interp->setParam(index, value);
  }
  return interp;
}

bool ReplSession::needsRecord(Reply& reply) const {
  if (record_) return true;
  reply.err += "error: there is no current record: set one with :record JSON or :record FILE\n";
  reply.error = true;
  return false;
}

// ---------------------------------------------------------------------------
// Commands

Reply ReplSession::command(std::string_view text, int line) {
  size_t space = text.find_first_of(" \t");
  std::string name(text.substr(0, space));
  std::string_view argument = space == std::string_view::npos ? std::string_view{} : trim(text.substr(space));
  // A command may be shortened while it stays unambiguous: :t, :ex, :q.
  std::vector<std::string> matches;
  for (const auto& c : commandNames()) {
    if (c == name) {
      matches = {c};
      break;
    }
    if (c.rfind(name, 0) == 0) matches.push_back(c);
  }
  if (matches.size() != 1) {
    Reply reply;
    reply.error = true;
    if (matches.empty()) {
      std::string near = closestName(name, commandNames());
      reply.err = fmt::format("error: unknown command {}{}; :help lists them\n", name,
                              near.empty() ? "" : fmt::format(" (did you mean {}?)", near));
    } else {
      std::string all;
      for (const auto& m : matches) all += (all.empty() ? "" : ", ") + m;
      reply.err = fmt::format("error: {} could be {}\n", name, all);
    }
    return reply;
  }
  const std::string& c = matches.front();
  if (c == ":quit") {
    Reply reply;
    reply.quit = true;
    return reply;
  }
  if (c == ":help") {
    Reply reply;
    reply.out = help();
    return reply;
  }
  if (c == ":load") return load(std::string(argument));
  if (c == ":type") return typeOf(argument, line);
  if (c == ":record") return argument.empty() ? showRecord() : setRecord(argument, line);
  if (c == ":eval") return evalRecord();
  if (c == ":explain") return explain(argument);
  if (c == ":set") return argument.empty() ? listParams() : setParam(argument);
  if (c == ":unset") return unsetParam(argument);
  // :reset
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

Reply ReplSession::load(const std::string& path) {
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
  const Workspace& ws = *state_.workspace;
  const ir::Program& p = program();
  std::string what;
  if (p.policies.empty()) what = "no policy";
  else what = fmt::format("{}, {}", plural(p.policies.size(), "policy", "policies"), plural(p.clauses.size(), "clause", "clauses"));
  if (ws.record >= 0) {
    const sema::RecordInfo& record = symbols().records[ws.record];
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
  FileId firstNew = static_cast<FileId>(sources_.size());
  FileId file = sources_.add(fmt::format("<repl:{}>", line), std::string(text));
  auto parsed = parseReplInput(sources_, file, diags_);
  if (!parsed || !parsed->expr) {
    reply.err = parsed ? "error: :type takes an expression, not a declaration\n" : renderSince(firstNew);
    reply.error = true;
    return reply;
  }
  Workspace& ws = *state_.workspace;
  const ast::Expr& expr = *parsed->expr;
  if (expr.kind == ast::ExprKind::Name && ws.record >= 0) {
    const sema::RecordInfo& record = symbols().records[ws.record];
    if (int f = record.find(expr.name.text); f >= 0) {
      reply.out = symbols().typeName(record.fields[f].type) + "\n";
      return reply;
    }
  }
  Typed typed = ws.checker.checkStandalone(expr, ws.record);
  reply.err = renderSince(firstNew);
  if (diags_.hasErrors() || typed.error()) {
    reply.error = true;
    return reply;
  }
  reply.out = symbols().typeName(typed.type) + "\n";
  return reply;
}

Reply ReplSession::setRecord(std::string_view argument, int line) {
  Reply reply;
  const Workspace& ws = *state_.workspace;
  if (ws.record < 0) {
    reply.err = "error: there is no record type to read a record as: :load a ruleset, or declare a policy (or one 记录 "
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
    reply.err += fmt::format("{}: record{}: {}\n", source, outcome.id.empty() ? "" : " " + outcome.id, outcome.describe());
    reply.error = true;
    return reply;
  }
  record_ = std::move(record);
  recordJson_ = std::move(json);
  recordSource_ = std::move(source);
  reply.out = fmt::format("record {} ({})\n", record_->id, symbols().records[ws.record].name);
  return reply;
}

Reply ReplSession::showRecord() const {
  Reply reply;
  if (!record_) {
    reply.out = "no current record: set one with :record JSON or :record FILE\n";
    return reply;
  }
  const sema::RecordInfo& record = symbols().records[state_.workspace->record];
  reply.out = fmt::format("record {} ({})\n", record_->id, record.name);
  for (size_t f = 0; f < record.fields.size(); ++f)
    reply.out += fmt::format("  {} = {}\n", record.fields[f].name, formatter().formatField(record.fields[f], record_->fields[f]));
  return reply;
}

Reply ReplSession::evalRecord() {
  Reply reply;
  if (program().clauses.empty()) {
    reply.err = "error: there is no clause to evaluate: :load a ruleset or declare a policy\n";
    reply.error = true;
    return reply;
  }
  if (!needsRecord(reply)) return reply;
  Evaluation evaluation = interpreter()->evaluate(*record_, false);
  if (evaluation.error) {
    reply.err = fmt::format("{}: record {}: {}\n", recordSource_, record_->id, formatEvalError(sources_, *evaluation.error));
    reply.error = true;
    return reply;
  }
  reply.out = renderAwards(*evaluation.result);
  return reply;
}

Reply ReplSession::explain(std::string_view clause) {
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
      reply.err = fmt::format("error: there is no clause '{}'{}\n", clause, near.empty() ? "" : fmt::format(" (did you mean {}?)", near));
      reply.error = true;
      return reply;
    }
  } else if (p.clauses.empty()) {
    reply.err = "error: there is no clause to explain: :load a ruleset or declare a policy\n";
    reply.error = true;
    return reply;
  }
  if (!needsRecord(reply)) return reply;
  Evaluation evaluation = interpreter()->evaluate(*record_, true);
  if (evaluation.error) {
    reply.err = fmt::format("{}: record {}: {}\n", recordSource_, record_->id, formatEvalError(sources_, *evaluation.error));
    reply.error = true;
    return reply;
  }
  if (index >= 0)
    std::erase_if(evaluation.trace, [&](const ClauseTrace& t) { return t.clause != index; });
  reply.out = renderExplanation(sources_, p, evaluation);
  return reply;
}

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
  if (same != overrides_.end()) same->second = value;
  else overrides_.push_back({name, value});
  reply.out = fmt::format("{} = {}\n", name, formatter().formatValue(symbols().params[index].type, scalar, false));
  return reply;
}

Reply ReplSession::unsetParam(std::string_view name) {
  Reply reply;
  int index = symbols().findParam(name);
  if (index < 0) {
    reply.err = fmt::format("error: there is no parameter '{}'\n", name);
    reply.error = true;
    return reply;
  }
  std::erase_if(overrides_, [&](const auto& o) { return o.first == name; });
  const sema::ParamInfo& param = symbols().params[index];
  reply.out = fmt::format("{} = {}\n", param.name, formatter().formatValue(param.type, param.value, false));
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
    reply.out += fmt::format("{} = {}{}\n", params[i].name, current, current == original ? "" : " (default " + original + ")");
  }
  return reply;
}

std::string ReplSession::summary(const ast::Module& module, const std::set<std::string>& before) const {
  const sema::Symbols& s = symbols();
  std::string out;
  for (const auto& i : module.imports)
    out += before.count(canonicalOf(i.path)) ? fmt::format("{} is already imported\n", i.path) : fmt::format("imported {}\n", i.path);
  for (const auto& d : module.dimensions) out += fmt::format("declared dimension {} (base unit {})\n", d.name.text, d.baseUnit.text);
  for (const auto& u : module.units) {
    const NamedUnit* unit = s.units.find(u.name.text);
    if (unit == nullptr) continue;
    Unit base{unit->unit.exponents, Rational::integer(1)};
    out += fmt::format("declared unit {} = {} {}\n", u.name.text, unit->unit.scale.str(), s.units.display(base));
  }
  for (const auto& e : module.enums) {
    std::string values;
    for (const auto& m : e.members) values += (values.empty() ? "" : ", ") + enumValue(m.text);
    out += fmt::format("declared enum {} {{{}}}\n", e.name.text, values);
  }
  for (const auto& r : module.records) out += fmt::format("declared record {} ({})\n", r.name.text, plural(r.fields.size(), "field", "fields"));
  for (const auto& p : module.params) {
    int i = s.findParam(p.name.text);
    if (i < 0) continue;
    out += fmt::format("declared param {}: {} = {}\n", p.name.text, s.typeName(s.params[i].type),
                       formatter().formatValue(s.params[i].type, s.params[i].value, false));
  }
  for (const auto& b : module.beneficiaries)
    for (const auto& e : b.entries) out += fmt::format("declared beneficiary {}\n", e.name.text);
  for (const auto& p : module.policies)
    out += fmt::format("declared policy \"{}\" for {} ({})\n", p.id, p.target.text, plural(p.clauses.size(), "clause", "clauses"));
  for (const auto& t : module.tests) out += fmt::format("declared test \"{}\"\n", t.name);
  return out;
}

// ---------------------------------------------------------------------------
// Completion

std::vector<std::string> ReplSession::complete(std::string_view before, size_t& start) const {
  std::vector<std::string> out;
  auto offer = [&](std::string_view prefix, const std::string& candidate) {
    if (candidate.size() >= prefix.size() && candidate.compare(0, prefix.size(), prefix) == 0) out.push_back(candidate);
  };
  auto finish = [&]() {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  size_t lead = before.find_first_not_of(" \t");
  bool isCommand = lead != std::string_view::npos && before[lead] == ':';
  std::string_view command;
  if (isCommand) {
    size_t space = before.find_first_of(" \t", lead);
    if (space == std::string_view::npos) {
      start = lead;
      for (const auto& c : commandNames()) offer(before.substr(lead), c);
      return finish();
    }
    command = before.substr(lead, space - lead);
    size_t last = before.find_last_of(" \t");
    std::string_view word = before.substr(last + 1);
    if (command == ":load" || command == ":record" || command == ":l" || command == ":r") {
      // File names, relative to the working directory.
      start = last + 1;
      std::string text(word);
      size_t slash = text.rfind('/');
      std::string directory = slash == std::string::npos ? "" : text.substr(0, slash + 1);
      std::string prefix = slash == std::string::npos ? text : text.substr(slash + 1);
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(directory.empty() ? "." : directory, ec)) {
        std::string name = entry.path().filename().string();
        if (prefix.empty() && name.front() == '.') continue;
        if (entry.is_directory(ec)) name += "/";
        offer(prefix, name);
      }
      for (auto& candidate : out) candidate = directory + candidate;
      return finish();
    }
    if (command == ":explain" || command == ":ex") {
      start = last + 1;
      for (const auto& c : program().clauses) offer(word, c.id);
      return finish();
    }
    if (command == ":set" || command == ":unset") {
      start = nameStart(before);
      for (const auto& p : symbols().params) offer(before.substr(start), p.name);
      return finish();
    }
  }
  start = nameStart(before);
  std::string_view prefix = before.substr(start);
  if (prefix.empty()) return {};
  const sema::Symbols& s = symbols();
  for (const auto& k : keywords()) offer(prefix, k);
  for (const auto& b : builtins()) {
    offer(prefix, std::string(b.chinese));
    offer(prefix, std::string(b.english));
  }
  for (const auto& u : s.units.unitNames()) offer(prefix, u);
  for (const auto& e : s.enums) {
    offer(prefix, e.name);
    for (const auto& v : e.values) offer(prefix, v);
  }
  for (const auto& r : s.records) {
    offer(prefix, r.name);
    for (const auto& f : r.fields) offer(prefix, f.name);
  }
  for (const auto& p : s.params) offer(prefix, p.name);
  for (const auto& b : s.beneficiaries) offer(prefix, b.name);
  return finish();
}

}  // namespace zc::repl
