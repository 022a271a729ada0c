#include "serve/HttpApi.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "describe/RulesetDescription.h"
#include "interp/ExplanationJson.h"
#include "serve/WebPage.h"
#include "zc/json_reader.h"

namespace zc::serve {

namespace {

using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;
using Clock = std::chrono::steady_clock;

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kJsonLines = "application/x-ndjson; charset=utf-8";
constexpr const char* kRoutes = "GET /, GET /ruleset, POST /evaluate, POST /explain";

// {"error": "…", "id": "…"}: the id only where a record's could be read.
std::string errorJson(std::string_view message, std::string_view id = {}) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("error");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  if (!id.empty()) {
    w.Key("id");
    w.String(id.data(), static_cast<rapidjson::SizeType>(id.size()));
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

void refuse(Response& response, int status, std::string_view message, std::string_view id = {}) {
  response.status = status;
  response.set_content(errorJson(message, id), kJson);
}

// A refusal before the body was read: the unread body would be taken for the
// next request on the connection, so the connection ends with the answer.
void refuseUnread(Response& response, int status, std::string_view message) {
  response.set_header("Connection", "close");
  refuse(response, status, message);
}

// The Content-Type's media type, lower case, without parameters (charset).
std::string mediaType(const Request& request) {
  std::string type = request.get_header_value("Content-Type");
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
std::string hostName(const Request& request) {
  std::string host = request.get_header_value("Host");
  if (host.starts_with('[')) return host.substr(0, host.find(']') + 1);
  return host.substr(0, host.find(':'));
}

// What httplib answers on its own, said in words.
std::string statusMessage(const Request& request, int status, const Limits& limits) {
  switch (status) {
    case 400: return "the request is not valid HTTP/1.1";
    case 404: return fmt::format("there is nothing at {}; zc serve answers {}", request.path, kRoutes);
    case 413: return fmt::format("the request body is larger than the limit of {} bytes (zc serve --max-body)", limits.maxBodyBytes);
    case 414: return "the request's URI is too long";
    default: return fmt::format("HTTP status {}", status);
  }
}

}  // namespace

HttpApi::HttpApi(const frontend::Compilation& compilation, EnginePool& pool, std::string description, Limits limits,
                 bool loopback)
    : compilation_(compilation),
      pool_(pool),
      sink_(makeResultSink("jsonl")),
      description_(std::move(description)),
      limits_(limits),
      loopback_(loopback) {}

void HttpApi::install(httplib::Server& server) {
  server.set_payload_max_length(limits_.maxBodyBytes);
  // Every answer names the rules and the zc behind it (docs/serve.md), so a
  // paid amount can be traced to them.
  std::vector<std::string_view> texts;
  for (size_t i = 0; i < compilation_.sources.size(); ++i)
    texts.push_back(compilation_.sources.file(static_cast<FileId>(i)).text());
  RulesetIdentity identity = identifyRuleset("", texts);
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Cache-Control", "no-store"},
                              {"Zc-Source-Hash", identity.sourceHash},
                              {"Zc-Version", identity.zcVersion}});

  if (loopback_)
    server.set_pre_routing_handler(httplib::Server::HandlerWithResponse([](const Request& request, Response& response) {
      std::string host = hostName(request);
      if (host == "127.0.0.1" || host == "localhost" || host == "[::1]") return HandlerResponse::Unhandled;
      refuseUnread(response, 403,
                   fmt::format("the request is for the host '{}'; zc serve on a loopback address answers only to "
                               "localhost, 127.0.0.1 and [::1] (so a web page cannot reach it by renaming its own "
                               "address, DNS rebinding)",
                               host));
      return HandlerResponse::Handled;
    }));

  auto page = [](const Request&, Response& response) {
    response.set_header("Content-Security-Policy",
                        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                        "frame-ancestors 'none'");
    response.set_content(kWebPageText, "text/html; charset=utf-8");
  };
  server.Get("/", page);
  server.Get("/index.html", page);
  server.Get("/ruleset", [this](const Request&, Response& response) { response.set_content(description_, kJson); });
  server.Post("/evaluate", [this](const Request& request, Response& response, const httplib::ContentReader& reader) {
    evaluate(request, response, reader);
  });
  server.Post("/explain", [this](const Request& request, Response& response, const httplib::ContentReader& reader) {
    explain(request, response, reader);
  });

  // Every other method on these paths is a 405 that says which one is served.
  auto notAllowed = [](std::string allow) {
    return [allow](const Request& request, Response& response) {
      response.set_header("Allow", allow);
      refuseUnread(response, 405, fmt::format("{} {} is not served; {} takes {}", request.method, request.path,
                                              request.path, allow));
    };
  };
  for (const char* path : {"/", "/index.html", "/ruleset"}) {
    server.Post(path, notAllowed("GET, HEAD"));
    server.Put(path, notAllowed("GET, HEAD"));
    server.Patch(path, notAllowed("GET, HEAD"));
    server.Delete(path, notAllowed("GET, HEAD"));
    server.Options(path, notAllowed("GET, HEAD"));
  }
  for (const char* path : {"/evaluate", "/explain"}) {
    server.Get(path, notAllowed("POST"));
    server.Put(path, notAllowed("POST"));
    server.Patch(path, notAllowed("POST"));
    server.Delete(path, notAllowed("POST"));
    server.Options(path, notAllowed("POST"));
  }

  // What httplib refuses by itself (no route, a body over the limit, bad
  // HTTP) gets the same JSON as the API's own refusals, which it leaves be.
  server.set_error_handler(httplib::Server::HandlerWithResponse([this](const Request& request, Response& response) {
    if (!response.body.empty()) return HandlerResponse::Unhandled;
    refuse(response, response.status, statusMessage(request, response.status, limits_));
    return HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const Request&, Response& response, std::exception_ptr error) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    refuseUnread(response, 500, fmt::format("zc serve failed on this request ({}); please report it", what));
  });
}

bool HttpApi::readBody(const Request& request, Response& response, const httplib::ContentReader& reader,
                       Clock::time_point deadline, std::string& body) const {
  std::string announced = request.get_header_value("Content-Length");
  uint64_t length = 0;
  auto [end, ec] = std::from_chars(announced.data(), announced.data() + announced.size(), length);
  if (!announced.empty() && ec == std::errc() && end == announced.data() + announced.size() && length > limits_.maxBodyBytes) {
    refuseUnread(response, 413, statusMessage(request, 413, limits_));
    return false;
  }
  // Counted here as well, as the body arrives: a chunked or compressed body
  // announces no length, or not its own.
  bool tooLarge = false, late = false;
  bool read = reader([&](const char* data, size_t size) {
    if (body.size() + size > limits_.maxBodyBytes) return !(tooLarge = true);
    if (Clock::now() > deadline) return !(late = true);
    body.append(data, size);
    return true;
  });
  if (read) return true;
  if (tooLarge || response.status == 413) refuseUnread(response, 413, statusMessage(request, 413, limits_));
  else if (late)
    refuseUnread(response, 408, fmt::format("the request body did not arrive within the time limit of {} s (zc serve --time-limit)",
                                            limits_.timePerRequest.count()));
  else refuseUnread(response, 400, "the request body could not be read (cut short, or a broken chunked or compressed body)");
  return false;
}

void HttpApi::evaluate(const Request& request, Response& response, const httplib::ContentReader& reader) {
  Clock::time_point deadline = Clock::now() + limits_.timePerRequest;
  std::string type = mediaType(request);
  bool lines = isJsonLines(type);
  if (!lines && type != "application/json")
    return refuseUnread(response, 415,
                        fmt::format("POST /evaluate takes one record as application/json, or JSON Lines as "
                                    "application/x-ndjson; this request's Content-Type is '{}'",
                                    request.get_header_value("Content-Type")));
  std::string body;
  if (!readBody(request, response, reader, deadline, body)) return;
  EnginePool::Lease worker = pool_.acquire();
  std::unique_ptr<ResultSink::Buffer> out = sink_->newBuffer();

  if (lines) {
    std::vector<rt::JsonLine> batch;
    if (!rt::cutJsonLines(body, limits_.maxBatchRecords, batch))
      return refuse(response, 413, fmt::format("the batch holds more than {} records (zc serve --max-batch); send it in parts",
                                               limits_.maxBatchRecords));
    rt::JsonLinesTally tally;
    if (!rt::evaluateJsonLines(worker->core, batch, out->text, tally, [&] { return Clock::now() <= deadline; }))
      return refuse(response, 413, fmt::format("the batch was not evaluated within the time limit of {} s (zc serve "
                                               "--time-limit); send it in smaller parts",
                                               limits_.timePerRequest.count()));
    // As zc run's exit code 2 and its closing line, for a client that wants no parsing to know.
    response.set_header("Zc-Records", std::to_string(tally.records));
    response.set_header("Zc-Failed-Records", std::to_string(tally.unreadable + tally.clauseErrors));
    return response.set_content(std::move(out->text), kJsonLines);
  }

  // One record: a record that cannot be read is the client's error (400), one
  // that cannot be evaluated is the ruleset's answer about it (422).
  rt::RecordInput input{withoutByteOrderMark(body), 1};
  bool evaluated = false;
  worker->core.evaluate(&input, 1, false, [&](const rt::RecordRow& row) {
    if (row.result == nullptr) return refuse(response, row.decoded.ok ? 422 : 400, row.error, row.id);
    sink_->addResult(*out, *row.result);
    evaluated = true;
  });
  if (evaluated) response.set_content(std::move(out->text), kJson);
}

void HttpApi::explain(const Request& request, Response& response, const httplib::ContentReader& reader) {
  Clock::time_point deadline = Clock::now() + limits_.timePerRequest;
  if (mediaType(request) != "application/json")
    return refuseUnread(response, 415,
                        fmt::format("POST /explain takes one record as application/json; this request's Content-Type is '{}'",
                                    request.get_header_value("Content-Type")));
  std::string body;
  if (!readBody(request, response, reader, deadline, body)) return;
  EnginePool::Lease worker = pool_.acquire();
  rt::Record& record = worker->record;
  rt::DecodeOutcome decoded = worker->reader.decode(withoutByteOrderMark(body), record);
  if (!decoded.ok) return refuse(response, 400, decoded.describe(), decoded.id);
  Evaluation evaluation = worker->interpreter.evaluate(record, true);
  if (evaluation.error)
    return refuse(response, 422, rt::formatEvalError(worker->interpreter.resultTable(), *evaluation.error), record.id);
  const ir::Program& program = compilation_.ruleset.program;
  response.set_content(renderExplanationJson(compilation_.sources, program, evaluation) + "\n", kJson);
}

}  // namespace zc::serve
