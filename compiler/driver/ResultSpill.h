// A run with a 资金池 cannot write a record's row until every record has
// been evaluated, so it writes each row here, to a temporary file, in input
// order, and reads them back once the pools are settled. A row's names
// (clause, beneficiary, total key) are views into a worker's engine, gone by
// then: they are written as text and read back as views into the table of
// the engine the run was given, which outlives it.
#pragma once

#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "zc/result_table.h"
#include "zc/results.h"

namespace zc {

void spillResult(std::string& out, const rt::RecordResult& result);
void spillFailure(std::string& out, const rt::FailedRecord& failed);

class SpillReader {
 public:
  SpillReader(std::FILE* in, const rt::ResultTable& table);
  enum class Row { End, Result, Failure };
  // The next row; its content stays valid until the next call. Throws
  // std::runtime_error when the file is cut short.
  Row next();
  rt::RecordResult& result() { return result_; }
  rt::FailedRecord failure() const { return {failedId_, failedLine_, failedError_}; }

 private:
  static constexpr size_t kBlock = 1 << 20;
  std::string_view name(std::string_view text) const;
  bool read(void* to, size_t size);
  template <typename T>
  T get();
  void getText(std::string& text);
  std::optional<std::string> getOptional();
  std::FILE* in_;
  std::vector<char> buffer_;
  size_t at_ = 0, end_ = 0;
  std::unordered_map<std::string_view, std::string_view> names_;  // every name the table holds, by its text
  std::string text_;
  rt::RecordResult result_;
  std::string failedId_, failedError_;
  size_t failedLine_ = 0;
};

}  // namespace zc
