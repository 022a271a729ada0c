// Where `zc run` gets its records: JSON Lines or CSV with a header row, each
// record handed on as the JSON object text the reader decodes, so both
// formats share one validation path and one set of messages.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <string>

#include "zc/record.h"

namespace zc {

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // The next record; false at the end. A record that cannot even be cut out
  // of the input (a CSV row with an open quote) comes with a problem instead.
  virtual bool next(std::string& json, size_t& line, std::string& problem) = 0;
  virtual uint64_t bytesRead() const = 0;
};

std::unique_ptr<RecordSource> jsonLinesSource(std::istream& in);
// Reads the header row first; nothing (with a message) if it has none.
std::unique_ptr<RecordSource> csvSource(std::istream& in, const rt::RecordSchema& schema, std::string& problem);

}  // namespace zc
