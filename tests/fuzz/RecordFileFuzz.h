// What the file-format fuzz targets share: any bytes written as a file of
// one record format, read the way zc run reads it, and each record decoded
// against the seed schema as JSON and, for CSV and xlsx, typed from its cells,
// which must agree.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>

#include "SeedSchema.h"
#include "io/RecordSource.h"
#include "zc/csv.h"
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

inline bool sameScalar(const rt::Scalar& a, const rt::Scalar& b) {
  return a.i == b.i && std::memcmp(&a.d, &b.d, sizeof a.d) == 0 && a.text == b.text;
}

inline bool sameRecord(const rt::Record& a, const rt::Record& b) {
  if (a.id != b.id || a.fields.size() != b.fields.size()) return false;
  for (size_t i = 0; i < a.fields.size(); ++i) {
    const rt::FieldValue &x = a.fields[i], &y = b.fields[i];
    if (x.present != y.present || !sameScalar(x.scalar, y.scalar) || x.list.size() != y.list.size() ||
        x.rows.size() != y.rows.size())
      return false;
    for (size_t j = 0; j < x.list.size(); ++j)
      if (!sameScalar(x.list[j], y.list[j])) return false;
    for (size_t j = 0; j < x.rows.size(); ++j) {
      if (x.rows[j].present != y.rows[j].present || x.rows[j].values.size() != y.rows[j].values.size()) return false;
      for (size_t k = 0; k < x.rows[j].values.size(); ++k)
        if (!sameScalar(x.rows[j].values[k], y.rows[j].values[k])) return false;
    }
  }
  return true;
}

// Every record read twice, as zc run reads it: as JSON, and (a CSV row or a
// sheet's) typed straight from its cells; both must decode, fail and warn alike.
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
  auto cellSource = openRecordSource({scratch.path, format}, schema, problem);
  const std::vector<std::string>* header = cellSource->handCells();
  static rt::JsonRecordReader reader(schema);
  RawRecords raw, cells;
  for (size_t rows = 0; rows <= size && source->next(raw); ++rows) {
  }
  for (size_t rows = 0; rows <= size && cellSource->next(cells); ++rows) {
  }
  raw.pad();
  cells.pad();
  if (raw.size() != cells.size()) std::abort();
  std::optional<rt::CellRecordReader> cellReader;
  if (header != nullptr) cellReader.emplace(schema, *header);
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].line != cells[i].line) std::abort();
    rt::Record record, typed;
    rt::DecodeOutcome decoded, typedOutcome;
    std::string rowProblem = raw[i].problem, typedProblem = cells[i].problem;
    std::string rowId = raw[i].id, typedId = cells[i].id;
    if (rowProblem.empty()) decoded = reader.decodeInPlace(raw.json(raw[i]), record);
    if (typedProblem.empty()) {
      if (!cellReader) std::abort();
      typedOutcome = cellReader->decode(cells.json(cells[i]), typed, typedProblem, typedId);
    }
    if (rowProblem != typedProblem || rowId != typedId || decoded.ok != typedOutcome.ok ||
        decoded.describe() != typedOutcome.describe() || decoded.id != typedOutcome.id ||
        decoded.unknownFields != typedOutcome.unknownFields || (decoded.ok && !sameRecord(record, typed)))
      std::abort();
  }
  return 0;
}

}  // namespace zc::fuzz
