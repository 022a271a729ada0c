#include "lsp/LspCommand.h"

#include <fmt/format.h>

#include <cstdio>

#include "lsp/LanguageServer.h"

namespace zc::lsp {

int runLsp() {
  bool writable = true;
  LanguageServer server([&](const Json& message) {
    if (writable && !writeMessage(stdout, message)) writable = false;
  });
  while (!server.exited() && writable) {
    std::optional<IncomingMessage> message = readMessage(stdin);
    if (!message) return 1;
    if (!message->json) {
      fmt::print(stderr, "zc lsp: a message that is not JSON was ignored: {}\n", message->problem);
      writable = writeMessage(
          stdout, {{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32700}, {"message", "parse error"}}}});
      continue;
    }
    server.handle(*message->json);
  }
  return server.exited() ? server.exitCode() : 1;
}

}  // namespace zc::lsp
