// libFuzzer target: any bytes as what a client sends zc serve, read by the
// server's request parser (compiler/serve/HttpRequestParser.cpp) in pieces
// of the sizes the first byte chooses, request after request, each body's
// Content-Encoding undone as HttpApi does. The bounds must hold: no request
// over the body limit or with more headers than allowed, every refusal a 4xx
// with a reason, and no crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "serve/ContentEncoding.h"
#include "serve/HttpErrorText.h"
#include "serve/HttpRequestParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  size_t piece = data[0] % 64 + 1;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  zc::serve::HttpLimits limits{256, 8, 4096};
  zc::serve::HttpRequestParser parser(limits);
  for (size_t at = 0;;) {
    using Step = zc::serve::HttpRequestParser::Step;
    Step step = parser.advance();
    if (step == Step::Failed) {
      const zc::serve::HttpError& error = parser.error();
      if (error.status < 400 || error.status > 499 || zc::serve::httpErrorWords(error).empty()) std::abort();
      return 0;
    }
    if (step == Step::HeadReady) {
      if (parser.request().headers.size() > limits.maxHeaders || parser.request().path.empty()) std::abort();
      continue;
    }
    if (step == Step::Complete) {
      zc::serve::HttpRequest request = parser.request();
      if (request.body.size() > limits.maxBodyBytes || request.path.front() != '/') std::abort();
      if (!request.chunked && request.body.size() != request.contentLength) std::abort();
      std::string_view encoding = request.header("content-encoding");
      if (zc::serve::isReadableEncoding(encoding)) {
        std::optional<zc::serve::HttpError> error =
            zc::serve::decodeContent(encoding, request.body, limits.maxBodyBytes);
        if (error ? zc::serve::httpErrorWords(*error).empty() : request.body.size() > limits.maxBodyBytes) std::abort();
      }
      parser.next();
      continue;
    }
    if (at >= bytes.size()) return 0;
    size_t n = std::min(piece, bytes.size() - at);
    parser.append(bytes.substr(at, n));
    at += n;
  }
}
