#include "lsp/LanguageServer.h"

#include <fmt/format.h>

#include <set>

#include "format/Formatter.h"
#include "lsp/CodeActions.h"
#include "lsp/Navigation.h"
#include "lsp/Uri.h"

namespace zc::lsp {

namespace {

// JSON-RPC's and the protocol's error codes.
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

struct RequestError {
  int code;
  std::string message;
};

int completionKind(CompletionKind kind) {
  switch (kind) {  // the protocol's CompletionItemKind
    case CompletionKind::Keyword:
      return 14;
    case CompletionKind::Unit:
      return 11;
    case CompletionKind::Field:
      return 5;
    case CompletionKind::Parameter:
      return 21;
    case CompletionKind::EnumMember:
      return 20;
    case CompletionKind::Clause:
      return 18;
    case CompletionKind::Beneficiary:
      return 6;
    case CompletionKind::Set:
      return 13;  // Enum: a closed set of values
  }
  return 1;
}

int symbolKind(SymbolKind kind) {
  switch (kind) {  // the protocol's SymbolKind
    case SymbolKind::Policy:
      return 3;
    case SymbolKind::Clause:
      return 12;
    case SymbolKind::Record:
      return 23;
    case SymbolKind::Field:
      return 8;
    case SymbolKind::Enum:
      return 10;
    case SymbolKind::EnumMember:
      return 22;
    case SymbolKind::Parameter:
      return 14;
    case SymbolKind::Test:
      return 24;
    case SymbolKind::Unit:
      return 7;
  }
  return 13;
}

}  // namespace

void LanguageServer::handle(const Json& message) {
  if (!message.is_object()) {
    send_({{"jsonrpc", "2.0"},
           {"id", nullptr},
           {"error", {{"code", kInvalidRequest}, {"message", "a message is a JSON object"}}}});
    return;
  }
  bool isRequest = message.contains("id");
  std::string method = message.value("method", "");
  Json params = message.value("params", Json::object());
  if (method.empty()) return;  // a response to nothing we asked
  Json reply = {{"jsonrpc", "2.0"}, {"id", isRequest ? message["id"] : Json()}};
  try {
    if (!initialized_ && method != "initialize" && method != "exit")
      throw RequestError{kServerNotInitialized, "initialize first"};
    Json result = dispatch(method, params);
    reply["result"] = result;
  } catch (const RequestError& e) {
    reply["error"] = {{"code", e.code}, {"message", e.message}};
  } catch (const Json::exception& e) {
    reply["error"] = {{"code", kInvalidParams}, {"message", fmt::format("{}: {}", method, e.what())}};
  } catch (const std::exception& e) {
    reply["error"] = {{"code", kInternalError}, {"message", fmt::format("{}: {}", method, e.what())}};
  }
  if (isRequest) send_(reply);
}

Json LanguageServer::dispatch(const std::string& method, const Json& params) {
  if (method == "initialize") return initialize(params);
  if (method == "initialized") {
    for (const auto& [path, uri] : uris_) publishDiagnostics(path);
    return nullptr;
  }
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "exit") {
    exited_ = true;
    return nullptr;
  }
  if (method == "textDocument/didOpen") {
    const Json& document = params.at("textDocument");
    std::string path = pathOf(document);
    workspace_.open(path, document.at("text").get<std::string>());
    versions_[path] = document.value("version", 0);
    changed(path);
    return nullptr;
  }
  if (method == "textDocument/didChange") {
    std::string path = pathOf(params.at("textDocument"));
    // Full synchronisation: the last change holds the whole text.
    const Json& changes = params.at("contentChanges");
    if (changes.empty()) return nullptr;
    workspace_.change(path, changes.back().at("text").get<std::string>());
    versions_[path] = params.at("textDocument").value("version", 0);
    changed(path);
    return nullptr;
  }
  if (method == "textDocument/didClose") {
    std::string path = pathOf(params.at("textDocument"));
    workspace_.close(path);
    versions_.erase(path);
    changed(path);
    return nullptr;
  }
  if (method == "textDocument/didSave") return nullptr;
  if (method == "textDocument/hover") return hover(params);
  if (method == "textDocument/definition") return definition(params);
  if (method == "textDocument/references") return references(params);
  if (method == "textDocument/completion") return completion(params);
  if (method == "textDocument/documentSymbol") return documentSymbols(params);
  if (method == "textDocument/formatting") return formatting(params);
  if (method == "textDocument/rename") return rename(params);
  if (method == "textDocument/codeAction") return codeActions(params);
  if (method.rfind("$/", 0) == 0) return nullptr;  // optional notifications ($/cancelRequest, $/setTrace)
  throw RequestError{kMethodNotFound, fmt::format("zc lsp does not handle {}", method)};
}

void LanguageServer::notify(const std::string& method, const Json& params) {
  send_({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

Json LanguageServer::initialize(const Json& params) {
  initialized_ = true;
  // UTF-8 positions when the client offers them; UTF-16 is the protocol's default.
  const Json encodings = params.value("capabilities", Json::object())
                             .value("general", Json::object())
                             .value("positionEncodings", Json::array());
  for (const Json& encoding : encodings)
    if (encoding == "utf-8") encoding_ = PositionEncoding::Utf8;
  std::vector<std::string> folders;
  if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array())
    for (const Json& folder : params["workspaceFolders"])
      if (auto path = pathOfUri(folder.value("uri", ""))) folders.push_back(*path);
  if (folders.empty() && params.contains("rootUri") && params["rootUri"].is_string())
    if (auto path = pathOfUri(params["rootUri"].get<std::string>())) folders.push_back(*path);
  for (const std::string& folder : folders) workspace_.addFolder(folder);

  Json capabilities = {
      {"positionEncoding", encoding_ == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
      {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"completionProvider", {{"triggerCharacters", {".", "\""}}}},
      {"documentSymbolProvider", true},
      {"documentFormattingProvider", true},
      {"renameProvider", true},
      {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
  };
  return {{"capabilities", capabilities}, {"serverInfo", {{"name", "zc lsp"}, {"version", ZC_VERSION}}}};
}

std::string LanguageServer::pathOf(const Json& textDocument) {
  std::string uri = textDocument.at("uri").get<std::string>();
  std::optional<std::string> path = pathOfUri(uri);
  if (!path) throw RequestError{kInvalidParams, fmt::format("zc lsp reads file: URIs only, not {}", uri)};
  std::string normal = normalPath(*path);
  uris_.emplace(normal, uri);
  return normal;
}

std::string LanguageServer::uriOf(const std::string& path) const {
  auto it = uris_.find(path);
  return it != uris_.end() ? it->second : uriOfPath(path);
}

uint32_t LanguageServer::offsetOf(const std::string& path, const Json& position) {
  std::string text;
  workspace_.textOf(path, text);
  return offsetAt(text, {position.at("line").get<uint32_t>(), position.at("character").get<uint32_t>()}, encoding_);
}

Json LanguageServer::range(std::string_view text, uint32_t begin, uint32_t end) const {
  TextPosition from = positionAt(text, begin, encoding_), to = positionAt(text, end, encoding_);
  return {{"start", {{"line", from.line}, {"character", from.character}}},
          {"end", {{"line", to.line}, {"character", to.character}}}};
}

// The edited file's own diagnostics first, then those of the rulesets that
// import it (which may add to its own).
void LanguageServer::changed(const std::string& path) {
  std::set<std::string> own = workspace_.recheckOwn(path);
  for (const std::string& file : own) publishDiagnostics(file);
  std::set<std::string> readers = workspace_.recheckReaders(path);
  if (!readers.empty()) readers.insert(path);
  for (const std::string& file : readers) publishDiagnostics(file);
}

Json LanguageServer::diagnosticJson(const CheckedRoot& root, const Diagnostic& diagnostic,
                                    const std::string& path) const {
  const SourceManager& sources = root.compilation->sources;
  const DiagKindInfo& info = diagInfo(diagnostic.kind);
  Json related = Json::array();
  for (const DiagNote& note : diagnostic.notes) {
    if (note.span.file >= root.paths.size()) continue;
    related.push_back({{"location",
                        {{"uri", uriOf(root.paths[note.span.file])},
                         {"range", range(sources.file(note.span.file).text(), note.span.begin, note.span.end)}}},
                       {"message", note.message}});
  }
  Json where = range(sources.file(diagnostic.span.file).text(), diagnostic.span.begin, diagnostic.span.end);
  if (!diagnostic.hint.empty())
    related.push_back(
        {{"location", {{"uri", uriOf(path)}, {"range", where}}}, {"message", "hint: " + diagnostic.hint}});
  Json item = {{"range", where},
               {"severity", info.severity == Severity::Error ? 1 : 2},
               {"code", std::string(info.code)},
               {"source", "zc"},
               {"message", diagnostic.message}};
  if (!related.empty()) item["relatedInformation"] = related;
  return item;
}

void LanguageServer::publishDiagnostics(const std::string& path) {
  Json list = Json::array();
  for (const auto& [root, diagnostic] : workspace_.diagnosticsOf(path))
    list.push_back(diagnosticJson(*root, *diagnostic, path));
  Json params = {{"uri", uriOf(path)}, {"diagnostics", list}};
  // Which text of an open document they are about: a client can tell them from late ones.
  if (auto version = versions_.find(path); version != versions_.end()) params["version"] = version->second;
  notify("textDocument/publishDiagnostics", params);
}

Json LanguageServer::hover(const Json& params) {
  std::string path = pathOf(params.at("textDocument"));
  std::optional<HoverText> found = hoverAt(workspace_, path, offsetOf(path, params.at("position")));
  if (!found) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", found->markdown}}},
          {"range", range(found->place.text, found->place.begin, found->place.end)}};
}

Json LanguageServer::definition(const Json& params) {
  std::string path = pathOf(params.at("textDocument"));
  Json out = Json::array();
  for (const PlaceInFile& place : definitionsAt(workspace_, path, offsetOf(path, params.at("position"))))
    out.push_back({{"uri", uriOf(place.path)}, {"range", range(place.text, place.begin, place.end)}});
  return out;
}

Json LanguageServer::references(const Json& params) {
  std::string path = pathOf(params.at("textDocument"));
  Json out = Json::array();
  for (const PlaceInFile& place : referencesAt(workspace_, path, offsetOf(path, params.at("position"))))
    out.push_back({{"uri", uriOf(place.path)}, {"range", range(place.text, place.begin, place.end)}});
  return out;
}

Json LanguageServer::completion(const Json& params) {
  std::string path = pathOf(params.at("textDocument"));
  std::string text;
  workspace_.textOf(path, text);
  Json items = Json::array();
  for (const Completion& c : completionsAt(workspace_, path, text, offsetOf(path, params.at("position"))))
    items.push_back({{"label", c.label}, {"kind", completionKind(c.kind)}, {"detail", c.detail}});
  return {{"isIncomplete", false}, {"items", items}};
}

Json LanguageServer::documentSymbols(const Json& params) {
  std::string path = pathOf(params.at("textDocument"));
  std::string text;
  workspace_.textOf(path, text);
  std::optional<std::vector<OutlineSymbol>> symbols = outline(text);
  if (!symbols) return nullptr;
  std::function<Json(const OutlineSymbol&)> toJson = [&](const OutlineSymbol& s) {
    Json children = Json::array();
    for (const OutlineSymbol& child : s.children) children.push_back(toJson(child));
    Json out = {{"name", s.name.empty() ? "?" : s.name},
                {"kind", symbolKind(s.kind)},
                {"range", range(text, s.span.begin, s.span.end)},
                {"selectionRange", range(text, s.nameSpan.begin, s.nameSpan.end)},
                {"children", children}};
    if (!s.detail.empty()) out["detail"] = s.detail;
    return out;
  };
  Json out = Json::array();
  for (const OutlineSymbol& s : *symbols) out.push_back(toJson(s));
  return out;
}

Json LanguageServer::formatting(const Json& params) {
  std::string path = pathOf(params.at("textDocument"));
  std::string text;
  if (!workspace_.textOf(path, text)) return nullptr;
  SourceManager sources;
  FileId file = sources.add(path, text);
  Diagnostics diags;
  std::optional<format::Formatted> formatted = format::formatSource(sources, file, diags);
  // A file that does not parse has no layout; its diagnostics say why.
  if (!formatted || !formatted->internalError.empty()) return nullptr;
  if (formatted->text == text) return Json::array();
  return Json::array({{{"range", range(text, 0, static_cast<uint32_t>(text.size()))}, {"newText", formatted->text}}});
}

// Quick fixes for the diagnostics in the range the client asks about.
Json LanguageServer::codeActions(const Json& params) {
  std::string path = pathOf(params.at("textDocument"));
  std::string text;
  workspace_.textOf(path, text);
  const Json& asked = params.at("range");
  uint32_t from = offsetOf(path, asked.at("start")), to = offsetOf(path, asked.at("end"));
  Json out = Json::array();
  for (const auto& [root, diagnostic] : workspace_.diagnosticsOf(path)) {
    if (diagnostic->span.end < from || diagnostic->span.begin > to) continue;
    for (const CodeAction& action : codeActionsFor(*root, *diagnostic)) {
      Json edits = Json::array();
      for (const TextReplacement& edit : action.edits)
        edits.push_back({{"range", range(text, edit.begin, edit.end)}, {"newText", edit.text}});
      out.push_back({{"title", action.title},
                     {"kind", "quickfix"},
                     {"diagnostics", Json::array({diagnosticJson(*root, *diagnostic, path)})},
                     {"edit", {{"changes", {{uriOf(path), edits}}}}}});
    }
  }
  return out;
}

Json LanguageServer::rename(const Json& params) {
  std::string path = pathOf(params.at("textDocument"));
  std::string newName = params.at("newName").get<std::string>();
  if (!isPlainName(newName))
    throw RequestError{kInvalidParams, fmt::format("{} is not a name (nor may it be a keyword)", newName)};
  uint32_t offset = offsetOf(path, params.at("position"));
  if (!renameableAt(workspace_, path, offset))
    throw RequestError{kInvalidParams, "no field, parameter or 设 name here"};
  Json changes = Json::object();
  for (const PlaceInFile& place : referencesAt(workspace_, path, offset))
    changes[uriOf(place.path)].push_back({{"range", range(place.text, place.begin, place.end)}, {"newText", newName}});
  return {{"changes", changes}};
}

}  // namespace zc::lsp
