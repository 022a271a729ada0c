"""资金池: funds the awards of some clauses share over a whole run. A pooled run is three
steps, which may run on other processes or machines (docs/embedding.md):

    claims = [seed.pool_claims(part) for part in parts]        # map: each part's claims
    shares = seed.settle_pools(claims)                          # reduce: one settlement a pool
    out = [seed.evaluate_jsonl_settled(part, s) for part, s in zip(parts, shares)]  # map

The parts taken in order are the whole input. Claims and shares are small values that
pickle (Dask ships them between the steps); the amounts they show are Decimal 元, held as
whole 分 for the library, which does every step's arithmetic (zc run's own settlement). A
ruleset with a 排名 as well ranks first (zhengce.rankings) and gives each part's places to
pool_claims and evaluate_jsonl_settled (places=), so its records claim as ranked."""

from __future__ import annotations

import array
from dataclasses import dataclass
from decimal import Decimal
from typing import List, Optional, Tuple


@dataclass(frozen=True)
class Pool:
    index: int
    name: str                   # "<policy> 资金池"
    policy: str
    clauses: Tuple[str, ...]    # the clauses whose awards claim it
    pro_rata: bool              # 按比例; else 按顺序 (first come, first paid)
    order_field: Optional[str]  # 按顺序 by this field of the record; None: input order


def _yuan(cents: array.array) -> List[Decimal]:
    return [Decimal(c).scaleb(-2) for c in cents]


class PoolClaims:
    """Step 1's result for one part of the input: per pool, the amount each award claiming it
    asked, and the order key (the order field's value, a date as days; else 0), in input order."""

    def __init__(self, asked: List[array.array], keys: List[array.array]) -> None:
        self._asked = asked
        self._keys = keys

    def asked(self, pool: int) -> List[Decimal]:
        """The amounts asked of pool `pool` (its index), in 元."""
        return _yuan(self._asked[pool])

    def keys(self, pool: int) -> List[int]:
        return list(self._keys[pool])

    def count(self, pool: int) -> int:
        return len(self._asked[pool])

    def __len__(self) -> int:
        return sum(len(a) for a in self._asked)

    def __repr__(self) -> str:
        return f"PoolClaims({[len(a) for a in self._asked]} claims a pool)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PoolClaims) and (self._asked, self._keys) == (other._asked, other._keys)


class PoolShares:
    """Step 2's result for one part of the input: per pool, what each of the part's claims on
    it was granted, in the order of its claims."""

    def __init__(self, granted: List[array.array]) -> None:
        self._granted = granted

    def granted(self, pool: int) -> List[Decimal]:
        """The shares of pool `pool` (its index), in 元."""
        return _yuan(self._granted[pool])

    def count(self, pool: int) -> int:
        return len(self._granted[pool])

    def __len__(self) -> int:
        return sum(len(g) for g in self._granted)

    def __repr__(self) -> str:
        return f"PoolShares({[len(g) for g in self._granted]} shares a pool)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PoolShares) and self._granted == other._granted
