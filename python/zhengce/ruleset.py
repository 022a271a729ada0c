"""A ruleset compiled by `zc build`, loaded from its shared library."""

from __future__ import annotations

import array
import ctypes
import json
import os
import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import (IO, Any, Iterable, Iterator, List, Literal, Mapping, NamedTuple, Optional, Sequence, Tuple, Union,
                    overload)

from ._abi import BAD_ARGUMENT, BAD_PARAM, Library
from .errors import ParameterError, RecordError, ZhengceError
from .pools import Pool, PoolClaims, PoolShares
from .rankings import PlacesCursor, Ranking, RankKeys, RankPlaces, split_places
from .values import param_text, parse_result, record_json

#: A part of the input: its bytes, a binary file object, or a file's path (the two read a block at a time).
Part = Union[bytes, IO[bytes], str, "os.PathLike[str]"]

#: How a bad record is answered: raised as RecordError, or given back as zc run's error row.
Errors = Literal["raise", "row"]

# How much of a JSON Lines stream goes to the library at a time.
_BLOCK_BYTES = 4 << 20


@dataclass(frozen=True)
class Clause:
    id: str
    source: str       # the 原文
    beneficiary: str
    kind: str


@dataclass(frozen=True)
class Value:
    """A record field or a parameter, as the library describes it."""
    name: str
    type: str         # flag, int, count, dec, date, text, enum, record
    unit: str         # "" when it has none
    default: Any      # as the description writes it


class FilePart(NamedTuple):
    """A part of a JSON Lines file (Ruleset.jsonl_file_part): its bytes [begin, end), and its lines."""
    begin: int
    end: int
    lines: int


class Ruleset:
    """A library made by `zc build`:

        with Ruleset("libseed.so", params={"美元汇率": Decimal("7.2")}) as seed:
            seed.evaluate({"id": "E1", "区县": "昌江区", "营业收入": Decimal("494136.29")})

    Amounts are Decimal. A record that cannot be read raises RecordError (or, with
    errors="row", gives zc run's error row); a bad parameter raises ParameterError at once.
    One Ruleset may be shared by threads: each thread gets its own evaluator."""

    def __init__(self, library: Union[str, "os.PathLike[str]"], params: Optional[Mapping[str, Any]] = None) -> None:
        self._library = Library(library)
        self.description: dict = json.loads(self._library.description_json())
        self.name: str = self.description["name"]
        self.source_hash: str = self.description["source_hash"]
        self.zc_version: str = self.description["zc_version"]
        self.clauses: List[Clause] = [Clause(c["id"], c["source"], c["beneficiary"], c["kind"])
                                      for c in self.description["clauses"]]
        self.fields: List[Value] = [self._value(f) for f in self.description["fields"]]
        self.params: List[Value] = [self._value(p) for p in self.description["params"]]
        self.pools: List[Pool] = [self._pool(i, p) for i, p in enumerate(self.description.get("pools", []))]
        if len(self.pools) != self._library.pool_count():
            raise ZhengceError(BAD_ARGUMENT, f"{self._library.path}: describes {len(self.pools)} pools but has "
                                             f"{self._library.pool_count()}")
        self.rankings: List[Ranking] = [self._ranking(i, r) for i, r in enumerate(self.description.get("rankings", []))]
        if len(self.rankings) != self._library.ranking_count():
            raise ZhengceError(BAD_ARGUMENT, f"{self._library.path}: describes {len(self.rankings)} rankings but has "
                                             f"{self._library.ranking_count()}")
        self._param_texts: dict[str, str] = {}
        self._local = threading.local()
        self._evaluators: list[ctypes.c_void_p] = []
        self._lock = threading.Lock()
        self._closed = False
        for name, value in (params or {}).items():
            self.set_param(name, value)

    @staticmethod
    def _value(v: Mapping[str, Any]) -> Value:
        return Value(v["name"], v["type"], v["unit"], v["default"])

    def _pool(self, index: int, p: Mapping[str, Any]) -> Pool:
        order = p["order_field"]
        return Pool(index, p["name"], p["policy"], tuple(p["clauses"]), bool(p["pro_rata"]),
                    self.fields[order].name if order >= 0 else None)

    def _ranking(self, index: int, r: Mapping[str, Any]) -> Ranking:
        return Ranking(index, r["name"], r["policy"], tuple(self.fields[k["field"]].name for k in r["keys"]),
                       tuple(bool(k["descending"]) for k in r["keys"]), bool(r["ties_all_in"]))

    # Parameters and evaluators.

    def set_param(self, name: str, value: Any) -> None:
        """Sets a parameter, as `zc run --param NAME=VALUE` does (a value may carry its unit:
        "7.2 元/美元"); raises ParameterError now for a name or value the ruleset refuses."""
        text = param_text(name, value)
        with self._lock:
            evaluators = list(self._evaluators) or [self._evaluator_locked()]
            for evaluator in evaluators:
                status, message = self._library.set_param(evaluator, name, text)
                if status == BAD_PARAM:
                    raise ParameterError(name, message)
                if status != 0:
                    raise ZhengceError(status, message)
            self._param_texts[name] = text

    def _evaluator_locked(self) -> ctypes.c_void_p:
        if self._closed:
            raise ZhengceError(4, f"the ruleset {self.name} is closed")
        evaluator = getattr(self._local, "evaluator", None)
        if evaluator is None:
            evaluator = self._library.create_evaluator()
            for name, text in self._param_texts.items():
                self._library.set_param(evaluator, name, text)
            self._evaluators.append(evaluator)
            self._local.evaluator = evaluator
        return evaluator

    def _evaluator(self) -> ctypes.c_void_p:
        evaluator = getattr(self._local, "evaluator", None)
        if evaluator is not None and not self._closed:
            return evaluator
        with self._lock:
            return self._evaluator_locked()

    def close(self) -> None:
        """Frees every evaluator; the Ruleset cannot evaluate after it."""
        with self._lock:
            for evaluator in self._evaluators:
                self._library.destroy_evaluator(evaluator)
            self._evaluators.clear()
            self._closed = True
        self._local = threading.local()

    def __enter__(self) -> "Ruleset":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_evaluators", None):
            self.close()

    # Records.

    def evaluate(self, record: Mapping[str, Any], *, errors: Errors = "raise") -> dict:
        """One record (field name → Decimal, int, str, bool, date, list …) → its result as zc run
        writes it: {"id", "awards": [{"clause", "beneficiary", "amount": Decimal, …}],
        "total_…": Decimal, and "errors" if a clause failed}."""
        return self.evaluate_many([record], errors=errors)[0]

    def evaluate_many(self, records: Iterable[Mapping[str, Any]], *, errors: Errors = "raise") -> List[dict]:
        """Many records in one call of the library (as fast as JSON Lines): their results, in order."""
        lines = []
        for position, record in enumerate(records):
            try:
                text = record_json(record)
            except (TypeError, ValueError) as e:
                raise type(e)(f"record {position + 1}: {e}") from None
            lines.append(text)  # one line: json.dumps escapes a line break inside a string
        return self._evaluate_lines(lines, errors)

    def _evaluate_lines(self, lines: List[str], errors: Errors) -> List[dict]:
        if not lines:
            return []
        output = self._library.evaluate_jsonl(self._evaluator(), ("\n".join(lines) + "\n").encode("utf-8"), 1)
        results = [parse_result(line) for line in output.splitlines()]
        if errors == "raise":
            for result in results:
                _raise_if_failed(result)
        return results

    @overload
    def evaluate_jsonl(self, source: bytes, *, first_line: int = 1) -> bytes: ...

    @overload
    def evaluate_jsonl(self, source: IO[bytes], *, first_line: int = 1, block_bytes: int = _BLOCK_BYTES
                       ) -> Iterator[bytes]: ...

    def evaluate_jsonl(self, source: Union[bytes, IO[bytes]], *, first_line: int = 1, block_bytes: int = _BLOCK_BYTES
                       ) -> Union[bytes, Iterator[bytes]]:
        """JSON Lines → exactly the bytes `zc run --format jsonl` writes for them, error rows
        included. Given bytes, returns bytes; given a binary file object, returns an iterator
        of result blocks, reading the file a block of whole lines at a time (never all of it):

            with open("records.jsonl", "rb") as f, open("results.jsonl", "wb") as out:
                for block in seed.evaluate_jsonl(f):
                    out.write(block)

        `first_line`: the number of the first line, when the lines are a later part of an
        input (a partition of a file), so error rows name their line in the whole input."""
        if first_line < 1:
            raise ValueError(f"lines are numbered from 1, not {first_line}")
        if isinstance(source, (bytes, bytearray, memoryview)):
            return self._library.evaluate_jsonl(self._evaluator(), bytes(source), first_line)
        return self._stream(source, first_line, block_bytes)

    def _stream(self, source: IO[bytes], line: int, block_bytes: int) -> Iterator[bytes]:
        for data, first, size in _blocks(source, line, block_bytes):
            yield self._library.evaluate_jsonl(self._evaluator(), data, first, size)

    # Files: the library reads the input and writes the output itself, so no record's bytes
    # pass through Python (a Dask task's whole partition: zhengce.h "Files").

    def jsonl_file_part(self, path: Union[str, "os.PathLike[str]"], start: int = 0, end: Optional[int] = None
                        ) -> FilePart:
        """The part of a JSON Lines file whose lines begin in bytes [start, end) (end None: the
        file's end): where it lies and how many lines it holds. Parts cut at any offsets hold
        each line once; a part's first line is numbered 1 + the lines of the parts before it."""
        return FilePart(*self._library.jsonl_file_part(os.fspath(path), start, _file_end(end)))

    def evaluate_jsonl_file(self, source: Union[str, "os.PathLike[str]"], output: Union[str, "os.PathLike[str]"], *,
                            start: int = 0, end: Optional[int] = None, first_line: int = 1) -> int:
        """Writes to the file `output` exactly the bytes `zc run --format jsonl` writes for the
        lines of the file `source` that begin in bytes [start, end) (all of it by default), the
        first of them numbered `first_line` in the whole file; returns how many rows. The library
        reads and writes the files a few MiB at a time; the output is never the source."""
        if first_line < 1:
            raise ValueError(f"lines are numbered from 1, not {first_line}")
        return self._library.evaluate_jsonl_file(self._evaluator(), os.fspath(source), start, _file_end(end),
                                                 first_line, os.fspath(output))

    # 排名 (zhengce.rankings): a ranked run in three steps, each over the library.

    def rank_keys(self, source: Part, *, first_line: int = 1, block_bytes: int = _BLOCK_BYTES) -> RankKeys:
        """Step 1 (map): the keys of a part of the input's records (JSON Lines bytes, or a
        binary file or a path read a block at a time), in input order. `first_line` is the
        number of the part's first line in the whole input."""
        if first_line < 1:
            raise ValueError(f"lines are numbered from 1, not {first_line}")
        if isinstance(source, (bytes, bytearray, memoryview)):
            return RankKeys(*self._library.rank_keys(self._evaluator(), bytes(source), first_line))
        keys, records = [], 0
        for data, line, size in _part_blocks(source, first_line, block_bytes):
            block_keys, block_records = self._library.rank_keys(self._evaluator(), data[:size], line)
            keys.append(block_keys)
            records += block_records
        return RankKeys(b"".join(keys), records)

    def settle_rankings(self, parts: Sequence[RankKeys]) -> List[RankPlaces]:
        """Step 2 (reduce): every part's keys (rank_keys, the parts in input order) → each
        part's places, ranked once over the whole run by the library's zhengce_rank_settle."""
        for position, part in enumerate(parts):
            if not isinstance(part, RankKeys):
                raise TypeError(f"part {position + 1}: not the keys of a ranking (rank_keys)")
        places = self._library.rank_settle(b"".join(p._keys for p in parts), sum(p.records for p in parts))
        return split_places(places, [p.records for p in parts], len(self.rankings))

    @overload
    def evaluate_jsonl_ranked(self, source: bytes, places: RankPlaces, *, first_line: int = 1) -> bytes: ...

    @overload
    def evaluate_jsonl_ranked(self, source: Union[IO[bytes], str, "os.PathLike[str]"], places: RankPlaces, *,
                              first_line: int = 1, block_bytes: int = _BLOCK_BYTES) -> Iterator[bytes]: ...

    def evaluate_jsonl_ranked(self, source: Part, places: RankPlaces, *, first_line: int = 1,
                              block_bytes: int = _BLOCK_BYTES) -> Union[bytes, Iterator[bytes]]:
        """Step 3 (map): a part of the input and its places (settle_rankings) → the bytes zc run
        writes for that part of the whole run; bytes, or for a file or a path an iterator of
        blocks, as evaluate_jsonl."""
        if first_line < 1:
            raise ValueError(f"lines are numbered from 1, not {first_line}")
        if not isinstance(places, RankPlaces):
            raise TypeError("not the places of a ranking (settle_rankings)")
        if isinstance(source, (bytes, bytearray, memoryview)):
            return self._library.evaluate_jsonl_ranked(self._evaluator(), bytes(source), first_line, places._places,
                                                       places.records)
        return self._ranked_stream(source, PlacesCursor(places), first_line, block_bytes)

    def _ranked_stream(self, source: Part, places: PlacesCursor, line: int, block_bytes: int) -> Iterator[bytes]:
        for data, first, size in _part_blocks(source, line, block_bytes):
            taken, records = places.take(data, size, first)
            yield self._library.evaluate_jsonl_ranked(self._evaluator(), data[:size], first, taken, records)
        places.finish()

    # 资金池 (zhengce.pools): a pooled run in three steps, each over the library.

    def _pool_index(self, pool: Union[Pool, int]) -> int:
        index = pool.index if isinstance(pool, Pool) else pool
        if not isinstance(index, int) or not 0 <= index < len(self.pools):
            raise ValueError(f"the ruleset {self.name} has {len(self.pools)} pools; there is no pool {pool!r}")
        return index

    def pool_amount(self, pool: Union[Pool, int]) -> Decimal:
        """The pool's amount in 元 with the ruleset's parameters (a pool may be one), down to the
        分 as zc run pays it out; ZhengceError when a parameter makes it negative or too large."""
        index = self._pool_index(pool)
        try:
            return Decimal(self._library.pool_cents(self._evaluator(), index)).scaleb(-2)
        except ZhengceError as e:
            raise ZhengceError(e.status, f"{self.pools[index].name}: {e.message}") from None

    def pool_claims(self, source: Part, *, first_line: int = 1,
                    block_bytes: int = _BLOCK_BYTES, places: Optional[RankPlaces] = None) -> PoolClaims:
        """Step 1 (map): the claims the records of a part of the input (JSON Lines bytes, or a
        binary file or a path read a block at a time) make on each pool, in input order.
        `first_line` is the number of the part's first line in the whole input, as for
        evaluate_jsonl. A record that cannot be read claims nothing (step 3 gives its error
        row). A ruleset with a 排名 as well gives the part's places (settle_rankings): each
        record is ranked before it claims, as zc run runs it."""
        if first_line < 1:
            raise ValueError(f"lines are numbered from 1, not {first_line}")
        cursor = self._places_cursor(places)
        asked = [array.array("q") for _ in self.pools]
        keys = [array.array("q") for _ in self.pools]
        for data, line, size in _part_blocks(source, first_line, block_bytes):
            ranked = cursor.take(data, size, line) if cursor is not None else None
            which, cents, key = self._library.pool_claims(self._evaluator(), data, line, size, ranked)
            for p, c, k in zip(which, cents, key):
                asked[p].append(c)
                keys[p].append(k)
        if cursor is not None:
            cursor.finish()
        return PoolClaims(asked, keys)

    def settle_pools(self, parts: Sequence[PoolClaims]) -> List[PoolShares]:
        """Step 2 (reduce): every part's claims, the parts in their order in the whole input →
        each part's shares. Each pool is settled once over all its claims with its amount
        (pool_amount) by the library's zhengce_pool_settle, zc run's own settlement."""
        for position, part in enumerate(parts):
            if not isinstance(part, PoolClaims) or len(part._asked) != len(self.pools):
                raise TypeError(f"part {position + 1}: not the claims of this ruleset's {len(self.pools)} pools "
                                f"(pool_claims)")
        granted: List[List[array.array]] = [[] for _ in parts]
        for pool in self.pools:
            asked, keys = array.array("q"), array.array("q")
            for part in parts:
                asked.extend(part._asked[pool.index])
                keys.extend(part._keys[pool.index])
            try:
                cents = self._library.pool_cents(self._evaluator(), pool.index)
                shares = self._library.pool_settle(asked, keys if pool.order_field is not None else None, cents,
                                                   pool.pro_rata)
            except ZhengceError as e:
                raise ZhengceError(e.status, f"{pool.name}: {e.message}") from None
            at = 0
            for part, part_granted in zip(parts, granted):
                count = part.count(pool.index)
                part_granted.append(shares[at:at + count])
                at += count
        return [PoolShares(g) for g in granted]

    @staticmethod
    def _places_cursor(places: Optional[RankPlaces]) -> Optional[PlacesCursor]:
        """A part's places to hand the library a block at a time, or None."""
        if places is None:
            return None
        if not isinstance(places, RankPlaces):
            raise TypeError("not the places of a ranking (settle_rankings)")
        return PlacesCursor(places)

    @overload
    def evaluate_jsonl_settled(self, source: bytes, shares: PoolShares, *, first_line: int = 1,
                               places: Optional[RankPlaces] = None) -> bytes: ...

    @overload
    def evaluate_jsonl_settled(self, source: Union[IO[bytes], str, "os.PathLike[str]"], shares: PoolShares, *,
                               first_line: int = 1, block_bytes: int = _BLOCK_BYTES,
                               places: Optional[RankPlaces] = None) -> Iterator[bytes]: ...

    def evaluate_jsonl_settled(self, source: Part, shares: PoolShares, *, first_line: int = 1,
                               block_bytes: int = _BLOCK_BYTES, places: Optional[RankPlaces] = None
                               ) -> Union[bytes, Iterator[bytes]]:
        """Step 3 (map): a part of the input and its shares (settle_pools) → the bytes zc run
        writes for these records in the whole run, each claim paid its share; bytes, or for a
        file or a path an iterator of blocks, as evaluate_jsonl. Shares that are not this part's
        claims' (fewer or more of them than its claims) raise ZhengceError (status 4,
        BAD_ARGUMENT): fewer before any output, more after the part's last block. A ruleset
        with a 排名 as well gives the part's places, as to pool_claims; places for another
        number of records raise ZhengceError too (for fewer, before the block that runs past
        them; for more, after the last)."""
        if first_line < 1:
            raise ValueError(f"lines are numbered from 1, not {first_line}")
        if not isinstance(shares, PoolShares) or len(shares._granted) != len(self.pools):
            raise TypeError(f"not the shares of this ruleset's {len(self.pools)} pools (settle_pools)")
        cursor = self._places_cursor(places)
        taken = [0] * len(self.pools)
        stream = self._settled_stream(source, shares, taken, cursor, first_line, block_bytes)
        if isinstance(source, (bytes, bytearray, memoryview)):
            return b"".join(stream)
        return stream

    def _settled_stream(self, source: Part, shares: PoolShares, taken: List[int], places: Optional[PlacesCursor],
                        line: int, block_bytes: int) -> Iterator[bytes]:
        for data, first, size in _part_blocks(source, line, block_bytes):
            ranked = places.take(data, size, first) if places is not None else None
            yield self._library.evaluate_jsonl_settled(self._evaluator(), data, first, shares._granted, taken, size,
                                                       places=ranked)
        if places is not None:
            places.finish()
        self._all_taken(shares, taken)

    def _all_taken(self, shares: PoolShares, taken: List[int]) -> None:
        for pool, used in zip(self.pools, taken):
            if used != shares.count(pool.index):
                raise ZhengceError(BAD_ARGUMENT, f"{pool.name}: {shares.count(pool.index)} shares were given for "
                                                 f"records that claim it {used} times: they are another part's")

    def evaluate_frame(self, frame: Any, *, shape: Literal["long", "wide"] = "long", errors: Errors = "raise") -> Any:
        """A pandas DataFrame of records (a column a field) → a DataFrame of results; see
        zhengce.frame.evaluate_frame."""
        from .frame import evaluate_frame
        return evaluate_frame(self, frame, shape=shape, errors=errors)


def _part_blocks(source: Part, line: int, block_bytes: int) -> Iterator[Tuple[bytes, int, int]]:
    """A part as _blocks gives a file: its bytes as one block, or a path's file opened and read."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        yield data, line, len(data)
    elif isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            yield from _blocks(f, line, block_bytes)
    else:
        yield from _blocks(source, line, block_bytes)


def _blocks(source: IO[bytes], line: int, block_bytes: int) -> Iterator[Tuple[bytes, int, int]]:
    """A binary file a block of whole lines at a time, never all of it: (data, the number of
    its first line, the length of its whole lines)."""
    carry = b""
    while True:
        block = source.read(block_bytes)
        if isinstance(block, str):
            raise TypeError("JSON Lines are read from a binary file: open it with 'rb'")
        if not block:
            break
        data = carry + block
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            carry = data  # a line longer than a block: read on
            continue
        carry = data[cut:]
        yield data, line, cut
        line += data.count(b"\n", 0, cut)
    if carry:
        yield carry, line, len(carry)


def _file_end(end: Optional[int]) -> int:
    # Past any file: the library reads to the file's end.
    return (1 << 64) - 1 if end is None else end


def _raise_if_failed(result: dict) -> None:
    if "error" in result:
        raise RecordError(result.get("id"), result.get("line"), result["error"])
