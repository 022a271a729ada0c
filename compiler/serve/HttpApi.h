// zc serve's HTTP API (docs/serve.md): thin handlers that read a request
// within its limits, hand its records to the same engines and writers zc run
// uses, and answer; every refusal is a 4xx with {"error": "…"} naming why.
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>

#include "io/ResultSink.h"
#include "frontend/Frontend.h"
#include "serve/EnginePool.h"

namespace zc::serve {

struct Limits {
  size_t maxBodyBytes = 16u << 20;   // a request body, after any Content-Encoding is undone
  size_t maxBatchRecords = 10'000;   // records in one POST /evaluate
  std::chrono::seconds timePerRequest{10};  // from the headers to the answer
};

class HttpApi {
 public:
  // `description` is GET /ruleset's answer; `loopback` refuses requests whose
  // Host is not a loopback name (a DNS-rebinding page in a local browser).
  HttpApi(const frontend::Compilation& compilation, EnginePool& pool, std::string description, Limits limits,
          bool loopback);
  void install(httplib::Server& server);

 private:
  void evaluate(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& reader);
  void explain(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& reader);
  // The body, read within the size and time limits; false with the refusal in `response`.
  bool readBody(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& reader,
                std::chrono::steady_clock::time_point deadline, std::string& body) const;

  const frontend::Compilation& compilation_;
  EnginePool& pool_;
  std::unique_ptr<ResultSink> sink_;  // jsonl: the rows zc run writes
  std::string description_;
  Limits limits_;
  bool loopback_;
};

}  // namespace zc::serve
