// What the file-format fuzz targets share: any bytes written as a file of
// one record format, read the way zc run reads it, and each record decoded
// against the seed schema.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include "SeedSchema.h"
#include "io/RecordSource.h"
#include "zc/json_reader.h"

namespace zc::fuzz {

// The file each input is written to, one a fuzzing process, removed when the
// process exits.
struct ScratchFile {
  std::string path;
  explicit ScratchFile(const std::string& format)
      : path("/tmp/zc-fuzz-" + format + "-" + std::to_string(getpid()) + "." + format) {}
  ~ScratchFile() { std::remove(path.c_str()); }
};

inline int fuzzRecordFile(const uint8_t* data, size_t size, const std::string& format) {
  const rt::RecordSchema& schema = seedSchema();
  static const ScratchFile scratch(format);
  {
    std::ofstream out(scratch.path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::string problem;
  auto source = openRecordSource({scratch.path, format}, schema, problem);
  if (!source) return 0;
  static rt::JsonRecordReader reader(schema);
  RawRecords raw;
  for (size_t rows = 0; rows <= size && source->next(raw); ++rows) {
  }
  raw.pad();
  for (size_t i = 0; i < raw.size(); ++i) {
    if (!raw[i].problem.empty()) continue;
    rt::Record record;
    reader.decodeInPlace(raw.json(raw[i]), record);
  }
  return 0;
}

}  // namespace zc::fuzz
