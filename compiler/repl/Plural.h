// A count with its noun, for the REPL's messages: "1 clause", "3 clauses".
#pragma once

#include <fmt/format.h>

#include <string>

namespace zc::repl {

inline std::string plural(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace zc::repl
