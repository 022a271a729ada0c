#include "lsp/Navigation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "ast/Keywords.h"
#include "parse/Parser.h"
#include "source/Utf8.h"

namespace zc::lsp {

namespace {

// A quoted string on offset's line that holds offset: its content's bytes.
struct QuotedString {
  uint32_t begin = 0;  // after the opening quote
  uint32_t end = 0;    // at the closing quote
  std::string content;
};

std::optional<QuotedString> stringAt(std::string_view text, uint32_t offset) {
  size_t lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  lineStart = lineStart == std::string_view::npos || offset == 0 ? 0 : lineStart + 1;
  size_t lineEnd = text.find('\n', offset);
  if (lineEnd == std::string_view::npos) lineEnd = text.size();
  for (size_t i = lineStart; i < lineEnd; ++i) {
    if (text[i] == '/' && i + 1 < lineEnd && text[i + 1] == '/') return std::nullopt;  // a comment to the end
    if (text[i] != '"') continue;
    size_t close = i + 1;
    while (close < lineEnd && text[close] != '"') close += text[close] == '\\' ? 2 : 1;
    if (close >= lineEnd) return std::nullopt;
    if (offset >= i && offset <= close)
      return QuotedString{uint32_t(i + 1), uint32_t(close), std::string(text.substr(i + 1, close - i - 1))};
    i = close;
  }
  return std::nullopt;
}

// Where the name that ends at offset begins.
uint32_t nameStartBefore(std::string_view text, uint32_t offset) {
  uint32_t start = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  while (start > 0) {
    uint32_t previous = start - 1;
    while (previous > 0 && isContinuationByte(text[previous])) --previous;
    size_t at = previous;
    if (!isNameCharacter(decodeUtf8(text, at))) break;
    start = previous;
  }
  return start;
}

// The text of a declaration from the start of its line to its ; (or to the
// end of the bracket it is in): 营业收入: 万元 = 0;  参数 美元汇率: … 按日期 { … };
std::string declarationText(std::string_view text, uint32_t begin) {
  constexpr size_t kMaxLines = 30;
  size_t start = text.rfind('\n', begin == 0 ? 0 : begin - 1);
  start = start == std::string_view::npos || begin == 0 ? 0 : start + 1;
  while (start < begin && (text[start] == ' ' || text[start] == '\t')) ++start;
  int depth = 0;
  size_t lines = 0, i = begin;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      ++i;
      while (i < text.size() && text[i] != '"' && text[i] != '\n') i += text[i] == '\\' ? 2 : 1;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
      if (depth == 0) break;
      ++lines;
    } else if (c == '{' || c == '(' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ')' || c == ']') {
      if (depth-- == 0) break;
    } else if (c == ';' && depth == 0) {
      ++i;
      break;
    } else if (c == '\n' && ++lines >= kMaxLines) {
      break;
    }
  }
  std::string out(text.substr(start, std::min(i, text.size()) - start));
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

bool contains(Span span, FileId file, uint32_t offset) {
  return span.file == file && span.begin <= offset && offset <= span.end;
}

PlaceInFile placeOf(const CheckedRoot& root, Span span) {
  return PlaceInFile{root.paths[span.file], span.begin, span.end, root.compilation->sources.file(span.file).text()};
}

// The name use at offset, or one whose declaration is at offset.
const sema::NameUse* nameAt(const CheckedRoot& root, FileId file, uint32_t offset) {
  const sema::NameTable& names = root.compilation->ruleset.names;
  if (const sema::NameUse* use = names.useAt(file, offset)) return use;
  for (const sema::NameUse& use : names.uses)
    if (use.kind != sema::NameKind::EnumValue && contains(use.declaration, file, offset)) return &use;
  return nullptr;
}

std::string_view kindName(sema::NameKind kind) {
  switch (kind) {
    case sema::NameKind::Field:
      return "字段 field";
    case sema::NameKind::Parameter:
      return "参数 parameter";
    case sema::NameKind::Let:
      return "设 let";
    case sema::NameKind::EnumValue:
      return "枚举值 enum value";
    case sema::NameKind::Set:
      return "集合 set";
  }
  return "";
}

const ir::Clause* clauseNamed(const CheckedRoot& root, const std::string& id) {
  for (const ir::Clause& clause : root.compilation->ruleset.program.clauses)
    if (clause.id == id) return &clause;
  return nullptr;
}

// What a clause pays, as its 奖励 / 仅资格 / 一事一议 lines say.
std::vector<std::string> clauseResults(const CheckedRoot& root, const ir::Clause& clause) {
  const SourceFile& file = root.compilation->sources.file(clause.span.file);
  SourceManager sources;
  FileId id = sources.add(file.path(), file.text());
  Diagnostics ignored;
  std::optional<ast::Module> module = parseModule(sources, id, ignored);
  std::vector<std::string> out;
  if (!module) return out;
  for (const ast::PolicyDecl& policy : module->policies)
    for (const ast::ClauseDecl& decl : policy.clauses)
      if (decl.id == clause.id)
        for (const ast::ClauseResult& result : decl.results)
          out.push_back(declarationText(file.text(), result.span.begin));
  return out;
}

std::string clauseHover(const CheckedRoot& root, const ir::Clause& clause) {
  const ir::Program& program = root.compilation->ruleset.program;
  std::string out = fmt::format("**条款 \"{}\"**", clause.id);
  if (clause.policy >= 0 && static_cast<size_t>(clause.policy) < program.policies.size())
    out += fmt::format(" · 政策 \"{}\"", program.policies[clause.policy].id);
  if (!clause.beneficiary.empty()) out += fmt::format(" · 受益方 {}", clause.beneficiary);
  if (!clause.source.empty()) out += fmt::format("\n\n原文：{}", clause.source);
  std::vector<std::string> results = clauseResults(root, clause);
  if (!results.empty()) {
    out += "\n\n```zhengce\n";
    for (const std::string& result : results) out += result + "\n";
    out += "```";
  }
  return out;
}

bool isImport(std::string_view text, uint32_t quote) {
  size_t lineStart = text.rfind('\n', quote);
  lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
  std::string_view before = text.substr(lineStart, quote - lineStart);
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
  for (const ast::Keyword& keyword : ast::kKeywords)
    if (keyword.token == "IMPORT" && before.ends_with(keyword.spelling)) return true;
  return false;
}

std::string importedPath(const std::string& from, const std::string& name) {
  if (name.rfind("std/", 0) == 0) return normalPath((ModuleLoader::stdlibDirectory() / name.substr(4)).string());
  return normalPath((std::filesystem::path(from).parent_path() / name).string());
}

std::vector<PlaceInFile> clauseReferences(const Workspace& workspace, const std::string& id) {
  std::vector<PlaceInFile> out;
  std::string quoted = "\"" + id + "\"";
  std::set<std::string> seen;
  for (const CheckedRoot* root : workspace.allChecked()) {
    for (size_t f = 0; f < root->paths.size(); ++f) {
      if (!seen.insert(root->paths[f]).second) continue;
      const std::string& text = root->compilation->sources.file(static_cast<FileId>(f)).text();
      for (size_t at = text.find(quoted); at != std::string::npos; at = text.find(quoted, at + 1))
        out.push_back(PlaceInFile{root->paths[f], uint32_t(at + 1), uint32_t(at + 1 + id.size()), text});
    }
  }
  return out;
}

void addUnique(std::vector<PlaceInFile>& places, PlaceInFile place) {
  for (const PlaceInFile& p : places)
    if (p.key() == place.key()) return;
  places.push_back(std::move(place));
}

// The range a field declares (营业收入: 万元 属于 [0, ∞)), as a line of its
// hover: input outside it is refused. Empty for a field without one.
std::string rangeNote(const frontend::Compilation& c, const Span& name) {
  for (const sema::RecordInfo& record : c.ruleset.symbols.records)
    for (size_t i = 0; i < record.fields.size() && i < record.schema.fields.size(); ++i)
      if (record.fields[i].span.file == name.file && record.fields[i].span.begin == name.begin &&
          record.schema.fields[i].range)
        return fmt::format("\n\n取值范围 `{}`：超出的申报数据不予计算", record.schema.fields[i].range->text);
  return "";
}

}  // namespace

std::optional<HoverText> hoverAt(const Workspace& workspace, const std::string& path, uint32_t offset) {
  for (const CheckedRoot* root : workspace.checkedReaders(path)) {
    FileId file = static_cast<FileId>(root->fileOf(path));
    const frontend::Compilation& c = *root->compilation;
    const std::string& text = c.sources.file(file).text();
    if (const sema::NameUse* use = nameAt(*root, file, offset)) {
      const sema::TypedSpan* typed = c.ruleset.names.typeAt(use->use.file, use->use.begin);
      std::string name(c.sources.text(use->use));
      std::string markdown = fmt::format("{} **{}**: `{}`", kindName(use->kind), name, typed ? typed->type : "?");
      if (use->kind != sema::NameKind::EnumValue)
        markdown += fmt::format("\n\n```zhengce\n{}\n```",
                                declarationText(c.sources.file(use->declaration.file).text(), use->declaration.begin));
      if (use->kind == sema::NameKind::Field) markdown += rangeNote(c, use->declaration);
      Span at = contains(use->use, file, offset) ? use->use : use->declaration;
      return HoverText{markdown, placeOf(*root, at)};
    }
    if (std::optional<QuotedString> quoted = stringAt(text, offset)) {
      if (const ir::Clause* clause = clauseNamed(*root, quoted->content))
        return HoverText{clauseHover(*root, *clause), PlaceInFile{path, quoted->begin, quoted->end, text}};
    }
    for (const sema::RecordInfo& record : c.ruleset.symbols.records)
      for (const sema::FieldInfo& field : record.fields)
        if (contains(field.span, file, offset))
          return HoverText{
              fmt::format("{} **{}**: `{}` (记录 {})\n\n```zhengce\n{}\n```{}", kindName(sema::NameKind::Field),
                          field.name, c.ruleset.symbols.typeName(field.type), record.name,
                          declarationText(text, field.span.begin), rangeNote(c, field.span)),
              placeOf(*root, field.span)};
    if (const sema::TypedSpan* typed = c.ruleset.names.typeAt(file, offset))
      return HoverText{fmt::format("`{}`", typed->type), placeOf(*root, typed->span)};
  }
  return std::nullopt;
}

std::vector<PlaceInFile> definitionsAt(const Workspace& workspace, const std::string& path, uint32_t offset) {
  for (const CheckedRoot* root : workspace.checkedReaders(path)) {
    FileId file = static_cast<FileId>(root->fileOf(path));
    const std::string& text = root->compilation->sources.file(file).text();
    if (const sema::NameUse* use = nameAt(*root, file, offset)) return {placeOf(*root, use->declaration)};
    if (std::optional<QuotedString> quoted = stringAt(text, offset)) {
      if (isImport(text, quoted->begin - 1)) {
        std::string target = importedPath(path, quoted->content);
        std::string targetText;
        if (workspace.textOf(target, targetText)) return {PlaceInFile{target, 0, 0, targetText}};
        return {};
      }
      if (const ir::Clause* clause = clauseNamed(*root, quoted->content)) return {placeOf(*root, clause->span)};
    }
  }
  return {};
}

std::vector<PlaceInFile> referencesAt(const Workspace& workspace, const std::string& path, uint32_t offset) {
  for (const CheckedRoot* root : workspace.checkedReaders(path)) {
    FileId file = static_cast<FileId>(root->fileOf(path));
    const std::string& text = root->compilation->sources.file(file).text();
    if (const sema::NameUse* use = nameAt(*root, file, offset)) {
      PlaceInFile declaration = placeOf(*root, use->declaration);
      std::vector<PlaceInFile> out;
      if (use->kind != sema::NameKind::EnumValue) out.push_back(declaration);
      for (const CheckedRoot* other : workspace.allChecked())
        for (const sema::NameUse& u : other->compilation->ruleset.names.uses)
          if (other->paths[u.declaration.file] == declaration.path && u.declaration.begin == declaration.begin &&
              u.declaration.end == declaration.end &&
              (use->kind != sema::NameKind::EnumValue ||
               other->compilation->sources.text(u.use) == root->compilation->sources.text(use->use)))
            addUnique(out, placeOf(*other, u.use));
      return out;
    }
    if (std::optional<QuotedString> quoted = stringAt(text, offset))
      if (clauseNamed(*root, quoted->content)) return clauseReferences(workspace, quoted->content);
  }
  return {};
}

std::optional<PlaceInFile> renameableAt(const Workspace& workspace, const std::string& path, uint32_t offset) {
  for (const CheckedRoot* root : workspace.checkedReaders(path)) {
    FileId file = static_cast<FileId>(root->fileOf(path));
    const sema::NameUse* use = nameAt(*root, file, offset);
    if (use == nullptr || use->kind == sema::NameKind::EnumValue) continue;
    return placeOf(*root, contains(use->use, file, offset) ? use->use : use->declaration);
  }
  return std::nullopt;
}

bool isPlainName(const std::string& name) {
  if (name.empty() || firstInvalidUtf8(name)) return false;
  for (size_t i = 0; i < name.size();) {
    char32_t c = decodeUtf8(name, i);
    if (!isNameCharacter(c) || (i == utf8CharacterLength(name, 0) && c >= '0' && c <= '9')) return false;
  }
  for (const ast::Keyword& keyword : ast::kKeywords)
    if (keyword.spelling == name) return false;
  return true;
}

std::vector<Completion> completionsAt(const Workspace& workspace, const std::string& path, const std::string& text,
                                      uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  std::vector<Completion> out;
  std::set<std::pair<std::string, int>> seen;
  auto add = [&](std::string label, CompletionKind kind, std::string detail) {
    if (seen.insert({label, static_cast<int>(kind)}).second) out.push_back({std::move(label), kind, std::move(detail)});
  };
  std::vector<const CheckedRoot*> roots = workspace.checkedReaders(path);

  // Inside quotes: a clause id (条款 "…", 就高 { "…" }, 期望 "…").
  if (stringAt(text, offset)) {
    for (const CheckedRoot* root : roots)
      for (const ir::Clause& clause : root->compilation->ruleset.program.clauses)
        add(clause.id, CompletionKind::Clause, clause.source);
    return out;
  }

  uint32_t wordStart = nameStartBefore(text, offset);
  if (wordStart > 0 && text[wordStart - 1] == '.') {
    // After `.`: the fields of the record the name before it is.
    uint32_t dot = wordStart - 1;
    uint32_t ownerStart = nameStartBefore(text, dot);
    std::string owner = text.substr(ownerStart, dot - ownerStart);
    if (owner.empty()) return out;
    for (const CheckedRoot* root : roots) {
      FileId file = static_cast<FileId>(root->fileOf(path));
      const frontend::Compilation& c = *root->compilation;
      // Where the name stood in the text last checked (a 设 or field use, or a
      // loop's name before a `.`), nearest the cursor first: its type there.
      const std::string& checkedText = c.sources.file(file).text();
      std::vector<uint32_t> places;
      for (const sema::NameUse& use : c.ruleset.names.uses)
        if (use.use.file == file && c.sources.text(use.use) == owner) places.push_back(use.use.begin);
      for (size_t at = checkedText.find(owner + "."); at != std::string::npos;
           at = checkedText.find(owner + ".", at + 1))
        if (nameStartBefore(checkedText, static_cast<uint32_t>(at + owner.size())) == at)
          places.push_back(static_cast<uint32_t>(at));
      std::sort(places.begin(), places.end(), [&](uint32_t a, uint32_t b) {
        return std::abs(int64_t(a) - int64_t(offset)) < std::abs(int64_t(b) - int64_t(offset));
      });
      for (uint32_t place : places) {
        const sema::TypedSpan* typed = c.ruleset.names.typeAt(file, place);
        if (typed == nullptr) continue;
        int record = c.ruleset.symbols.findRecord(typed->type);
        if (record < 0) continue;
        for (const sema::FieldInfo& field : c.ruleset.symbols.records[record].fields)
          add(field.name, CompletionKind::Field, c.ruleset.symbols.typeName(field.type));
        return out;
      }
    }
    return out;
  }

  for (const ast::Keyword& keyword : ast::kKeywords)
    add(std::string(keyword.spelling), CompletionKind::Keyword, std::string(keyword.token));
  for (const CheckedRoot* root : roots) {
    const sema::Symbols& symbols = root->compilation->ruleset.symbols;
    for (const std::string& unit : symbols.units.unitNames()) add(unit, CompletionKind::Unit, "单位 unit");
    int evaluated = root->compilation->ruleset.record;
    if (evaluated >= 0)
      for (const sema::FieldInfo& field : symbols.records[evaluated].fields)
        add(field.name, CompletionKind::Field, symbols.typeName(field.type));
    for (const sema::ParamInfo& param : symbols.params)
      add(param.name, CompletionKind::Parameter, symbols.typeName(param.type));
    for (const sema::EnumInfo& e : symbols.enums)
      for (const std::string& value : e.values) add(value, CompletionKind::EnumMember, e.name);
    for (const sema::EnumInfo& set : symbols.sets) {
      std::string members;
      for (const std::string& value : set.values) members += (members.empty() ? "" : ", ") + ("\"" + value + "\"");
      add(set.name, CompletionKind::Set, "集合 { " + members + " }");
    }
    for (const auto& beneficiary : symbols.beneficiaries)
      add(beneficiary.name, CompletionKind::Beneficiary, "受益方 beneficiary");
  }
  return out;
}

std::optional<std::vector<OutlineSymbol>> outline(const std::string& text) {
  SourceManager sources;
  FileId file = sources.add("outline", text);
  Diagnostics ignored;
  std::optional<ast::Module> module = parseModule(sources, file, ignored);
  if (!module) return std::nullopt;
  std::vector<OutlineSymbol> out;
  for (const ast::RecordDecl& record : module->records) {
    OutlineSymbol symbol{record.name.text, "记录", SymbolKind::Record, record.span, record.name.span, {}};
    for (const ast::FieldDecl& field : record.fields)
      symbol.children.push_back({field.name.text,
                                 std::string(sources.text(field.type.span)),
                                 SymbolKind::Field,
                                 field.span,
                                 field.name.span,
                                 {}});
    out.push_back(std::move(symbol));
  }
  for (const ast::EnumDecl& e : module->enums) {
    OutlineSymbol symbol{e.name.text, "枚举", SymbolKind::Enum, e.span, e.name.span, {}};
    for (const ast::Name& member : e.members)
      symbol.children.push_back({member.text, "", SymbolKind::EnumMember, member.span, member.span, {}});
    out.push_back(std::move(symbol));
  }
  for (const ast::SetDecl& set : module->sets) {
    OutlineSymbol symbol{set.name.text, "集合", SymbolKind::Enum, set.span, set.name.span, {}};
    for (const ast::Name& member : set.members)
      symbol.children.push_back({member.text, "", SymbolKind::EnumMember, member.span, member.span, {}});
    out.push_back(std::move(symbol));
  }
  for (const ast::UnitDecl& unit : module->units)
    out.push_back({unit.name.text, "单位", SymbolKind::Unit, unit.span, unit.name.span, {}});
  for (const ast::ParamDecl& param : module->params)
    out.push_back({param.name.text, "参数", SymbolKind::Parameter, param.span, param.name.span, {}});
  for (const ast::PolicyDecl& policy : module->policies) {
    OutlineSymbol symbol{policy.id, policy.title, SymbolKind::Policy, policy.span, policy.idSpan, {}};
    for (const ast::ClauseDecl& clause : policy.clauses)
      symbol.children.push_back(
          {clause.id, clause.source.value_or(""), SymbolKind::Clause, clause.span, clause.idSpan, {}});
    out.push_back(std::move(symbol));
  }
  for (const ast::TestDecl& test : module->tests)
    out.push_back({test.name, "测试", SymbolKind::Test, test.span, test.span, {}});
  // In the order of the file.
  std::sort(out.begin(), out.end(),
            [](const OutlineSymbol& a, const OutlineSymbol& b) { return a.span.begin < b.span.begin; });
  return out;
}

}  // namespace zc::lsp
