#include "serve/ConnectionQueue.h"

namespace zc::serve {

ConnectionQueue::ConnectionQueue(size_t threads, size_t waiting) : waiting_(waiting) {
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { serve(); });
}

ConnectionQueue::~ConnectionQueue() { shutdown(); }

void ConnectionQueue::enqueue(std::function<void()> connection) {
  {
    std::unique_lock lock(mutex_);
    // Even while stopping: a connection accepted is served, so its socket is closed.
    room_.wait(lock, [&] { return stopping_ || queue_.size() < waiting_; });
    queue_.push_back(std::move(connection));
  }
  ready_.notify_one();
}

void ConnectionQueue::shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  room_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void ConnectionQueue::serve() {
  for (;;) {
    std::function<void()> connection;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      connection = std::move(queue_.front());
      queue_.pop_front();
    }
    room_.notify_one();
    connection();
  }
}

}  // namespace zc::serve
