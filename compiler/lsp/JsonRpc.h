// JSON-RPC 2.0 as the Language Server Protocol frames it: a header
// "Content-Length: N" and a blank line, then N bytes of JSON (nlohmann::json).
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace zc::lsp {

using Json = nlohmann::json;

// The most a message may hold; a longer one is refused, not buffered.
constexpr size_t kMaxMessageBytes = size_t{64} << 20;

struct IncomingMessage {
  std::optional<Json> json;  // nothing: the body was not JSON
  std::string problem;       // why not, for the log
};

// The next message from in; nothing at the end of the input or when the
// framing is broken beyond recovery.
std::optional<IncomingMessage> readMessage(std::FILE* in);

// Writes one message and flushes; false when out cannot be written.
bool writeMessage(std::FILE* out, const Json& message);

}  // namespace zc::lsp
