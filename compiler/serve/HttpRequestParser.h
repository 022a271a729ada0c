// zc serve's HTTP/1.1 request parser: bytes in as they arrive, a request out,
// within stated bounds (docs/serve.md): a request line and each header line of
// at most 8 KiB, at most 64 headers, a body no larger than --max-body. It holds
// at most one line (or one read) of bytes beyond the body, so a client that
// sends without end costs a bounded amount of memory. It stops after the head
// so the server can refuse a request before reading its body.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zc::serve {

struct HttpLimits {
  size_t maxLineBytes = 8u << 10;  // the request line, each header line, each chunk-size line
  size_t maxHeaders = 64;          // header lines, trailers of a chunked body included
  size_t maxBodyBytes = 16u << 20;
};

struct HttpRequest {
  std::string method, target, path;                          // path: the target without its query
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;                                          // as it came, chunks joined; Content-Encoding not undone
  bool keepAlive = true;
  bool chunked = false;
  uint64_t contentLength = 0;

  // The value of the header `name` (lower case), empty when absent.
  std::string_view header(std::string_view name) const;
};

// Why a request cannot be read (or answered), as a value: the answer's
// status, what is wrong, and what its words name. zc serve says it in
// Chinese, with a code (serve/HttpErrorText.h).
struct HttpError {
  enum class Kind : uint8_t {
    RequestLineTooLong,   // limit: bytes
    HeaderLineTooLong,    // limit: bytes
    ChunkLineTooLong,     // a chunk-size line or a chunk's end; limit: bytes
    TrailerLineTooLong,   // limit: bytes
    BadRequestLine,       // not METHOD TARGET HTTP/1.1
    BadMethod,            // not a word of letters
    NotHttp11,            // detail: the version it names
    BadTarget,            // not a path starting with /
    OnlyBlankLines,       //
    TooManyHeaders,       // limit: header lines
    FoldedHeader,         // obsolete line folding
    BadHeaderLine,        // not NAME: VALUE
    ControlCharacter,     // detail: the header's name
    NoHost,               //
    TwoHosts,             //
    BadTransferEncoding,  // not chunked alone
    TwoLengths,           // two Content-Length headers
    BadLength,            // detail: the Content-Length given
    BodyTooLarge,         // limit: bytes (zc serve --max-body)
    BadBody,              // cut short, a broken chunked or compressed body
    InflaterFailed,       // zlib could not start
    HeadLate,             // limit: seconds
    BodyLate,             // limit: seconds
    Busy,                 // limit: the connections one client address may hold
    Internal,             // detail: what failed inside zc serve
  };
  int status = 400;
  Kind kind = Kind::BadRequestLine;
  std::string detail;
  double limit = 0;
};

class HttpRequestParser {
 public:
  enum class Step { NeedMore, HeadReady, Complete, Failed };

  explicit HttpRequestParser(HttpLimits limits) : limits_(limits) {}

  // Bytes received, held until advance() takes them.
  void append(std::string_view bytes) { buffer_.append(bytes); }
  // Reads as far as the bytes go: HeadReady once the head is read (the body
  // not yet), then NeedMore until Complete; Failed with error() set.
  Step advance();
  // Ready for the next request on the connection, keeping bytes that follow.
  void next();

  const HttpRequest& request() const { return request_; }
  HttpRequest& request() { return request_; }
  const HttpError& error() const { return error_; }
  // No byte of a request received yet (blank lines before one aside).
  bool idle() const { return phase_ == Phase::RequestLine && buffer_.size() == consumed_; }

 private:
  enum class Phase { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done, Failed };

  // The next line without its CR LF (or LF) into `line`; false while it is incomplete.
  bool takeLine(std::string& line, int tooLongStatus, HttpError::Kind tooLong);
  bool requestLine(const std::string& line);
  bool headerLine(const std::string& line, bool trailer);
  bool headDone();
  bool addBody(std::string_view bytes);
  Step fail(int status, HttpError::Kind kind, std::string detail = "", double limit = 0);

  HttpLimits limits_;
  HttpRequest request_;
  HttpError error_;
  std::string buffer_;
  size_t consumed_ = 0;  // of buffer_
  Phase phase_ = Phase::RequestLine;
  bool headReported_ = false;
  uint64_t chunkLeft_ = 0;
  size_t headerCount_ = 0;
  size_t blankLines_ = 0;
};

}  // namespace zc::serve
