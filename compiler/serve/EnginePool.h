// The evaluators zc serve's request threads share: one worker a thread, each
// with its own engine (an Engine::clone of the one compiled at start-up,
// sharing its code), an interpreter for /explain (only the interpreter
// records a trace) and a record reader, none of which may be used by two
// threads at once.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "interp/Interpreter.h"
#include "zc/json_reader.h"
#include "zc/record_evaluator.h"

namespace zc::serve {

// A parameter's index and the value --param gave it.
using ParamValues = std::vector<std::pair<int, rt::Scalar>>;

struct Worker {
  Worker(const ir::Program& program, const rt::Engine& prototype, const ParamValues& params);
  rt::RecordEvaluator core;
  Interpreter interpreter;
  rt::JsonRecordReader reader;  // for /explain, which the interpreter answers
  rt::Record record;
};

class EnginePool {
 public:
  // `prototype` carries the parameters already; the interpreters are given `params`.
  EnginePool(const ir::Program& program, const rt::Engine& prototype, const ParamValues& params, size_t size);

  // A worker for the length of one request, given back when the lease goes.
  class Lease {
   public:
    Lease(EnginePool& pool, Worker& worker) : pool_(pool), worker_(worker) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.giveBack(worker_); }
    Worker& operator*() const { return worker_; }
    Worker* operator->() const { return &worker_; }

   private:
    EnginePool& pool_;
    Worker& worker_;
  };

  // Waits while every worker is busy (never, with a worker per request thread).
  Lease acquire();

 private:
  void giveBack(Worker& worker);

  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<Worker*> idle_;
  std::mutex mutex_;
  std::condition_variable returned_;
};

}  // namespace zc::serve
