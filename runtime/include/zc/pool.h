/* 资金池: how a fund shared by a whole run is divided among the awards that
 * claim it. Written once, for zc run, a compiled library's settle phase
 * (zhengce_pool_settle) and the tests, so no caller divides a pool itself.
 * Amounts are whole 分 (元 × 100). */
#ifndef ZC_POOL_H
#define ZC_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "zc/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Settles one pool of `pool` 分 over `count` claims, asked[i] 分 each (at
 * least 0), given in input order (their position is the last tie rule);
 * granted[i] receives what claim i is paid.
 *
 * When the claims add up to no more than the pool, each is paid in full.
 * Otherwise:
 * - pro_rata: claim i is paid floor(pool × asked[i] / total) 分, and the 分
 *   left over go one each to the claims with the largest remainders of that
 *   division; between equal remainders, to the claim earlier in input order.
 *   The granted amounts add up to the pool exactly.
 * - in order (先到先得): claims are paid in full in the order of order_keys
 *   (smallest first; NULL: input order; equal keys in input order) until the
 *   pool runs out; the claim it runs out on is paid what is left, the rest
 *   nothing.
 *
 * Fails with ZC_ERR_NEGATIVE_CAP for a pool or claim below zero,
 * ZC_ERR_OVERFLOW when the claims' total does not fit in 64 bits, and
 * ZC_ERR_NO_MEMORY; then granted is left unchanged. granted may be asked
 * itself: each claim is read before its own share is written. */
zc_status zc_pool_settle(const int64_t* asked, const int64_t* order_keys, size_t count, int64_t pool, int32_t pro_rata,
                         int64_t* granted);

/* A pool's amount in 分 from its amount in 元 (its literal, or its
 * parameter's value times the parameter's unit in 元): rounded down to the
 * 分, as a 封顶 limit is. ZC_ERR_NEGATIVE_CAP below zero, ZC_ERR_OVERFLOW
 * beyond 2^63 分. */
zc_status zc_pool_cents(const zc_dec* yuan, int64_t* cents);

#ifdef __cplusplus
}
#endif

#endif
