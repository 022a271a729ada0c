// zc serve's HTTP/1.1 server: one thread reads and writes every connection
// (poll, non-blocking sockets) under deadlines, and a pool of worker threads
// answers the requests read whole. A slow or idle client therefore holds a
// socket and a deadline, never a thread: the whole head must arrive within
// headTime of its first byte, the body within bodyTime of the head, an answer
// be taken within writeTime, and a connection with no request in progress is
// closed after idleTime. A client address holds at most
// maxConnectionsPerClient connections, the server maxConnections (the rest wait
// in the kernel's backlog). docs/serve.md states the limits.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "serve/HttpRequestParser.h"

namespace zc::serve {

using Clock = std::chrono::steady_clock;

struct HttpResponse {
  int status = 200;
  std::string contentType;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  // end the connection after this answer
};

// What the server asks of the API (HttpApi).
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // The head is read, the body not: a response refuses the request, and its
  // body is never read (the connection closes after the answer).
  virtual std::optional<HttpResponse> admit(const HttpRequest& head) = 0;
  // A whole request, to be answered by `deadline`; on a worker thread.
  virtual HttpResponse respond(HttpRequest& request, Clock::time_point deadline) = 0;
  // The answer to a request that could not be read.
  virtual HttpResponse refuse(const HttpError& error) = 0;
};

struct ServerLimits {
  HttpLimits http;
  std::chrono::milliseconds headTime{10'000};   // the whole head, from its first byte
  std::chrono::milliseconds bodyTime{10'000};   // the whole body, from the end of the head (--time-limit)
  std::chrono::milliseconds idleTime{5'000};    // a connection with no request begun
  std::chrono::milliseconds writeTime{10'000};  // an answer, taken by the client
  size_t maxConnections = 512;
  size_t maxConnectionsPerClient = 64;
};

class HttpServer {
 public:
  HttpServer(HttpHandler& handler, ServerLimits limits, unsigned threads);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens with the system's backlog; a port another socket holds
  // is refused (no SO_REUSEPORT). The port bound, or -1 with `error`.
  int listen(const std::string& host, int port, std::string& error);
  // Serves until stop(); false when accepting failed.
  bool run();
  // From any thread: stop accepting, close connections waiting for a
  // request's bytes, answer the requests being worked on, then return from run().
  void stop();

 private:
  struct Connection;

  void drive(Connection& c);
  void readFrom(Connection& c);
  void startWriting(Connection& c, const HttpResponse& response, bool headOnly);
  void writeTo(Connection& c);
  void afterWriting(Connection& c);
  void close(Connection& c);
  void acceptConnections();
  void expire(Connection& c, Clock::time_point now);
  void work();

  HttpHandler& handler_;
  ServerLimits limits_;
  int listener_ = -1;
  int wake_ = -1;  // an eventfd: stop() and finished work wake the loop
  std::atomic<bool> stopping_{false};
  std::vector<std::unique_ptr<Connection>> connections_;
  std::unordered_map<std::string, size_t> perClient_;
  Clock::time_point lastTrim_{};
  bool servedSinceTrim_ = false;

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Connection*> jobs_;
  std::vector<Connection*> done_;
  bool workersStop_ = false;
};

// The bytes of a response: status line, headers, body (none for HEAD).
std::string serializeResponse(const HttpResponse& response, bool headOnly, bool close);

}  // namespace zc::serve
