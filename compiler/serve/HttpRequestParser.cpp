#include "serve/HttpRequestParser.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace zc::serve {

namespace {

// RFC 9110's token characters: methods and header names.
bool isTokenChar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool isToken(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return isTokenChar(static_cast<unsigned char>(c)); });
}

std::string lowerCase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Blank lines a client may send before a request line (RFC 9112 §2.2).
constexpr size_t kMaxBlankLines = 8;

}  // namespace

std::string_view HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (key == name) return value;
  return {};
}

HttpRequestParser::Step HttpRequestParser::fail(int status, HttpError::Kind kind, std::string detail, double limit) {
  phase_ = Phase::Failed;
  error_ = {status, kind, std::move(detail), limit};
  return Step::Failed;
}

bool HttpRequestParser::takeLine(std::string& line, int tooLongStatus, HttpError::Kind tooLong) {
  size_t end = buffer_.find('\n', consumed_);
  size_t length = (end == std::string::npos ? buffer_.size() : end) - consumed_;
  if (length > limits_.maxLineBytes) {
    fail(tooLongStatus, tooLong, "", static_cast<double>(limits_.maxLineBytes));
    return false;
  }
  if (end == std::string::npos) return false;
  line.assign(buffer_, consumed_, length);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  consumed_ = end + 1;
  return true;
}

bool HttpRequestParser::requestLine(const std::string& line) {
  size_t first = line.find(' ');
  size_t second = first == std::string::npos ? first : line.find(' ', first + 1);
  if (second == std::string::npos || line.find(' ', second + 1) != std::string::npos) {
    fail(400, HttpError::Kind::BadRequestLine);
    return false;
  }
  std::string_view method(line.data(), first), target(line.data() + first + 1, second - first - 1),
      version(line.data() + second + 1, line.size() - second - 1);
  if (!isToken(method)) {
    fail(400, HttpError::Kind::BadMethod);
    return false;
  }
  if (version != "HTTP/1.1") {
    if (version.starts_with("HTTP/"))
      fail(400, HttpError::Kind::NotHttp11, std::string(version.substr(0, 16)));
    else
      fail(400, HttpError::Kind::BadRequestLine);
    return false;
  }
  if (!target.starts_with('/') || std::any_of(target.begin(), target.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
      })) {
    fail(400, HttpError::Kind::BadTarget);
    return false;
  }
  request_.method = method;
  request_.target = target;
  request_.path = target.substr(0, target.find('?'));
  return true;
}

bool HttpRequestParser::headerLine(const std::string& line, bool trailer) {
  if (++headerCount_ > limits_.maxHeaders) {
    fail(431, HttpError::Kind::TooManyHeaders, "", static_cast<double>(limits_.maxHeaders));
    return false;
  }
  if (line.front() == ' ' || line.front() == '\t') {
    fail(400, HttpError::Kind::FoldedHeader);
    return false;
  }
  size_t colon = line.find(':');
  std::string_view name = colon == std::string::npos ? std::string_view() : std::string_view(line).substr(0, colon);
  if (!isToken(name)) {
    fail(400, HttpError::Kind::BadHeaderLine);
    return false;
  }
  std::string_view value = trimmed(std::string_view(line).substr(colon + 1));
  if (std::any_of(value.begin(), value.end(),
                  [](char c) { return (static_cast<unsigned char>(c) < ' ' && c != '\t') || c == 0x7f; })) {
    fail(400, HttpError::Kind::ControlCharacter, std::string(name));
    return false;
  }
  if (!trailer) request_.headers.emplace_back(lowerCase(name), value);  // a trailer is read and dropped
  return true;
}

bool HttpRequestParser::headDone() {
  size_t hosts = 0, lengths = 0, encodings = 0;
  for (const auto& [name, value] : request_.headers) {
    if (name == "host")
      ++hosts;
    else if (name == "content-length")
      ++lengths;
    else if (name == "transfer-encoding")
      ++encodings;
  }
  if (hosts != 1) {
    fail(400, hosts == 0 ? HttpError::Kind::NoHost : HttpError::Kind::TwoHosts);
    return false;
  }
  std::string connection = lowerCase(request_.header("connection"));
  request_.keepAlive = connection.find("close") == std::string::npos;
  if (encodings > 0) {
    // A length and a transfer coding together are how requests are smuggled past a proxy.
    if (lengths > 0 || encodings > 1 || lowerCase(request_.header("transfer-encoding")) != "chunked") {
      fail(400, HttpError::Kind::BadTransferEncoding);
      return false;
    }
    request_.chunked = true;
    phase_ = Phase::ChunkSize;
    return true;
  }
  if (lengths > 1) {
    fail(400, HttpError::Kind::TwoLengths);
    return false;
  }
  std::string_view announced = request_.header("content-length");
  if (lengths == 1) {
    // Digits only: no sign, no space, no hexadecimal.
    auto [end, ec] = std::from_chars(announced.data(), announced.data() + announced.size(), request_.contentLength);
    bool digits = std::all_of(announced.begin(), announced.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (announced.empty() || !digits || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
      fail(400, HttpError::Kind::BadLength, std::string(announced.substr(0, 40)));
      return false;
    }
    if (ec == std::errc::result_out_of_range || request_.contentLength > limits_.maxBodyBytes) {
      fail(413, HttpError::Kind::BodyTooLarge, "", static_cast<double>(limits_.maxBodyBytes));
      return false;
    }
  }
  phase_ = Phase::Body;
  return true;
}

bool HttpRequestParser::addBody(std::string_view bytes) {
  if (request_.body.size() + bytes.size() > limits_.maxBodyBytes) {
    fail(413, HttpError::Kind::BodyTooLarge, "", static_cast<double>(limits_.maxBodyBytes));
    return false;
  }
  request_.body.append(bytes);
  return true;
}

HttpRequestParser::Step HttpRequestParser::advance() {
  std::string line;
  for (;;) {
    switch (phase_) {
      case Phase::RequestLine:
        if (!takeLine(line, 414, HttpError::Kind::RequestLineTooLong))
          return phase_ == Phase::Failed ? Step::Failed : Step::NeedMore;
        if (line.empty()) {
          if (++blankLines_ > kMaxBlankLines) return fail(400, HttpError::Kind::OnlyBlankLines);
          break;
        }
        if (!requestLine(line)) return Step::Failed;
        phase_ = Phase::Headers;
        break;
      case Phase::Headers:
        if (!takeLine(line, 431, HttpError::Kind::HeaderLineTooLong))
          return phase_ == Phase::Failed ? Step::Failed : Step::NeedMore;
        if (line.empty()) {
          if (!headDone()) return Step::Failed;
        } else if (!headerLine(line, false)) {
          return Step::Failed;
        }
        break;
      case Phase::Body: {
        if (!headReported_) {
          headReported_ = true;
          return Step::HeadReady;
        }
        size_t take = std::min<uint64_t>(request_.contentLength - request_.body.size(), buffer_.size() - consumed_);
        request_.body.append(buffer_, consumed_, take);
        consumed_ += take;
        if (request_.body.size() < request_.contentLength) {
          buffer_.clear();
          consumed_ = 0;
          return Step::NeedMore;
        }
        phase_ = Phase::Done;
        break;
      }
      case Phase::ChunkSize: {
        if (!headReported_) {
          headReported_ = true;
          return Step::HeadReady;
        }
        if (!takeLine(line, 400, HttpError::Kind::ChunkLineTooLong))
          return phase_ == Phase::Failed ? Step::Failed : Step::NeedMore;
        std::string_view size = std::string_view(line).substr(0, line.find(';'));  // chunk extensions are ignored
        size = trimmed(size);
        auto [end, ec] = std::from_chars(size.data(), size.data() + size.size(), chunkLeft_, 16);
        if (size.empty() || size.size() > 16 || ec != std::errc() || end != size.data() + size.size())
          return fail(400, HttpError::Kind::BadBody);
        if (chunkLeft_ > limits_.maxBodyBytes - request_.body.size())
          return fail(413, HttpError::Kind::BodyTooLarge, "", static_cast<double>(limits_.maxBodyBytes));
        phase_ = chunkLeft_ == 0 ? Phase::Trailers : Phase::ChunkData;
        break;
      }
      case Phase::ChunkData: {
        size_t take = std::min<uint64_t>(chunkLeft_, buffer_.size() - consumed_);
        if (!addBody(std::string_view(buffer_).substr(consumed_, take))) return Step::Failed;
        consumed_ += take;
        chunkLeft_ -= take;
        if (chunkLeft_ > 0) {
          buffer_.clear();
          consumed_ = 0;
          return Step::NeedMore;
        }
        phase_ = Phase::ChunkEnd;
        break;
      }
      case Phase::ChunkEnd:
        if (!takeLine(line, 400, HttpError::Kind::ChunkLineTooLong))
          return phase_ == Phase::Failed ? Step::Failed : Step::NeedMore;
        if (!line.empty()) return fail(400, HttpError::Kind::BadBody);
        phase_ = Phase::ChunkSize;
        break;
      case Phase::Trailers:
        if (!takeLine(line, 431, HttpError::Kind::TrailerLineTooLong))
          return phase_ == Phase::Failed ? Step::Failed : Step::NeedMore;
        if (line.empty())
          phase_ = Phase::Done;
        else if (!headerLine(line, true))
          return Step::Failed;
        break;
      case Phase::Done:
        buffer_.erase(0, consumed_);
        consumed_ = 0;
        return Step::Complete;
      case Phase::Failed:
        return Step::Failed;
    }
  }
}

void HttpRequestParser::next() {
  buffer_.erase(0, consumed_);
  consumed_ = 0;
  request_ = HttpRequest{};
  error_ = HttpError{};
  phase_ = Phase::RequestLine;
  headReported_ = false;
  chunkLeft_ = 0;
  headerCount_ = 0;
  blankLines_ = 0;
}

}  // namespace zc::serve
