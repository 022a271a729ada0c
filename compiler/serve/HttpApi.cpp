#include "serve/HttpApi.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>

#include "describe/RulesetDescription.h"
#include "interp/ExplanationJson.h"
#include "interp/PartialEvaluation.h"
#include "interp/PartialEvaluationText.h"
#include "serve/ChineseErrors.h"
#include "serve/ContentEncoding.h"
#include "serve/WebPage.h"
#include "zc/json_reader.h"

namespace zc::serve {

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kJsonLines = "application/x-ndjson; charset=utf-8";
constexpr const char* kRoutes =
    "GET /, GET /ruleset, GET /openapi.json, POST /evaluate, POST /explain, POST /partial (each also under /v1/)";

// {"error": "…", "code": "…", "field": "…", "id": "…"}: the message in
// Chinese, the code for programs; the field where a record's problem names
// one, the id only where a record's could be read.
std::string errorJson(const Refusal& refusal, std::string_view id = {}) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("error");
  w.String(refusal.message.data(), static_cast<rapidjson::SizeType>(refusal.message.size()));
  w.Key("code");
  w.String(refusal.code.data(), static_cast<rapidjson::SizeType>(refusal.code.size()));
  if (!refusal.field.empty()) {
    w.Key("field");
    w.String(refusal.field.data(), static_cast<rapidjson::SizeType>(refusal.field.size()));
  }
  if (!id.empty()) {
    w.Key("id");
    w.String(id.data(), static_cast<rapidjson::SizeType>(id.size()));
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

// Zc-Warnings: a JSON array of messages, non-ASCII escaped, so a header can carry it.
void addWarnings(HttpResponse& response, const std::vector<std::string>& messages) {
  if (messages.empty()) return;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::ASCII<>> w(buffer);
  w.StartArray();
  for (const std::string& m : messages) w.String(m.data(), static_cast<rapidjson::SizeType>(m.size()));
  w.EndArray();
  response.headers.emplace_back("Zc-Warnings", std::string(buffer.GetString(), buffer.GetSize()));
}

std::string unknownField(std::string_view field) { return fmt::format("规则集中没有字段“{}”，已忽略", field); }

HttpResponse errorResponse(int status, const Refusal& refusal, std::string_view id = {}) {
  return HttpResponse{status, kJson, errorJson(refusal, id), {}, false};
}

HttpResponse content(std::string body, const char* type) { return HttpResponse{200, type, std::move(body), {}, false}; }

// The Content-Type's media type, lower case, without parameters (charset).
std::string mediaType(const HttpRequest& request) {
  std::string type(request.header("content-type"));
  type = type.substr(0, type.find(';'));
  type.erase(type.find_last_not_of(" \t") + 1);
  type.erase(0, type.find_first_not_of(" \t"));
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type;
}

bool isJsonLines(const std::string& type) {
  return type == "application/x-ndjson" || type == "application/jsonl" || type == "application/x-jsonlines";
}

std::string_view withoutByteOrderMark(std::string_view json) {
  if (json.starts_with(rt::kUtf8ByteOrderMark)) json.remove_prefix(rt::kUtf8ByteOrderMark.size());
  return json;
}

// A request's Host without its port: 127.0.0.1, localhost, [::1].
std::string hostName(const HttpRequest& request) {
  std::string host(request.header("host"));
  if (host.starts_with('[')) return host.substr(0, host.find(']') + 1);
  return host.substr(0, host.find(':'));
}

// The route a path names: /v1/evaluate is /evaluate.
std::string_view route(std::string_view path) {
  if (path == "/v1") return "/";
  if (path.starts_with("/v1/")) path.remove_prefix(3);
  return path;
}

// The methods a route takes; empty for a path that is not one.
std::string_view allowed(std::string_view route) {
  if (route == "/" || route == "/index.html" || route == "/ruleset" || route == "/openapi.json") return "GET, HEAD";
  if (route == "/evaluate" || route == "/explain" || route == "/partial") return "POST";
  return {};
}

Refusal tooLarge(size_t limit, std::string_view option) {
  return {"too_large", fmt::format("请求的内容超过 {} 字节的上限（zc serve {}）", limit, option), ""};
}

Refusal tooSlow(std::string_view what, std::chrono::seconds limit, std::string_view advice) {
  return {"too_slow", fmt::format("{}未能在 {} 秒的时限内完成（zc serve --time-limit）{}", what, limit.count(), advice),
          ""};
}

}  // namespace

HttpApi::HttpApi(const frontend::Compilation& compilation, EnginePool& pool, std::string description, Limits limits,
                 bool loopback)
    : compilation_(compilation),
      pool_(pool),
      dependencies_(compilation.ruleset.program),
      sink_(makeResultSink("jsonl")),
      description_(std::move(description)),
      limits_(limits),
      loopback_(loopback) {
  std::vector<std::string_view> texts;
  for (size_t i = 0; i < compilation.sources.size(); ++i)
    texts.push_back(compilation.sources.file(static_cast<FileId>(i)).text());
  identity_ = identifyRuleset("", texts);
}

// The HTTP layer's own refusals, in Chinese like the others, with their codes;
// a body over the limit names the option that sets it.
HttpResponse HttpApi::refuse(const HttpError& error) {
  if (error.status == 413) return errorResponse(413, tooLarge(limits_.maxBodyBytes, "--max-body"));
  return errorResponse(error.status, httpRefusal(error));
}

std::optional<HttpResponse> HttpApi::admit(const HttpRequest& head) {
  if (loopback_) {
    std::string host = hostName(head);
    if (host != "127.0.0.1" && host != "localhost" && host != "[::1]")
      return errorResponse(403,
                           {"forbidden_host",
                            fmt::format("请求的主机是“{}”；在本机地址上运行的 zc serve 只回答 localhost、127.0.0.1 "
                                        "和 [::1]（以免网页借 DNS 重绑定访问它）",
                                        host),
                            ""});
  }
  std::string_view path = route(head.path);
  std::string_view allow = allowed(path);
  if (allow.empty())
    return errorResponse(404, {"not_found", fmt::format("{} 处没有内容；zc serve 提供 {}", head.path, kRoutes), ""});
  bool get = allow != "POST";
  if (get ? head.method != "GET" && head.method != "HEAD" : head.method != "POST") {
    HttpResponse response =
        errorResponse(405, {"method_not_allowed",
                            fmt::format("不提供 {} {}；{} 只接受 {}", head.method, head.path, head.path, allow), ""});
    response.headers.emplace_back("Allow", allow);
    return response;
  }
  if (get) return std::nullopt;
  std::string type = mediaType(head);
  if (path == "/evaluate" && !isJsonLines(type) && type != "application/json")
    return errorResponse(415, {"unsupported_media_type",
                               fmt::format("POST /evaluate 接受 application/json 的一条记录，或 application/x-ndjson "
                                           "的 JSON Lines；这个请求的 Content-Type 是“{}”",
                                           head.header("content-type")),
                               ""});
  if ((path == "/explain" || path == "/partial") && type != "application/json")
    return errorResponse(415, {"unsupported_media_type",
                               fmt::format("POST {} 接受 application/json 的一条记录；这个请求的 Content-Type 是“{}”",
                                           path, head.header("content-type")),
                               ""});
  if (!isReadableEncoding(head.header("content-encoding")))
    return errorResponse(
        415, {"unsupported_encoding",
              fmt::format("无法读取 Content-Encoding 为“{}”的内容；zc serve 读取 gzip、deflate 或未压缩的内容",
                          head.header("content-encoding")),
              ""});
  if ((path == "/explain" || path == "/partial") && head.contentLength > limits_.maxExplainBodyBytes)
    return errorResponse(413, tooLarge(limits_.maxExplainBodyBytes, "--max-explain-body"));
  return std::nullopt;
}

HttpResponse HttpApi::respond(HttpRequest& request, Clock::time_point deadline) {
  std::string_view path = route(request.path);
  if (path == "/" || path == "/index.html") {
    HttpResponse page = content(kWebPageText, "text/html; charset=utf-8");
    page.headers.emplace_back("Content-Security-Policy",
                              "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                              "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                              "frame-ancestors 'none'");
    return page;
  }
  if (path == "/ruleset") return content(description_, kJson);
  if (path == "/openapi.json") return content(kOpenApiText, kJson);
  bool small = path == "/explain" || path == "/partial";
  size_t limit = small ? limits_.maxExplainBodyBytes : limits_.maxBodyBytes;
  if (request.body.size() > limit) return errorResponse(413, tooLarge(limit, "--max-explain-body"));
  if (std::optional<HttpError> error = decodeContent(request.header("content-encoding"), request.body, limit))
    return errorResponse(error->status,
                         error->status == 413
                             ? tooLarge(limit, small ? "--max-explain-body" : "--max-body")
                             : Refusal{"unreadable_body", "无法读取请求的内容（内容不完整，或分块、压缩有误）", ""});
  HttpResponse answer = path == "/explain"   ? explain(request, deadline)
                        : path == "/partial" ? partial(request, deadline)
                                             : evaluate(request, deadline);
  // An evaluation names the rules and the zc behind it (docs/serve.md), so a
  // paid amount can be traced to them.
  answer.headers.emplace_back("Zc-Source-Hash", identity_.sourceHash);
  answer.headers.emplace_back("Zc-Version", identity_.zcVersion);
  return answer;
}

HttpResponse HttpApi::evaluate(const HttpRequest& request, Clock::time_point deadline) {
  EnginePool::Lease worker = pool_.acquire();
  std::unique_ptr<ResultSink::Buffer> out = sink_->newBuffer();

  if (isJsonLines(mediaType(request))) {
    std::vector<rt::JsonLine> batch;
    if (!rt::cutJsonLines(request.body, limits_.maxBatchRecords, batch))
      return errorResponse(
          413, {"too_many_records",
                fmt::format("这批记录超过 {} 条（zc serve --max-batch）；请分批发送", limits_.maxBatchRecords), ""});
    rt::JsonLinesTally tally;
    if (!rt::evaluateJsonLines(worker->core, batch, out->text, tally, [&] { return Clock::now() <= deadline; }))
      return errorResponse(413, tooSlow("这批记录的计算", limits_.timePerRequest, "；请分成更小的批次发送"));
    // As zc run's exit code 2 and its closing line, for a client that wants no parsing to know.
    HttpResponse response = content(std::move(out->text), kJsonLines);
    response.headers.emplace_back("Zc-Records", std::to_string(tally.records));
    response.headers.emplace_back("Zc-Failed-Records", std::to_string(tally.unreadable + tally.clauseErrors));
    std::vector<std::string> warnings;
    for (const auto& [line, field] : tally.unknownFields)
      warnings.push_back(fmt::format("第 {} 行：{}", line, unknownField(field)));
    addWarnings(response, warnings);
    return response;
  }

  // One record: a record that cannot be read is the client's error (400), one
  // that cannot be evaluated is the ruleset's answer about it (422).
  rt::RecordInput input{withoutByteOrderMark(request.body), 1};
  std::optional<HttpResponse> answer;
  worker->core.evaluate(&input, 1, false, [&](const rt::RecordRow& row) {
    if (row.result == nullptr) {
      if (row.evalError != nullptr)
        answer = errorResponse(422, evaluationRefusal(worker->core.engine().resultTable(), *row.evalError), row.id);
      else
        answer = errorResponse(400, recordRefusal(row.decoded), row.id);
      return;
    }
    sink_->addResult(*out, *row.result);
    answer = content(std::move(out->text), kJson);
    std::vector<std::string> warnings;
    for (const std::string& field : row.decoded.unknownFields) warnings.push_back(unknownField(field));
    addWarnings(*answer, warnings);
  });
  return answer ? std::move(*answer) : errorResponse(400, {"no_record", "请求中没有记录", ""});
}

HttpResponse HttpApi::explain(const HttpRequest& request, Clock::time_point deadline) {
  EnginePool::Lease worker = pool_.acquire();
  rt::Record& record = worker->record;
  rt::DecodeOutcome decoded = worker->reader.decode(withoutByteOrderMark(request.body), record);
  if (!decoded.ok) return errorResponse(400, recordRefusal(decoded), decoded.id);
  auto late = [&] { return errorResponse(413, tooSlow("这条记录的计算说明", limits_.timePerRequest, ""), record.id); };
  Evaluation evaluation = worker->interpreter.evaluate(record, true);
  if (Clock::now() > deadline) return late();
  if (evaluation.error)
    return errorResponse(422, evaluationRefusal(worker->interpreter.resultTable(), *evaluation.error), record.id);
  const ir::Program& program = compilation_.ruleset.program;
  std::string explanation = renderExplanationJson(compilation_.sources, program, evaluation) + "\n";
  if (Clock::now() > deadline) return late();
  HttpResponse response = content(std::move(explanation), kJson);
  std::vector<std::string> warnings;
  for (const std::string& field : decoded.unknownFields) warnings.push_back(unknownField(field));
  addWarnings(response, warnings);
  return response;
}

HttpResponse HttpApi::partial(const HttpRequest& request, Clock::time_point deadline) {
  EnginePool::Lease worker = pool_.acquire();
  rt::Record& record = worker->record;
  std::string_view json = withoutByteOrderMark(request.body);
  rt::DecodeOutcome decoded = worker->reader.decode(json, record);
  if (!decoded.ok) return errorResponse(400, recordRefusal(decoded), decoded.id);
  const ir::Program& program = compilation_.ruleset.program;
  PartialEvaluation partial =
      evaluatePartial(worker->interpreter, program, dependencies_, record, fieldsNamed(program.schema, json));
  // As for /explain: the run is not cut short, but an answer after the deadline is refused.
  if (Clock::now() > deadline)
    return errorResponse(413, tooSlow("这条记录的判定", limits_.timePerRequest, ""), record.id);
  if (partial.evaluation.error)
    return errorResponse(422, evaluationRefusal(worker->interpreter.resultTable(), *partial.evaluation.error),
                         record.id);
  HttpResponse response = content(renderPartialJson(compilation_.sources, program, partial) + "\n", kJson);
  std::vector<std::string> warnings;
  for (const std::string& field : decoded.unknownFields) warnings.push_back(unknownField(field));
  addWarnings(response, warnings);
  return response;
}

}  // namespace zc::serve
