#include "engine/RunFigures.h"

#include <fmt/format.h>

namespace zc {

std::string percentGranted(const PoolUse& use) {
  if (use.asked == 0) return "100.000000";
  __int128 millionths = static_cast<__int128>(use.granted) * 100000000 / use.asked;
  return fmt::format("{}.{:06}", static_cast<int64_t>(millionths / 1000000),
                     static_cast<int64_t>(millionths % 1000000));
}

}  // namespace zc
