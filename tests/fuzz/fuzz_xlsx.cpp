// libFuzzer target: any bytes as an Excel workbook (.xlsx), its first sheet
// read the way zc run reads it (minizip, expat) and each row decoded against
// the seed schema. The seeds are stored, not deflated, so mutations reach
// the XML.
#include "RecordFileFuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return zc::fuzz::fuzzRecordFile(data, size, "xlsx");
}
