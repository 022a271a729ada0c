#include "frontend/Frontend.h"

#include <fmt/format.h>

#include <cstdlib>

#include "ir/IrVerifier.h"
#include "ir/RuntimeFunction.h"
#include "parse/Parser.h"

namespace zc::frontend {

void resolveLocations(const SourceManager& sources, ir::Program& program) {
  program.locations.resize(program.insts.size());
  for (size_t i = 0; i < program.insts.size(); ++i) {
    const Span& span = program.insts[i].span;
    if (!ir::canFail(program.insts[i]) || span.end == 0 || span.file >= sources.size()) continue;
    const SourceFile& file = sources.file(span.file);
    LineColumn lc = file.lineColumn(span.begin);
    program.locations[i] = fmt::format("{}:{}:{}", file.path(), lc.line, lc.column);
  }
}

bool verifyLowered(const ir::Program& program, bool asked, std::vector<std::string>& problems) {
#ifdef NDEBUG
  constexpr bool kDebugBuild = false;
#else
  constexpr bool kDebugBuild = true;
#endif
  if (!kDebugBuild && !asked) return false;
  problems = ir::verify(program);
  if (kDebugBuild && !problems.empty()) {
    for (const auto& p : problems) fmt::print(stderr, "internal error: IR: {}\n", p);
    std::abort();
  }
  return true;
}

namespace {

// A program the checker accepted is well-formed IR; in a debug build a
// lowering bug stops here, naming the instruction, before any engine runs it.
void assertVerified(const ir::Program& program) {
  std::vector<std::string> problems;
  verifyLowered(program, false, problems);
}

}  // namespace

CheckedExpression checkExpression(Compilation& c, const std::string& name, const std::string& text) {
  FileId file = c.sources.add(name, text);
  auto parsed = parseReplInput(c.sources, file, c.diagnostics);
  if (!parsed || !parsed->expr) return {};
  CheckedExpression checked =
      sema::checkExpression(c.sources, c.diagnostics, c.ruleset, *parsed->expr, c.ruleset.record);
  if (!c.diagnostics.hasErrors()) {
    resolveLocations(c.sources, c.ruleset.program);
    assertVerified(c.ruleset.program);
  }
  return checked;
}

Compilation compile(const CompileRequest& request) {
  Compilation c;
  ModuleLoader loader(c.sources, c.diagnostics, request.overlay);
  for (const auto& path : request.paths) loader.load(path);
  c.unreadable = loader.unreadable();
  if (c.diagnostics.hasErrors() || !c.unreadable.empty()) return c;
  std::vector<const ast::Module*> modules;
  for (const auto& m : loader.modules()) modules.push_back(&m);
  sema::checkRuleset(c.sources, c.diagnostics, modules, c.ruleset);
  if (!c.diagnostics.hasErrors()) {
    resolveLocations(c.sources, c.ruleset.program);
    assertVerified(c.ruleset.program);
  }
  return c;
}

}  // namespace zc::frontend
