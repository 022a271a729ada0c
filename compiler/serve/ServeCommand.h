// zc serve RULESET: the ruleset as an HTTP service and a web page, a policy
// calculator (政策计算器) for officials and enterprises (docs/serve.md).
#pragma once

#include <string>
#include <vector>

#include "serve/HttpApi.h"

namespace zc::serve {

struct ServeOptions {
  std::string ruleset;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::vector<std::string> params;
  std::string engine = "auto";  // auto, jit or interp (load/Ruleset.h)
  unsigned threads = 16;        // requests evaluated at once
  size_t maxBodyBytes = Limits{}.maxBodyBytes;
  size_t maxExplainBodyBytes = Limits{}.maxExplainBodyBytes;
  unsigned headTimeoutSeconds = 10;
  unsigned idleTimeoutSeconds = 5;
  size_t maxConnections = ServerLimits{}.maxConnections;
  size_t maxConnectionsPerClient = ServerLimits{}.maxConnectionsPerClient;
  size_t maxBatchRecords = Limits{}.maxBatchRecords;
  unsigned timeLimitSeconds = static_cast<unsigned>(Limits{}.timePerRequest.count());
};

// Serves until SIGINT or SIGTERM; 0 then, 1 when it cannot start.
int runServe(const ServeOptions& options);

}  // namespace zc::serve
