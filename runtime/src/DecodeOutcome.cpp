// What went wrong with a record, as one line: shared by zc's JSON reader and
// the one inside compiled libraries, so both word it the same.
#include "zc/json_reader.h"

namespace zc::rt {

std::string DecodeOutcome::describe() const {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "; ";
    out += e.field.empty() ? e.message : "field " + e.field + ": " + e.message;
  }
  return out;
}

}  // namespace zc::rt
