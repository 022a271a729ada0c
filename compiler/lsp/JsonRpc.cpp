#include "lsp/JsonRpc.h"

#include <cstring>

namespace zc::lsp {

namespace {

// One header line without its CR LF; nothing at the end of the input.
std::optional<std::string> readHeaderLine(std::FILE* in) {
  std::string line;
  for (int c; (c = std::fgetc(in)) != EOF;) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (line.size() > 4096) return std::nullopt;  // no header is this long
    line += static_cast<char>(c);
  }
  return std::nullopt;
}

}  // namespace

std::optional<IncomingMessage> readMessage(std::FILE* in) {
  std::optional<size_t> length;
  while (true) {
    std::optional<std::string> line = readHeaderLine(in);
    if (!line) return std::nullopt;
    if (line->empty()) {
      if (length) break;
      continue;  // stray blank lines between messages
    }
    constexpr std::string_view kLength = "content-length:";
    if (line->size() > kLength.size() && strncasecmp(line->c_str(), kLength.data(), kLength.size()) == 0) {
      try {
        length = std::stoull(line->substr(kLength.size()));
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
  }
  if (*length > kMaxMessageBytes) return std::nullopt;
  std::string body(*length, '\0');
  if (std::fread(body.data(), 1, body.size(), in) != body.size()) return std::nullopt;
  IncomingMessage message;
  try {
    message.json = Json::parse(body);
  } catch (const Json::exception& e) {
    message.problem = e.what();
  }
  return message;
}

bool writeMessage(std::FILE* out, const Json& message) {
  // Invalid UTF-8 in a file's text is replaced, not a reason to throw.
  std::string body = message.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string header = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  return std::fwrite(header.data(), 1, header.size(), out) == header.size() &&
         std::fwrite(body.data(), 1, body.size(), out) == body.size() && std::fflush(out) == 0;
}

}  // namespace zc::lsp
