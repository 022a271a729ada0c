// 资金池 settlement (zc/pool.h). An index array is the only memory it needs
// beyond its caller's: a remainder is recomputed when compared, so ten
// million claims cost 80 MB here, not 250.
#include "zc/pool.h"

#include <algorithm>
#include <new>
#include <numeric>
#include <vector>

namespace {

using Wide = __int128;

zc_status proRata(const int64_t* asked, size_t count, int64_t pool, Wide total, int64_t* granted) {
  std::vector<size_t> order;
  order.resize(count);
  Wide given = 0;
  for (size_t i = 0; i < count; ++i) given += static_cast<Wide>(pool) * asked[i] / total;
  // pool × asked < 2^126, so the products fit; fewer 分 are left than claims.
  size_t left = static_cast<size_t>(pool - given);
  std::iota(order.begin(), order.end(), size_t{0});
  auto remainder = [&](size_t i) { return static_cast<Wide>(pool) * asked[i] % total; };
  auto before = [&](size_t a, size_t b) {
    Wide ra = remainder(a), rb = remainder(b);
    return ra != rb ? ra > rb : a < b;
  };
  if (left > 0 && left < count)
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(left), order.end(), before);
  for (size_t i = 0; i < count; ++i) granted[i] = static_cast<int64_t>(static_cast<Wide>(pool) * asked[i] / total);
  for (size_t i = 0; i < left; ++i) granted[order[i]] += 1;
  return ZC_OK;
}

zc_status inOrder(const int64_t* asked, const int64_t* keys, size_t count, int64_t pool, int64_t* granted) {
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), size_t{0});
  if (keys != nullptr)
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  int64_t remaining = pool;
  for (size_t i : order) {
    granted[i] = std::min(asked[i], remaining);
    remaining -= granted[i];
  }
  return ZC_OK;
}

}  // namespace

extern "C" zc_status zc_pool_settle(const int64_t* asked, const int64_t* order_keys, size_t count, int64_t pool,
                                    int32_t pro_rata, int64_t* granted) {
  if (pool < 0) return ZC_ERR_NEGATIVE_CAP;
  Wide total = 0;
  for (size_t i = 0; i < count; ++i) {
    if (asked[i] < 0) return ZC_ERR_NEGATIVE_CAP;
    total += asked[i];
  }
  if (total > INT64_MAX) return ZC_ERR_OVERFLOW;
  try {
    if (total <= pool) {
      std::copy(asked, asked + count, granted);
      return ZC_OK;
    }
    return pro_rata ? proRata(asked, count, pool, total, granted) : inOrder(asked, order_keys, count, pool, granted);
  } catch (const std::bad_alloc&) {
    return ZC_ERR_NO_MEMORY;
  }
}

extern "C" zc_status zc_pool_cents(const zc_dec* yuan, int64_t* cents) {
  zc_dec floored;
  zc_status status = zc_dec_floor(yuan, 2, &floored);
  if (status != ZC_OK) return status;
  if (floored.num < 0) return ZC_ERR_NEGATIVE_CAP;
  Wide value = floored.num * 100 / floored.den;
  if (value > INT64_MAX) return ZC_ERR_OVERFLOW;
  *cents = static_cast<int64_t>(value);
  return ZC_OK;
}
