// zc serve's HTTP API (docs/serve.md): thin handlers that hand a request's
// records to the same engines and writers zc run uses, and answer; every
// refusal is a 4xx with {"error": "…"} naming why. The routes are served at
// /v1/… and, the same, at the paths without the version.
#pragma once

#include <chrono>
#include <string>

#include "describe/RulesetDescription.h"
#include "frontend/Frontend.h"
#include "io/ResultSink.h"
#include "ir/Dependencies.h"
#include "serve/EnginePool.h"
#include "serve/HttpServer.h"

namespace zc::serve {

struct Limits {
  size_t maxBodyBytes = 16u << 20;          // a request body, after any Content-Encoding is undone
  size_t maxExplainBodyBytes = 256u << 10;  // POST /explain's record: its explanation is many times larger
  size_t maxBatchRecords = 10'000;          // records in one POST /evaluate
  std::chrono::seconds timePerRequest{10};  // from the headers to the answer
};

class HttpApi : public HttpHandler {
 public:
  // `description` is GET /ruleset's answer; `loopback` refuses requests whose
  // Host is not a loopback name (a DNS-rebinding page in a local browser).
  HttpApi(const frontend::Compilation& compilation, EnginePool& pool, std::string description, Limits limits,
          bool loopback);

  std::optional<HttpResponse> admit(const HttpRequest& head) override;
  HttpResponse respond(HttpRequest& request, Clock::time_point deadline) override;
  HttpResponse refuse(const HttpError& error) override;

 private:
  HttpResponse evaluate(const HttpRequest& request, Clock::time_point deadline);
  HttpResponse explain(const HttpRequest& request, Clock::time_point deadline);
  // A record that gives only some fields: each clause decided, not eligible, or what it still needs.
  HttpResponse partial(const HttpRequest& request, Clock::time_point deadline);

  const frontend::Compilation& compilation_;
  EnginePool& pool_;
  ir::DependencyAnalysis dependencies_;  // for /partial
  std::unique_ptr<ResultSink> sink_;     // jsonl: the rows zc run writes
  std::string description_;
  std::string openApi_;
  RulesetIdentity identity_;  // named in every evaluation's answer
  Limits limits_;
  bool loopback_;
};

}  // namespace zc::serve
