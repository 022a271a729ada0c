// zc lsp: the Language Server Protocol over standard input and output
// (docs/editor.md). Each message is handled in turn; a notification that
// changes a document re-checks the rulesets that read it and publishes
// their diagnostics before the next message is read.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "lsp/JsonRpc.h"
#include "lsp/TextPosition.h"
#include "lsp/Workspace.h"

namespace zc::lsp {

class LanguageServer {
 public:
  // send writes one message to the client.
  explicit LanguageServer(std::function<void(const Json&)> send) : send_(std::move(send)) {}

  void handle(const Json& message);
  // After exit: 0 when shutdown came first, 1 otherwise (the protocol's rule).
  bool exited() const { return exited_; }
  int exitCode() const { return shutdown_ ? 0 : 1; }

 private:
  Json dispatch(const std::string& method, const Json& params);
  void notify(const std::string& method, const Json& params);

  Json initialize(const Json& params);
  void publishDiagnostics(const std::string& path);
  void changed(const std::string& path);

  Json hover(const Json& params);
  Json definition(const Json& params);
  Json references(const Json& params);
  Json completion(const Json& params);
  Json documentSymbols(const Json& params);
  Json formatting(const Json& params);
  Json rename(const Json& params);
  Json codeActions(const Json& params);
  Json diagnosticJson(const CheckedRoot& root, const Diagnostic& diagnostic, const std::string& path) const;

  // The document a request names, and the byte offset of its position.
  std::string pathOf(const Json& textDocument);
  uint32_t offsetOf(const std::string& path, const Json& position);
  Json range(std::string_view text, uint32_t begin, uint32_t end) const;
  std::string uriOf(const std::string& path) const;

  std::function<void(const Json&)> send_;
  Workspace workspace_;
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  std::map<std::string, std::string> uris_;  // path → the URI the client named it by
  std::map<std::string, int64_t> versions_;  // path → the client's version of an open document
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
};

}  // namespace zc::lsp
