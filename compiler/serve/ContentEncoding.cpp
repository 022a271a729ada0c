#include "serve/ContentEncoding.h"

#include <fmt/format.h>
#include <zlib.h>

namespace zc::serve {

namespace {

std::string lowerCase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

bool isReadableEncoding(std::string_view encoding) {
  std::string e = lowerCase(encoding);
  return e.empty() || e == "identity" || e == "gzip" || e == "x-gzip" || e == "deflate";
}

std::optional<HttpError> decodeContent(std::string_view encoding, std::string& body, size_t maxBytes) {
  std::string e = lowerCase(encoding);
  if (e.empty() || e == "identity") return std::nullopt;
  z_stream stream{};
  // 16 + MAX_WBITS reads a gzip header; MAX_WBITS a zlib (deflate) one.
  if (inflateInit2(&stream, e == "deflate" ? MAX_WBITS : 16 + MAX_WBITS) != Z_OK)
    return HttpError{500, HttpError::Kind::InflaterFailed};
  std::string out;
  char chunk[64 * 1024];
  stream.next_in = reinterpret_cast<Bytef*>(body.data());
  stream.avail_in = static_cast<uInt>(body.size());
  int status = Z_OK;
  std::optional<HttpError> error;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      error = HttpError{400, HttpError::Kind::BadBody};
      break;
    }
    size_t produced = sizeof chunk - stream.avail_out;
    if (out.size() + produced > maxBytes) {
      error = HttpError{413, HttpError::Kind::BodyTooLarge, "", static_cast<double>(maxBytes)};
      break;
    }
    out.append(chunk, produced);
    if (status == Z_OK && stream.avail_in == 0 && produced == 0) {
      error = HttpError{400, HttpError::Kind::BadBody};
      break;
    }
  }
  inflateEnd(&stream);
  if (!error) body = std::move(out);
  return error;
}

}  // namespace zc::serve
