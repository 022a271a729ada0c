#include "serve/HttpServer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <malloc.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>

namespace zc::serve {

namespace {

// After an answer that ends the connection, what the client still sends is
// read and dropped for this long (at most this much), so closing with unread
// bytes does not reset the connection before the client has read the answer.
constexpr auto kLingerTime = std::chrono::milliseconds(1000);
constexpr size_t kLingerBytes = 4u << 20;
// At stop, an answer being written gets this long to be taken.
constexpr auto kStopWriteTime = std::chrono::milliseconds(1000);
constexpr size_t kReadBytes = 64u << 10;

std::string_view reason(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

std::string clientAddress(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = "?";
  if (address.ss_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
  else if (address.ss_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof text);
  return text;
}

}  // namespace

std::string serializeResponse(const HttpResponse& response, bool headOnly, bool close) {
  std::string out = fmt::format("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
  if (!response.contentType.empty()) out += fmt::format("Content-Type: {}\r\n", response.contentType);
  out += fmt::format("Content-Length: {}\r\n", response.body.size());
  out += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
  out += "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n";
  for (const auto& [name, value] : response.headers) out += fmt::format("{}: {}\r\n", name, value);
  out += "\r\n";
  if (!headOnly) out += response.body;
  return out;
}

struct HttpServer::Connection {
  enum class Phase { Reading, Working, Writing, Lingering, Closed };
  enum class Wait { Idle, Head, Body };

  Connection(int socket, std::string from, HttpLimits limits) : fd(socket), client(std::move(from)), parser(limits) {}

  int fd;
  std::string client;
  HttpRequestParser parser;
  Phase phase = Phase::Reading;
  Wait wait = Wait::Idle;
  Clock::time_point deadline;         // of the current wait
  Clock::time_point requestDeadline;  // the answer's, from the end of the head
  bool eof = false;                   // the client sent all it will
  std::string out;                    // bytes of an answer not yet written
  size_t written = 0;
  bool closeAfter = false;
  size_t lingered = 0;
};

HttpServer::HttpServer(HttpHandler& handler, ServerLimits limits, unsigned threads)
    : handler_(handler), limits_(limits) {
  wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  for (unsigned i = 0; i < std::max(threads, 1u); ++i) workers_.emplace_back([this] { work(); });
}

HttpServer::~HttpServer() {
  {
    std::lock_guard lock(mutex_);
    workersStop_ = true;
  }
  ready_.notify_all();
  for (auto& t : workers_) t.join();
  for (auto& c : connections_)
    if (c->phase != Connection::Phase::Closed) ::close(c->fd);
  if (listener_ >= 0) ::close(listener_);
  if (wake_ >= 0) ::close(wake_);
}

int HttpServer::listen(const std::string& host, int port, std::string& error) {
  addrinfo hints{}, *found = nullptr;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  if (int e = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); e != 0) {
    error = gai_strerror(e);
    return -1;
  }
  int bound = -1;
  for (addrinfo* a = found; a != nullptr && bound < 0; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    // SO_REUSEADDR lets a restarted server bind past connections in TIME_WAIT;
    // it does not let two listening sockets share a port (SO_REUSEPORT would).
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    // A backlog above net.core.somaxconn is the system's own: a burst of
    // clients waits in it instead of being reset.
    if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, std::numeric_limits<int>::max()) == 0) {
      sockaddr_storage self{};
      socklen_t length = sizeof self;
      getsockname(fd, reinterpret_cast<sockaddr*>(&self), &length);
      bound = ntohs(self.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(self).sin6_port
                                               : reinterpret_cast<sockaddr_in&>(self).sin_port);
      listener_ = fd;
    } else {
      error = std::strerror(errno);
      ::close(fd);
    }
  }
  freeaddrinfo(found);
  return bound;
}

void HttpServer::stop() {
  stopping_ = true;
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(wake_, &one, sizeof one);
}

void HttpServer::work() {
  for (;;) {
    Connection* c = nullptr;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return workersStop_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      c = jobs_.front();
      jobs_.pop_front();
    }
    HttpRequest& request = c->parser.request();
    HttpResponse response;
    try {
      response = handler_.respond(request, c->requestDeadline);
    } catch (const std::exception& e) {
      response = handler_.refuse({500, HttpError::Kind::Internal, e.what()});
      response.close = true;
    }
    c->closeAfter = response.close || !request.keepAlive;
    c->out = serializeResponse(response, request.method == "HEAD", c->closeAfter);
    c->written = 0;
    {
      std::lock_guard lock(mutex_);
      done_.push_back(c);
    }
    uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(wake_, &one, sizeof one);
  }
}

void HttpServer::close(Connection& c) {
  if (c.phase == Connection::Phase::Closed) return;
  ::close(c.fd);
  c.phase = Connection::Phase::Closed;
  if (--perClient_[c.client] == 0) perClient_.erase(c.client);
}

void HttpServer::startWriting(Connection& c, const HttpResponse& response, bool headOnly) {
  c.closeAfter = response.close;
  c.out = serializeResponse(response, headOnly, c.closeAfter);
  c.written = 0;
  c.phase = Connection::Phase::Writing;
  c.deadline = Clock::now() + limits_.writeTime;
  writeTo(c);
}

void HttpServer::writeTo(Connection& c) {
  while (c.written < c.out.size()) {
    ssize_t n = send(c.fd, c.out.data() + c.written, c.out.size() - c.written, MSG_NOSIGNAL);
    if (n > 0) {
      c.written += static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return;  // the loop waits for room, within the write deadline
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return close(c);
    }
  }
  afterWriting(c);
}

void HttpServer::afterWriting(Connection& c) {
  c.out.clear();
  c.out.shrink_to_fit();
  if (c.closeAfter || stopping_) {
    // Our side is done; what the client still sends is dropped, up to a bound.
    shutdown(c.fd, SHUT_WR);
    c.phase = Connection::Phase::Lingering;
    c.deadline = Clock::now() + kLingerTime;
    c.lingered = 0;
    return;
  }
  c.parser.next();
  c.phase = Connection::Phase::Reading;
  c.wait = Connection::Wait::Idle;
  c.deadline = Clock::now() + limits_.idleTime;
  drive(c);  // a request the client sent behind the last one
}

void HttpServer::drive(Connection& c) {
  for (;;) {
    switch (c.parser.advance()) {
      case HttpRequestParser::Step::NeedMore:
        if (c.eof) return close(c);  // nothing more will come: a request cut short is not answered
        if (c.wait == Connection::Wait::Idle && !c.parser.idle()) {
          c.wait = Connection::Wait::Head;
          c.deadline = Clock::now() + limits_.headTime;
        }
        return;
      case HttpRequestParser::Step::HeadReady: {
        c.wait = Connection::Wait::Body;
        c.requestDeadline = c.deadline = Clock::now() + limits_.bodyTime;
        const HttpRequest& head = c.parser.request();
        if (std::optional<HttpResponse> refusal = handler_.admit(head)) {
          refusal->close = true;  // the body is not read, so it cannot be told from a next request
          return startWriting(c, *refusal, head.method == "HEAD");
        }
        std::string expect(head.header("expect"));
        std::transform(expect.begin(), expect.end(), expect.begin(), [](unsigned char ch) { return std::tolower(ch); });
        if (expect == "100-continue") {
          constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          [[maybe_unused]] ssize_t n = send(c.fd, kContinue.data(), kContinue.size(), MSG_NOSIGNAL);
        }
        break;
      }
      case HttpRequestParser::Step::Complete: {
        c.phase = Connection::Phase::Working;
        {
          std::lock_guard lock(mutex_);
          jobs_.push_back(&c);
        }
        ready_.notify_one();
        return;
      }
      case HttpRequestParser::Step::Failed: {
        HttpResponse response = handler_.refuse(c.parser.error());
        response.close = true;
        return startWriting(c, response, false);
      }
    }
  }
}

void HttpServer::readFrom(Connection& c) {
  char bytes[kReadBytes];
  ssize_t n = recv(c.fd, bytes, sizeof bytes, 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (n < 0) return close(c);
  if (c.phase == Connection::Phase::Lingering) {
    c.lingered += static_cast<size_t>(n);
    if (n == 0 || c.lingered > kLingerBytes) close(c);
    return;
  }
  if (n == 0)
    c.eof = true;
  else
    c.parser.append(std::string_view(bytes, static_cast<size_t>(n)));
  drive(c);
}

void HttpServer::expire(Connection& c, Clock::time_point now) {
  if (c.phase == Connection::Phase::Working || c.phase == Connection::Phase::Closed || now < c.deadline) return;
  if (c.phase != Connection::Phase::Reading || c.wait == Connection::Wait::Idle) return close(c);
  bool head = c.wait == Connection::Wait::Head;
  HttpError late{408, head ? HttpError::Kind::HeadLate : HttpError::Kind::BodyLate, "",
                 (head ? limits_.headTime : limits_.bodyTime).count() / 1000.0};
  HttpResponse response = handler_.refuse(late);
  response.close = true;
  startWriting(c, response, false);
}

void HttpServer::acceptConnections() {
  while (connections_.size() < limits_.maxConnections) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    int fd = accept4(listener_, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    std::string client = clientAddress(address);
    if (perClient_[client] >= limits_.maxConnectionsPerClient) {
      HttpResponse busy =
          handler_.refuse({503, HttpError::Kind::Busy, "", static_cast<double>(limits_.maxConnectionsPerClient)});
      std::string out = serializeResponse(busy, false, true);
      [[maybe_unused]] ssize_t n = send(fd, out.data(), out.size(), MSG_NOSIGNAL);
      ::close(fd);
      continue;
    }
    int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    ++perClient_[client];
    servedSinceTrim_ = true;
    auto c = std::make_unique<Connection>(fd, std::move(client), limits_.http);
    c->deadline = Clock::now() + limits_.idleTime;
    connections_.push_back(std::move(c));
  }
}

bool HttpServer::run() {
  bool listening = true;
  std::vector<pollfd> polled;
  std::vector<Connection*> polledConnections;
  for (;;) {
    bool stopping = stopping_;
    if (stopping && listening) {
      ::close(listener_);
      listener_ = -1;
      listening = false;
      // Connections waiting for a request's bytes end now; answers being worked on are written.
      for (auto& c : connections_) {
        if (c->phase == Connection::Phase::Reading || c->phase == Connection::Phase::Lingering)
          close(*c);
        else if (c->phase == Connection::Phase::Writing)
          c->deadline = std::min(c->deadline, Clock::now() + kStopWriteTime);
      }
    }
    std::erase_if(connections_, [](const auto& c) { return c->phase == Connection::Phase::Closed; });
    if (connections_.empty() && servedSinceTrim_ && Clock::now() - lastTrim_ > std::chrono::seconds(1)) {
      malloc_trim(0);  // what an attack's bodies took is given back when all is quiet
      lastTrim_ = Clock::now();
      servedSinceTrim_ = false;
    }
    if (stopping && connections_.empty()) return true;

    polled.clear();
    polledConnections.clear();
    polled.push_back({wake_, POLLIN, 0});
    if (listening && connections_.size() < limits_.maxConnections) polled.push_back({listener_, POLLIN, 0});
    Clock::time_point now = Clock::now(), next = now + std::chrono::seconds(1);
    for (auto& c : connections_) {
      if (c->phase == Connection::Phase::Working) continue;
      short events = c->phase == Connection::Phase::Writing ? POLLOUT : POLLIN;
      polled.push_back({c->fd, events, 0});
      polledConnections.push_back(c.get());
      next = std::min(next, c->deadline);
    }
    int timeout = static_cast<int>(
        std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1));
    if (poll(polled.data(), polled.size(), timeout) < 0 && errno != EINTR) return false;

    if (polled[0].revents & POLLIN) {
      uint64_t count;
      [[maybe_unused]] ssize_t n = read(wake_, &count, sizeof count);
      std::vector<Connection*> finished;
      {
        std::lock_guard lock(mutex_);
        finished.swap(done_);
      }
      for (Connection* c : finished) {
        c->phase = Connection::Phase::Writing;
        c->deadline = Clock::now() + (stopping_ ? kStopWriteTime : limits_.writeTime);
        writeTo(*c);
      }
    }
    size_t first = 1;
    if (listening && polled.size() > 1 && polled[1].fd == listener_) {
      first = 2;
      if (polled[1].revents & POLLIN)
        acceptConnections();
      else if (polled[1].revents & (POLLERR | POLLNVAL))
        return false;
    }
    for (size_t i = first; i < polled.size(); ++i) {
      Connection& c = *polledConnections[i - first];
      if (polled[i].revents == 0 || c.phase == Connection::Phase::Closed) continue;
      if (c.phase == Connection::Phase::Writing) {
        if (polled[i].revents & (POLLERR | POLLNVAL))
          close(c);
        else
          writeTo(c);
      } else if (c.phase == Connection::Phase::Reading || c.phase == Connection::Phase::Lingering) {
        readFrom(c);
      }
    }
    now = Clock::now();
    for (auto& c : connections_) expire(*c, now);
  }
}

}  // namespace zc::serve
