// A run with a 排名 cannot evaluate a record before every record's keys are
// known, and its input may be a pipe that cannot be read twice. So it reads
// the input once through, decoding each record, keeping its keys in a
// rt::RankTable and the decoded record in a temporary file (HeldRecord.h);
// then it hands the records out again from that file, in the same order, as
// the source of the run's evaluation, whose RecordEvaluator reads each back
// with a HeldRecordReader instead of decoding its JSON again.
#pragma once

#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "io/RecordSource.h"
#include "zc/json_reader.h"
#include "zc/ranking.h"

namespace zc {

class RankedInput : public RecordSource {
 public:
  // Reads every record of `source` (phase 1), adding each to `ranks` in
  // input order, and warns on stderr, once a field, where the input gives a
  // rank field the run replaces. Throws std::runtime_error when the
  // temporary file cannot be written.
  RankedInput(RecordSource& source, const rt::RecordSchema& schema, const std::string& inputName, rt::RankTable& ranks);
  bool next(RawRecords& records) override;
  bool ready(std::chrono::milliseconds) override { return true; }
  uint64_t bytesRead() const override { return source_.bytesRead(); }
  const std::vector<size_t>& blankLines() const override { return source_.blankLines(); }
  std::string where(const std::string& inputName, size_t line, std::string_view message) const override {
    return source_.where(inputName, line, message);
  }

 private:
  void hold(const RawRecord& raw, const rt::Record* record, const rt::DecodeOutcome& decoded, std::string_view json);
  bool read(void* to, size_t size);
  RecordSource& source_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> held_;
  std::string buffer_, heldRecord_;
};

}  // namespace zc
