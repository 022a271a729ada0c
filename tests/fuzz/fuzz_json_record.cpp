// libFuzzer target: any bytes as one JSON Lines record, decoded against the
// seed schema. A decoded record must hold a value for every field.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "SeedSchema.h"
#include "zc/json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const zc::rt::RecordSchema& schema = zc::fuzz::seedSchema();
  static zc::rt::JsonRecordReader reader(schema);
  zc::rt::Record record;
  zc::rt::DecodeOutcome outcome = reader.decode(std::string_view(reinterpret_cast<const char*>(data), size), record);
  if (outcome.ok && record.fields.size() != schema.fields.size()) std::abort();
  if (!outcome.ok && outcome.describe().empty()) std::abort();  // a refused record always says why
  return 0;
}
