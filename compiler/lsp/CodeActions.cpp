#include "lsp/CodeActions.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "ast/Keywords.h"

namespace zc::lsp {

namespace {

const sema::TypedSpan* typeOfSpan(const sema::NameTable& names, Span span) {
  for (const sema::TypedSpan& typed : names.types)
    if (typed.span.file == span.file && typed.span.begin == span.begin && typed.span.end == span.end) return &typed;
  return nullptr;
}

// E0401 between 美元 and 元: the 美元 side times the ruleset's 元/美元 rate.
std::vector<CodeAction> multiplyByRate(const CheckedRoot& root, const Diagnostic& diagnostic) {
  const frontend::Compilation& c = *root.compilation;
  const sema::Symbols& symbols = c.ruleset.symbols;
  const NamedUnit* yuan = symbols.yuan();
  const NamedUnit* dollar = symbols.units.find("美元");
  if (yuan == nullptr || dollar == nullptr) return {};
  std::optional<Unit> perDollar = divideUnits(yuan->unit, dollar->unit);
  std::string rate;
  for (const sema::ParamInfo& param : symbols.params)
    if (param.type.kind == sema::Type::Kind::Quantity && perDollar && param.type.unit.sameDimension(*perDollar))
      rate = param.name;
  if (rate.empty()) return {};
  for (const DiagNote& note : diagnostic.notes) {
    const sema::TypedSpan* typed = typeOfSpan(c.ruleset.names, note.span);
    const NamedUnit* unit = typed ? symbols.units.find(typed->type) : nullptr;
    if (unit == nullptr || note.span.file != diagnostic.span.file || !unit->unit.sameDimension(dollar->unit)) continue;
    std::string_view operand = c.sources.text(note.span);
    bool bracketed =
        operand.find(' ') != std::string_view::npos && !(operand.starts_with("(") && operand.ends_with(")"));
    CodeAction action{fmt::format("乘以 {} · multiply by {}", rate, rate), {}};
    if (bracketed) {
      action.edits.push_back({note.span.begin, note.span.begin, "("});
      action.edits.push_back({note.span.end, note.span.end, ") × " + rate});
    } else {
      action.edits.push_back({note.span.end, note.span.end, " × " + rate});
    }
    return {action};
  }
  return {};
}

bool startsWithKeyword(std::string_view text, std::initializer_list<std::string_view> tokens) {
  for (const ast::Keyword& keyword : ast::kKeywords)
    for (std::string_view token : tokens)
      if (keyword.token == token && text.starts_with(keyword.spelling) &&
          (text.size() == keyword.spelling.size() || text[keyword.spelling.size()] == ' '))
        return true;
  return false;
}

// E0406 in a clause's 条件, 设 or 奖励 line: 条件 有(x); above it.
std::vector<CodeAction> testPresence(const CheckedRoot& root, const Diagnostic& diagnostic) {
  const std::string& text = root.compilation->sources.file(diagnostic.span.file).text();
  size_t lineStart = text.rfind('\n', diagnostic.span.begin == 0 ? 0 : diagnostic.span.begin - 1);
  lineStart = lineStart == std::string::npos || diagnostic.span.begin == 0 ? 0 : lineStart + 1;
  size_t codeStart = text.find_first_not_of(" \t", lineStart);
  if (codeStart == std::string::npos ||
      !startsWithKeyword(std::string_view(text).substr(codeStart), {"WHEN", "LET", "AWARD"}))
    return {};
  std::string name(root.compilation->sources.text(diagnostic.span));
  std::string line =
      fmt::format("{}{} 有({});\n", text.substr(lineStart, codeStart - lineStart), ast::chineseSpelling("WHEN"), name);
  return {CodeAction{fmt::format("先判断 有({}) · test 有({}) first", name, name),
                     {{static_cast<uint32_t>(lineStart), static_cast<uint32_t>(lineStart), line}}}};
}

// The names each file of the standard library declares (units, types,
// beneficiaries), read once by compiling it.
const std::map<std::string, std::vector<std::string>>& standardDeclarations() {
  static const std::map<std::string, std::vector<std::string>> declared = [] {
    std::map<std::string, std::vector<std::string>> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(ModuleLoader::stdlibDirectory(), ec)) {
      if (entry.path().extension() != ".zc") continue;
      frontend::Compilation c = frontend::compile({{entry.path().string()}, nullptr});
      std::vector<std::string>& names = out["std/" + entry.path().filename().string()];
      names = c.ruleset.symbols.units.unitNames();
      for (const auto& b : c.ruleset.symbols.beneficiaries) names.push_back(b.name);
      for (const auto& r : c.ruleset.symbols.records) names.push_back(r.name);
      for (const auto& e : c.ruleset.symbols.enums) names.push_back(e.name);
    }
    return out;
  }();
  return declared;
}

// E0302, E0306, E0307 for a name the standard library declares: import it,
// after the file's imports (or above its first declaration).
std::vector<CodeAction> importStandardFile(const CheckedRoot& root, const Diagnostic& diagnostic) {
  const std::string& text = root.compilation->sources.file(diagnostic.span.file).text();
  std::string name(root.compilation->sources.text(diagnostic.span));
  std::vector<CodeAction> out;
  for (const auto& [file, names] : standardDeclarations()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) continue;
    if (text.find("\"" + file + "\"") != std::string::npos) continue;
    size_t at = std::string::npos, firstCode = std::string::npos;
    for (size_t line = 0; line < text.size();) {
      size_t end = text.find('\n', line);
      end = end == std::string::npos ? text.size() : end + 1;
      std::string_view content = std::string_view(text).substr(line, end - line);
      size_t code = content.find_first_not_of(" \t\r\n");
      if (code != std::string_view::npos && !content.substr(code).starts_with("//")) {
        if (firstCode == std::string::npos) firstCode = line;
        if (startsWithKeyword(content.substr(code), {"IMPORT"})) at = end;
      }
      line = end;
    }
    if (at == std::string::npos) at = firstCode == std::string::npos ? text.size() : firstCode;
    std::string line = fmt::format("{} \"{}\";\n", ast::chineseSpelling("IMPORT"), file);
    if (at > 0 && text[at - 1] != '\n') line = "\n" + line;
    out.push_back({fmt::format("{} \"{}\"; · import {}", ast::chineseSpelling("IMPORT"), file, file),
                   {{static_cast<uint32_t>(at), static_cast<uint32_t>(at), line}}});
  }
  return out;
}

}  // namespace

std::vector<CodeAction> codeActionsFor(const CheckedRoot& root, const Diagnostic& diagnostic) {
  switch (diagnostic.kind) {
    case DiagKind::DimensionMismatch:
      return multiplyByRate(root, diagnostic);
    case DiagKind::MaybeAbsent:
      return testPresence(root, diagnostic);
    case DiagKind::UnknownUnit:
    case DiagKind::UnknownType:
    case DiagKind::UnknownBeneficiary:
      return importStandardFile(root, diagnostic);
    default:
      return {};
  }
}

}  // namespace zc::lsp
