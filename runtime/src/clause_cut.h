/* How 封顶 cuts awards to a limit, shared by the rules over clauses and the
 * settling of per-item awards, so both cut alike. */
#ifndef ZC_CLAUSE_CUT_H
#define ZC_CLAUSE_CUT_H

#include "zc/runtime.h"

/* Cuts the members that fired, whose awards add up to `total`, to `limit`
 * (in 元, a whole number of 分, at least 0): in the order listed, or pro
 * rata with the largest remainders. Fails (changing nothing) when an
 * intermediate does not fit or memory runs out. */
zc_status zc_cut_members(uint8_t* fired, zc_dec* amounts, const int32_t* members, int32_t count, const zc_dec* total,
                         const zc_dec* limit, int32_t pro_rata);

#endif
