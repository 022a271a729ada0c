#include "serve/EnginePool.h"

namespace zc::serve {

Worker::Worker(const ir::Program& program, const rt::Engine& prototype, const ParamValues& params)
    : core(program.schema, prototype.clone()), interpreter(program), reader(program.schema) {
  for (const auto& [index, value] : params) interpreter.setParam(index, value);
}

EnginePool::EnginePool(const ir::Program& program, const rt::Engine& prototype, const ParamValues& params,
                       size_t size) {
  for (size_t i = 0; i < size; ++i) {
    workers_.push_back(std::make_unique<Worker>(program, prototype, params));
    idle_.push_back(workers_.back().get());
  }
}

EnginePool::Lease EnginePool::acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty(); });
  Worker* worker = idle_.back();
  idle_.pop_back();
  return Lease(*this, *worker);
}

void EnginePool::giveBack(Worker& worker) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(&worker);
  }
  returned_.notify_one();
}

}  // namespace zc::serve
