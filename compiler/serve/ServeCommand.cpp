#include "serve/ServeCommand.h"

#include <fmt/format.h>
#include <pthread.h>

#include <csignal>
#include <filesystem>
#include <thread>

#include "describe/RulesetDescription.h"
#include "load/Ruleset.h"
#include "serve/HttpServer.h"

namespace zc::serve {

namespace {

bool isLoopback(const std::string& host) { return host == "localhost" || host == "::1" || host.starts_with("127."); }

std::string url(const std::string& host, int port) {
  return host.find(':') == std::string::npos ? fmt::format("http://{}:{}/", host, port)
                                             : fmt::format("http://[{}]:{}/", host, port);
}

}  // namespace

int runServe(const ServeOptions& options) {
  auto compilation = loadPolicyRuleset(options.ruleset);
  if (!compilation) return 1;
  const ir::Program& program = compilation->ruleset.program;
  std::unique_ptr<rt::Engine> engine = makeEngine(program, options.engine, options.ruleset);
  if (!engine) return 1;
  ParamValues params;
  if (!applyParams(program, options.params, [&](int i, const rt::Scalar& v) {
        engine->setParam(i, v);
        params.push_back({i, v});
      }))
    return 1;

  // GET /ruleset is the description a library zc build makes carries.
  std::vector<std::string_view> texts;
  for (size_t i = 0; i < compilation->sources.size(); ++i)
    texts.push_back(compilation->sources.file(static_cast<FileId>(i)).text());
  std::string name = std::filesystem::path(options.ruleset).stem().string();
  std::string description = describeRuleset(program, identifyRuleset(name, texts));

  Limits limits{options.maxBodyBytes, options.maxExplainBodyBytes, options.maxBatchRecords,
                std::chrono::seconds(options.timeLimitSeconds)};
  // SIGINT and SIGTERM stop the server from a thread of its own, and the
  // requests being worked on are answered; no thread is interrupted by them.
  // Blocked before the server's threads start, which inherit the mask.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client that went away is an error of its write, not the end of zc

  EnginePool pool(program, *engine, params, options.threads);
  HttpApi api(*compilation, pool, std::move(description), limits, isLoopback(options.host));
  ServerLimits serverLimits;
  serverLimits.http.maxBodyBytes = options.maxBodyBytes;
  serverLimits.bodyTime = limits.timePerRequest;
  serverLimits.headTime = std::chrono::seconds(options.headTimeoutSeconds);
  serverLimits.idleTime = std::chrono::seconds(options.idleTimeoutSeconds);
  serverLimits.maxConnections = options.maxConnections;
  serverLimits.maxConnectionsPerClient = options.maxConnectionsPerClient;
  HttpServer server(api, serverLimits, options.threads);

  std::string error;
  int port = server.listen(options.host, options.port, error);
  if (port < 0) {
    fmt::print(stderr, "zc: cannot listen on {}:{}: {}\n", options.host, options.port, error);
    return 1;
  }
  if (!isLoopback(options.host))
    fmt::print(stderr, "zc serve: warning: listening on {}: anyone who can reach this machine can use it\n",
               options.host);
  fmt::print("zc serve: {} listening on {}\n", options.ruleset, url(options.host, port));
  std::fflush(stdout);

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stopSignals, &signal);
    server.stop();
  });
  bool served = server.run();
  // Wakes the stopper if the server ended on its own.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!served) {
    fmt::print(stderr, "zc: the server stopped: it could no longer accept connections\n");
    return 1;
  }
  return 0;
}

}  // namespace zc::serve
