#include "repl/ReplSession.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "engine/ParamOverride.h"
#include "frontend/Frontend.h"
#include "interp/Interpreter.h"
#include "ir/IrQueries.h"
#include "parse/Parser.h"
#include "repl/Completer.h"
#include "repl/InputScanner.h"
#include "repl/Plural.h"
#include "zc/json_reader.h"

namespace zc::repl {

namespace fs = std::filesystem;

namespace {

const char* kPrelude = "导入 \"std/units.zc\";\n导入 \"std/policy.zc\";\n";

// The path a loaded module came from, as the loader names it ("std/…" for
// the standard library), made canonical so a file is kept once.
std::string canonicalOf(const std::string& display) {
  fs::path path =
      display.rfind("std/", 0) == 0 ? ModuleLoader::stdlibDirectory() / display.substr(4) : fs::path(display);
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return (ec ? path : canonical).string();
}

}  // namespace

ReplSession::ReplSession(SessionOptions options) : options_(options) {
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

// ---------------------------------------------------------------------------
// Inputs

Reply ReplSession::process(std::string_view input, int line) {
  diags_.clear();
  irProblems_.clear();
  if (isBlank(input)) return {};
  std::string command = commandText(input);
  Reply reply = !command.empty() ? this->command(command, line) : evaluateInput(input, line);
  diags_.clear();
  irProblems_.clear();
  return reply;
}

std::vector<std::string> ReplSession::complete(std::string_view before, size_t& start) const {
  return Completer(symbols(), program()).complete(before, start);
}

Reply ReplSession::evaluateInput(std::string_view text, int line) {
  Reply reply;
  FileId file;
  auto parsed = parseInput(text, line, file, reply);
  if (!parsed) return reply;
  if (parsed->expr) return expression(*parsed->expr, file);
  return declarations(std::move(parsed->module), file);
}

std::optional<ReplParse> ReplSession::parseInput(std::string_view text, int line, FileId& file, Reply& reply) {
  file = sources_.add(fmt::format("<repl:{}>", line), std::string(text));
  auto parsed = parseReplInput(sources_, file, diags_);
  if (!parsed) {
    reply.err = renderSince(file);
    reply.error = true;
  }
  return parsed;
}

std::optional<ReplSession::CheckedExpr> ReplSession::checkExpression(const ast::Expr& expr, FileId file, Reply& reply) {
  frontend::Workspace& ws = *state_.workspace;
  if (expr.kind == ast::ExprKind::Name && ws.record() >= 0) {
    const sema::RecordInfo& record = symbols().records[ws.record()];
    if (int f = record.find(expr.name.text); f >= 0) return CheckedExpr{record.fields[f].type, ir::kNoValue, f};
  }
  size_t verifiedBefore = ws.verifications();
  CheckedExpression checked = ws.check(expr);
  verified_ += ws.verifications() - verifiedBefore;
  irProblems_ = ws.irProblems();
  reply.err = renderSince(file);
  if (failed() || checked.error()) {
    reply.error = true;
    return std::nullopt;
  }
  return CheckedExpr{checked.type, checked.value, -1};
}

Reply ReplSession::expression(const ast::Expr& expr, FileId file) {
  Reply reply;
  ExpressionScope scope = expressionScope();
  auto checked = checkExpression(expr, file, reply);
  if (!checked) return reply;
  if (checked->field >= 0) {
    if (!needsRecord(reply)) return reply;
    const sema::FieldInfo& field = symbols().records[state_.workspace->record()].fields[checked->field];
    reply.out = formatter().formatField(field, record_->fields[checked->field]) + "\n";
    return reply;
  }
  if (checked->value == ir::kNoValue) {
    reply.err += "error: this is not a single value: a list is summed (求和), counted (个数) or tested with 属于\n";
    reply.error = true;
    return reply;
  }
  if (ir::readsRecord(program(), checked->value) && !needsRecord(reply)) return reply;
  auto interp = interpreter();
  Interpreter::Value value;
  if (auto error = interp->evaluateValue(record_ ? &*record_ : nullptr, checked->value, value)) {
    reply.err += "error: " + rt::formatEvalError(interp->resultTable(), *error) + "\n";
    reply.error = true;
    return reply;
  }
  rt::Scalar scalar{value.i, value.d, std::string(value.text)};
  reply.out = formatter().formatValue(checked->type, scalar, true) + "\n";
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
  if (failed()) {
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

std::string ReplSession::declaredValue(int param) const {
  const auto& params = symbols().params;
  if (params[param].dated == 0) return formatter().formatValue(params[param].type, params[param].value, false);
  std::string values;
  for (int k = param; k < param + params[param].dated; ++k)
    values += fmt::format("{}{} => {}", values.empty() ? "" : ", ", ir::dateFrom(program().params[k]),
                          formatter().formatValue(params[k].type, params[k].value, false));
  return "按日期 {" + values + "}";
}

std::string ReplSession::summary(const ast::Module& module, const std::set<std::string>& before) const {
  const sema::Symbols& s = symbols();
  std::string out;
  for (const auto& i : module.imports)
    out += before.count(canonicalOf(i.path)) ? fmt::format("{} is already imported\n", i.path)
                                             : fmt::format("imported {}\n", i.path);
  for (const auto& d : module.dimensions)
    out += fmt::format("declared dimension {} (base unit {})\n", d.name.text, d.baseUnit.text);
  for (const auto& u : module.units) {
    const NamedUnit* unit = s.units.find(u.name.text);
    if (unit == nullptr) continue;
    Unit base{unit->unit.exponents, Rational::integer(1)};
    out += fmt::format("declared unit {} = {} {}\n", u.name.text, unit->unit.scale.str(), s.units.display(base));
  }
  for (const auto& e : module.enums) {
    std::string values;
    for (const auto& m : e.members) values += (values.empty() ? "" : ", ") + showEnumValue(m.text);
    out += fmt::format("declared enum {} {{{}}}\n", e.name.text, values);
  }
  for (const auto& r : module.records)
    out += fmt::format("declared record {} ({})\n", r.name.text, plural(r.fields.size(), "field", "fields"));
  for (const auto& p : module.params) {
    int i = s.findParam(p.name.text);
    if (i < 0) continue;
    out += fmt::format("declared param {}: {} = {}\n", p.name.text, s.typeName(s.params[i].type), declaredValue(i));
  }
  for (const auto& b : module.beneficiaries)
    for (const auto& e : b.entries) out += fmt::format("declared beneficiary {}\n", e.name.text);
  for (const auto& p : module.policies) {
    std::string what = plural(p.clauses.size(), "clause", "clauses");
    auto highest = std::count_if(p.groups.begin(), p.groups.end(),
                                 [](const auto& g) { return g.kind == ast::ClauseGroupDecl::Kind::Highest; });
    if (highest > 0) what += fmt::format(", {} 就高", highest);
    if (p.groups.size() > static_cast<size_t>(highest)) what += fmt::format(", {} 封顶", p.groups.size() - highest);
    auto perItem =
        std::count_if(p.clauses.begin(), p.clauses.end(), [](const ast::ClauseDecl& c) { return !c.each.empty(); });
    if (perItem > 0) what += fmt::format(", {} 逐项", perItem);
    if (!p.asOf.empty()) what += fmt::format(", 截至 {}", sources_.text(p.asOf[0]->span));
    if (!p.inForce.empty()) what += fmt::format(", 有效期 {}", sources_.text(p.inForce[0].dates.span));
    out += fmt::format("declared policy \"{}\" for {} ({})\n", p.id, p.target.text, what);
  }
  for (const auto& t : module.tests) out += fmt::format("declared test \"{}\"\n", t.name);
  return out;
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
  if (failed()) return std::nullopt;
  for (auto& m : owned) store_.push_back(std::move(m));
  if (file != nullptr) state.loadedFile = *file;
  return state;
}

std::unique_ptr<frontend::Workspace> ReplSession::build(const std::vector<const ast::Module*>& modules) {
  auto ws = std::make_unique<frontend::Workspace>(sources_, diags_, modules, options_.verifyIr);
  verified_ += ws->verifications();
  irProblems_ = ws->irProblems();
  return ws;
}

std::string ReplSession::refit() {
  std::string notes;
  if (record_) {
    const frontend::Workspace& ws = *state_.workspace;
    if (ws.record() < 0) {
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
                             symbols().records[ws.record()].name, outcome.describe());
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
  std::string text = renderDiagnostics(sources_, shown, options);
  for (const auto& problem : irProblems_) text += "internal error: IR: " + problem + "\n";
  return text;
}

std::unique_ptr<Interpreter> ReplSession::interpreter() const {
  auto interp = std::make_unique<Interpreter>(program());
  for (const auto& [name, text] : overrides_) {
    int index;
    rt::Scalar value;
    if (parseParamOverride(program(), name + "=" + text, index, value).empty())
      for (int entry : ir::entriesOf(program(), index)) interp->setParam(entry, value);
  }
  return interp;
}

bool ReplSession::needsRecord(Reply& reply) const {
  if (record_) return true;
  reply.err += "error: there is no current record: set one with :record JSON or :record FILE\n";
  reply.error = true;
  return false;
}

}  // namespace zc::repl
