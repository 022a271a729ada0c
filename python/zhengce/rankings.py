"""排名: the records of a whole run ordered by fields of theirs, each one's place written
into its rank field before it is evaluated. A ranked run is three steps, which may run on
other processes or machines (docs/embedding.md):

    keys = [seed.rank_keys(part) for part in parts]             # map: each part's keys
    places = seed.settle_rankings(keys)                         # reduce: one ranking of them all
    out = [seed.evaluate_jsonl_ranked(part, p) for part, p in zip(parts, places)]  # map

The parts taken in order are the whole input. Keys and places are small values that pickle
(Dask ships them between the steps); the library does every step (zc run's own ranking). A
ruleset with a 资金池 as well gives each part's places to pool_claims and
evaluate_jsonl_settled (places=) instead of evaluate_jsonl_ranked: ranked first, then pooled.
Each step takes a part as bytes, or as a binary file or a path read a block of whole lines at
a time (never all of it), its places handed to the library a block's records at a time."""

from __future__ import annotations

import array
from dataclasses import dataclass
from typing import List, Tuple

from ._abi import BAD_ARGUMENT
from .errors import ZhengceError

_BYTE_ORDER_MARK = b"\xef\xbb\xbf"


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


def records_in(data: bytes, size: int, first_line: int) -> int:
    """How many records the library reads in the lines data[:size], the first numbered
    first_line: every line but the blank ones, as runtime/src/JsonLines.cpp cuts them (a byte
    order mark on the input's first line, a CR at a line's end, then only spaces and tabs)."""
    lines = data[:size].split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # after the last line break: no line
    count = 0
    for number, line in enumerate(lines, first_line):
        if number == 1 and line.startswith(_BYTE_ORDER_MARK):
            line = line[len(_BYTE_ORDER_MARK):]
        if line.endswith(b"\r"):
            line = line[:-1]
        if line.strip(b" \t"):
            count += 1
    return count


class PlacesCursor:
    """A part's places handed out a block at a time, as many as each block's lines hold records,
    when the part is read from a file. Places for fewer records than the part's are refused
    before the block that runs past them goes to the library; for more, after its last block."""

    def __init__(self, places: RankPlaces) -> None:
        self._places = places
        self._at = 0

    def take(self, data: bytes, size: int, first_line: int) -> Tuple[array.array, int]:
        """The places of the records in data[:size] (lines from first_line), and how many they are."""
        records = records_in(data, size, first_line)
        if self._at + records > self._places.records:
            raise ZhengceError(BAD_ARGUMENT, f"the places given are not for as many records as the part's lines "
                                             f"hold: for {self._places.records}, and the lines hold more")
        width = self._places._rankings
        taken = self._places._places[self._at * width:(self._at + records) * width]
        self._at += records
        return taken, records

    def finish(self) -> None:
        if self._at != self._places.records:
            raise ZhengceError(BAD_ARGUMENT, f"the places given are not for as many records as the part's lines "
                                             f"hold: for {self._places.records}, and the lines hold {self._at}")
