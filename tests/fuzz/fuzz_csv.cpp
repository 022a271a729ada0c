// libFuzzer target: any bytes as a CSV file with a header row, read the way
// zc run reads it and each row decoded against the seed schema.
#include "RecordFileFuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return zc::fuzz::fuzzRecordFile(data, size, "csv");
}
