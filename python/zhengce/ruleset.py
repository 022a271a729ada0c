"""A ruleset compiled by `zc build`, loaded from its shared library."""

from __future__ import annotations

import ctypes
import json
import os
import threading
from dataclasses import dataclass
from typing import IO, Any, Iterable, Iterator, List, Literal, Mapping, Optional, Union, overload

from ._abi import BAD_PARAM, Library
from .errors import ParameterError, RecordError, ZhengceError
from .values import param_text, parse_result, record_json

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
        carry = b""
        while True:
            block = source.read(block_bytes)
            if isinstance(block, str):
                raise TypeError("evaluate_jsonl reads a binary file: open it with 'rb'")
            if not block:
                break
            data = carry + block
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                carry = data  # a line longer than a block: read on
                continue
            carry = data[cut:]
            yield self._library.evaluate_jsonl(self._evaluator(), data, line, cut)
            line += data.count(b"\n", 0, cut)
        if carry:
            yield self._library.evaluate_jsonl(self._evaluator(), carry, line)

    def evaluate_frame(self, frame: Any, *, shape: Literal["long", "wide"] = "long", errors: Errors = "raise") -> Any:
        """A pandas DataFrame of records (a column a field) → a DataFrame of results; see
        zhengce.frame.evaluate_frame."""
        from .frame import evaluate_frame
        return evaluate_frame(self, frame, shape=shape, errors=errors)


def _raise_if_failed(result: dict) -> None:
    if "error" in result:
        raise RecordError(result.get("id"), result.get("line"), result["error"])
