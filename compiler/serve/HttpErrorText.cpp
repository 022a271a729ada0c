#include "serve/HttpErrorText.h"

#include <fmt/format.h>

namespace zc::serve {

std::string_view httpErrorCode(const HttpError& error) {
  switch (error.status) {
    case 408:
      return "timeout";
    case 413:
      return "too_large";
    case 414:
      return "line_too_long";
    case 431:
      return "headers_too_large";
    case 503:
      return "busy";
    case 500:
      return "internal_error";
    default:
      return "bad_request";
  }
}

std::string httpErrorWords(const HttpError& e) {
  using K = HttpError::Kind;
  switch (e.kind) {
    case K::RequestLineTooLong:
      return fmt::format("请求行超过 {} 字节的上限", e.limit);
    case K::HeaderLineTooLong:
      return fmt::format("请求头中有一行超过 {} 字节的上限", e.limit);
    case K::ChunkLineTooLong:
      return fmt::format("分块传输的内容中有一行超过 {} 字节的上限", e.limit);
    case K::TrailerLineTooLong:
      return fmt::format("分块传输之后的尾部字段中有一行超过 {} 字节的上限", e.limit);
    case K::BadRequestLine:
      return "请求行不是“方法 路径 HTTP/1.1”的形式";
    case K::BadMethod:
      return "请求的方法不是由字母组成的词";
    case K::NotHttp11:
      return fmt::format("zc serve 只接受 HTTP/1.1，这个请求是 {}", e.detail);
    case K::BadTarget:
      return "请求的路径不是以 / 开头的路径";
    case K::OnlyBlankLines:
      return "请求只有空行";
    case K::TooManyHeaders:
      return fmt::format("请求头超过 {} 行的上限", e.limit);
    case K::FoldedHeader:
      return "请求头中有一行折到了下一行（不接受已废弃的折行写法）";
    case K::BadHeaderLine:
      return "请求头中有一行不是“名称: 值”的形式";
    case K::ControlCharacter:
      return fmt::format("请求头 {} 含有控制字符", e.detail);
    case K::NoHost:
      return "请求没有 Host 头（HTTP/1.1 要求有一个）";
    case K::TwoHosts:
      return "请求有不止一个 Host 头";
    case K::BadTransferEncoding:
      return "Transfer-Encoding 只能是单独的 chunked，且不能与 Content-Length 同时给出";
    case K::TwoLengths:
      return "请求有不止一个 Content-Length 头";
    case K::BadLength:
      return fmt::format("Content-Length“{}”不是以字节计的长度", e.detail);
    case K::BodyTooLarge:
      return fmt::format("请求的内容超过 {} 字节的上限（zc serve --max-body）", e.limit);
    case K::BadBody:
      return "无法读取请求的内容（内容不完整，或分块、压缩有误）";
    case K::InflaterFailed:
      return "无法开始解压请求的内容";
    case K::HeadLate:
      return fmt::format("请求头未能在 {} 秒内到达", e.limit);
    case K::BodyLate:
      return fmt::format("请求的内容未能在 {} 秒的时限内到达（zc serve --time-limit）", e.limit);
    case K::Busy:
      return fmt::format(
          "这个客户端地址已有 {} 个连接，是 zc serve 对一个地址接受的上限（zc serve --max-client-connections）",
          e.limit);
    case K::Internal:
      return fmt::format("zc serve 处理这个请求时出错（{}）；请报告这个问题", e.detail);
  }
  return "无法读取这个请求";
}

}  // namespace zc::serve
