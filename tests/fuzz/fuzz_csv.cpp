// libFuzzer target: any bytes as a CSV file with a header row, read the way
// zc run reads it and each row decoded against the seed schema.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "SeedSchema.h"
#include "io/RecordSource.h"
#include "zc/json_reader.h"

namespace {

// The file each input is written to, one a fuzzing process, removed when the
// process exits.
struct ScratchFile {
  std::string path = "/tmp/zc-fuzz-csv-" + std::to_string(getpid()) + ".csv";
  ~ScratchFile() { std::remove(path.c_str()); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const zc::rt::RecordSchema& schema = zc::fuzz::seedSchema();
  static const ScratchFile scratch;
  const std::string& path = scratch.path;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::string problem;
  auto source = zc::openRecordSource({path, "csv"}, schema, problem);
  if (!source) return 0;
  static zc::rt::JsonRecordReader reader(schema);
  zc::RawRecords raw;
  for (size_t rows = 0; rows <= size && source->next(raw); ++rows) {}
  raw.pad();
  for (size_t i = 0; i < raw.size(); ++i) {
    if (!raw[i].problem.empty()) continue;
    zc::rt::Record record;
    reader.decodeInPlace(raw.json(raw[i]), record);
  }
  return 0;
}
