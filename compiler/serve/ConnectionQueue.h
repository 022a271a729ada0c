// The threads that serve zc serve's connections, one connection a thread at
// a time, and a bounded queue of accepted connections waiting for one. When
// the queue is full the accepting thread waits, so a flood of connections
// waits in the kernel's backlog instead of growing memory and descriptors
// without bound (httplib's own ThreadPool queues without limit).
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace zc::serve {

class ConnectionQueue : public httplib::TaskQueue {
 public:
  ConnectionQueue(size_t threads, size_t waiting);
  ~ConnectionQueue() override;
  void enqueue(std::function<void()> connection) override;
  void shutdown() override;

 private:
  void serve();

  size_t waiting_;
  std::vector<std::thread> threads_;
  std::deque<std::function<void()>> queue_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  bool stopping_ = false;
};

}  // namespace zc::serve
