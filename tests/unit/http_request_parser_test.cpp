#include <zlib.h>

#include <catch2/catch.hpp>
#include <string>

#include "serve/ChineseErrors.h"
#include "serve/ContentEncoding.h"
#include "serve/HttpRequestParser.h"

using zc::serve::HttpLimits;
using zc::serve::HttpRequestParser;
using Step = HttpRequestParser::Step;

namespace {

// Feeds `bytes` from `at` a piece at a time; the step once they are all given, or a request is complete or fails.
Step feed(HttpRequestParser& parser, const std::string& bytes, size_t piece, size_t& at) {
  Step step = Step::NeedMore;
  for (; at < bytes.size();) {
    at += piece;
    parser.append(std::string_view(bytes).substr(at - piece, piece));
    while ((step = parser.advance()) == Step::HeadReady) {
    }
    if (step == Step::Failed || step == Step::Complete) return step;
  }
  return step;
}

Step feed(HttpRequestParser& parser, const std::string& bytes, size_t piece) {
  size_t at = 0;
  return feed(parser, bytes, piece, at);
}

}  // namespace

TEST_CASE("the HTTP parser reads a request in any pieces, stopping after the head") {
  std::string request =
      "POST /v1/evaluate?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 12\r\n\r\n{\"id\": \"E1\"}GET / HTTP/1.1\r\nHost: a\r\n\r\n";
  for (size_t piece : {1u, 2u, 7u, 1000u}) {
    HttpRequestParser parser(HttpLimits{});
    parser.append(request.substr(0, request.find("\r\n\r\n") + 4));
    REQUIRE(parser.advance() == Step::HeadReady);  // the body not read yet
    CHECK(parser.request().body.empty());
    HttpRequestParser pieces(HttpLimits{});
    size_t at = 0;
    REQUIRE(feed(pieces, request, piece, at) == Step::Complete);
    CHECK(pieces.request().method == "POST");
    CHECK(pieces.request().path == "/v1/evaluate");
    CHECK(pieces.request().body == "{\"id\": \"E1\"}");
    CHECK(pieces.request().header("content-type") == "application/json");
    pieces.next();
    Step step;
    while ((step = pieces.advance()) == Step::HeadReady) {  // the bytes of the next request already given
    }
    if (step != Step::Complete) step = feed(pieces, request, piece, at);
    CHECK(step == Step::Complete);
    CHECK(pieces.request().path == "/");
  }
}

TEST_CASE("the HTTP parser reads a chunked body and drops its trailers") {
  HttpRequestParser parser(HttpLimits{});
  REQUIRE(feed(parser,
               "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n"
               "0\r\nX-Trailer: 1\r\n\r\n",
               3) == Step::Complete);
  CHECK(parser.request().body == "hello world");
  CHECK(parser.request().header("x-trailer").empty());
}

TEST_CASE("the HTTP parser refuses what is over its bounds or not HTTP/1.1, with a status and a reason") {
  HttpLimits limits{64, 4, 100};
  struct Case {
    std::string bytes;
    int status;
    std::string words;
  };
  std::vector<Case> cases = {
      {"GET /" + std::string(100, 'a'), 414, "请求行超过 64 字节"},  // no newline yet: refused all the same
      {"GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(100, 'y'), 431, "请求头中有一行超过 64 字节"},
      {"GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\n\r\n", 431, "超过 4 行"},
      {"GET / HTTP/1.0\r\nHost: a\r\n\r\n", 400, "只接受 HTTP/1.1，这个请求是 HTTP/1.0"},
      {"GET / HTTP/1.1\r\n\r\n", 400, "没有 Host"},
      {"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "不止一个 Host"},
      {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n", 400, "不是以字节计的长度"},
      {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", 400, "不是以字节计的长度"},
      {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", 400, "不是以字节计的长度"},
      {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n", 413, "100 字节"},
      {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413, "100 字节"},
      {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", 400, "不止一个 Content-Length"},
      {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "单独的 chunked"},
      {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 400, "单独的 chunked"},
      {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n", 413, "100 字节"},
      {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "无法读取"},
      {"GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400, "折到了下一行"},
      {"GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400, "名称: 值"},
      {"GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", 400, "以 / 开头"},
      {"G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400, "方法"},
  };
  for (const Case& c : cases) {
    INFO(c.bytes);
    HttpRequestParser parser(limits);
    REQUIRE(feed(parser, c.bytes, 5) == Step::Failed);
    CHECK(parser.error().status == c.status);
    CHECK_THAT(zc::serve::httpRefusal(parser.error()).message, Catch::Contains(c.words));
  }
}

TEST_CASE("a compressed body is inflated within the limit") {
  std::string text(5000, 'x'), packed(compressBound(text.size()), '\0');
  uLongf size = packed.size();
  REQUIRE(compress(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(text.data()),
                   text.size()) == Z_OK);
  packed.resize(size);
  std::string body = packed;
  CHECK_FALSE(zc::serve::decodeContent("deflate", body, 5000));
  CHECK(body == text);
  body = packed;
  auto error = zc::serve::decodeContent("deflate", body, 4999);
  REQUIRE(error);
  CHECK(error->status == 413);
  body = packed.substr(0, packed.size() / 2);
  error = zc::serve::decodeContent("deflate", body, 5000);
  REQUIRE(error);
  CHECK(error->status == 400);
  CHECK_FALSE(zc::serve::isReadableEncoding("zstd"));
  CHECK(zc::serve::isReadableEncoding("GZIP"));
}
