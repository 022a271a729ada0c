"""排名: the records of a whole run ordered by fields of theirs, each one's place written
into its rank field before it is evaluated. A ranked run is three steps, which may run on
other processes or machines (docs/embedding.md):

    keys = [seed.rank_keys(part) for part in parts]             # map: each part's keys
    places = seed.settle_rankings(keys)                         # reduce: one ranking of them all
    out = [seed.evaluate_jsonl_ranked(part, p) for part, p in zip(parts, places)]  # map

The parts taken in order are the whole input. Keys and places are small values that pickle
(Dask ships them between the steps); the library does every step (zc run's own ranking). A
ruleset with a 资金池 as well gives each part's places to pool_claims and
evaluate_jsonl_settled (places=) instead of evaluate_jsonl_ranked: ranked first, then pooled."""

from __future__ import annotations

import array
from dataclasses import dataclass
from typing import List, Tuple


@dataclass(frozen=True)
class Ranking:
    index: int
    name: str                # the rank field, 用电排名
    policy: str
    keys: Tuple[str, ...]    # the fields it orders by, the first first
    descending: Tuple[bool, ...]
    ties_all_in: bool        # 并列 全部入选 (tied records share the best place); else 均不入选 (the worst)


class RankKeys:
    """Step 1's result for one part of the input: its records' keys, in the library's bytes."""

    def __init__(self, keys: bytes, records: int) -> None:
        self._keys = keys
        self.records = records


class RankPlaces:
    """Step 2's result for one part: each of its records' place in each ranking (0: not ranked)."""

    def __init__(self, places: array.array, records: int, rankings: int) -> None:
        self._places = places
        self.records = records
        self._rankings = rankings

    def place(self, record: int, ranking: int) -> int:
        """Record `record`'s (from 0, in the part) place in ranking `ranking`, from 1; 0: not ranked."""
        return self._places[record * self._rankings + ranking]


def split_places(places: array.array, counts: List[int], rankings: int) -> List[RankPlaces]:
    out, at = [], 0
    for records in counts:
        out.append(RankPlaces(places[at * rankings:(at + records) * rankings], records, rankings))
        at += records
    return out
