#include "serve/ServeCommand.h"

#include <fmt/format.h>
#include <pthread.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <thread>

#include "describe/RulesetDescription.h"
#include "load/Ruleset.h"
#include "serve/ConnectionQueue.h"

namespace zc::serve {

namespace {

// Connections accepted beyond those being served wait in a queue this many
// times the threads long; then in the kernel's backlog.
constexpr size_t kWaitingPerThread = 4;

bool isLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

std::string url(const std::string& host, int port) {
  return host.find(':') == std::string::npos ? fmt::format("http://{}:{}/", host, port)
                                             : fmt::format("http://[{}]:{}/", host, port);
}

}  // namespace

int runServe(const ServeOptions& options) {
  auto compilation = loadPolicyRuleset(options.ruleset);
  if (!compilation) return 1;
  const ir::Program& program = compilation->ruleset.program;
  std::unique_ptr<rt::Engine> engine = makeEngine(program, options.engine);
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

  Limits limits{options.maxBodyBytes, options.maxBatchRecords, std::chrono::seconds(options.timeLimitSeconds)};
  EnginePool pool(program, *engine, params, options.threads);
  HttpApi api(*compilation, pool, std::move(description), limits, isLoopback(options.host));
  httplib::Server server;
  unsigned threads = options.threads;
  server.new_task_queue = [threads] { return new ConnectionQueue(threads, kWaitingPerThread * threads); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000);
  // An idle kept-alive connection holds a thread: let it go soon.
  server.set_keep_alive_timeout(2);
  server.set_read_timeout(5);
  server.set_write_timeout(5);
  api.install(server);

  // SIGINT and SIGTERM stop the server from a thread of its own, and the
  // requests being served are answered; no thread is interrupted by them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client that went away is an error of its write, not the end of zc

  errno = 0;
  int port = options.port == 0 ? server.bind_to_any_port(options.host)
                               : server.bind_to_port(options.host, options.port) ? options.port : -1;
  if (port < 0) {
    fmt::print(stderr, "zc: cannot listen on {}:{}{}{}\n", options.host, options.port, errno ? ": " : "",
               errno ? std::strerror(errno) : "");
    return 1;
  }
  if (!isLoopback(options.host))
    fmt::print(stderr, "zc serve: warning: listening on {}: anyone who can reach this machine can use it\n", options.host);
  fmt::print("zc serve: {} listening on {}\n", options.ruleset, url(options.host, port));
  std::fflush(stdout);

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stopSignals, &signal);
    server.stop();
  });
  bool served = server.listen_after_bind();
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
