// The physical floor for zc run on a JSON Lines file: simdjson alone,
// reading the same file and visiting every value of every record, on the
// same number of threads, and nothing else.
#pragma once

#include <optional>
#include <string>

namespace zc::bench {

struct ParseFloor {
  double seconds = 0;
  // CPU time of all its threads: on a loaded machine the fairer comparison.
  double cpuSeconds = 0;
  size_t records = 0;
  size_t checksum = 0;
};

// Nothing when the file cannot be read or a record is not JSON: a floor
// measured over fewer records than zc run saw would flatter zc.
std::optional<ParseFloor> measureParseFloor(const std::string& path, unsigned threads);

}  // namespace zc::bench
