"""The C ABI of a library made by `zc build` (zc/zhengce.h), through ctypes."""

from __future__ import annotations

import array
import ctypes
import os
from typing import List, Optional, Sequence, Tuple, Union

from .errors import ZhengceError

ABI_VERSION = 3

OK, CLAUSE_ERRORS, BAD_RECORD, BAD_PARAM, BAD_ARGUMENT, INTERNAL = range(6)

_char_out = ctypes.POINTER(ctypes.c_void_p)
_SIGNATURES = {
    "zhengce_abi_version": (ctypes.c_int32, []),
    "zhengce_description_json": (ctypes.c_char_p, []),
    "zhengce_evaluator_create": (ctypes.c_int, [_char_out, _char_out]),
    "zhengce_evaluator_set_param": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, _char_out]),
    "zhengce_evaluator_destroy": (None, [ctypes.c_void_p]),
    "zhengce_evaluate_jsonl_at": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint64,
                                                 _char_out, ctypes.POINTER(ctypes.c_size_t), _char_out]),
    "zhengce_free": (None, [ctypes.c_void_p]),
    "zhengce_jsonl_file_part": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_uint64, ctypes.c_uint64,
                                               ctypes.POINTER(ctypes.c_uint64), ctypes.POINTER(ctypes.c_uint64),
                                               ctypes.POINTER(ctypes.c_uint64), _char_out]),
    "zhengce_evaluate_jsonl_file": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint64, ctypes.c_uint64,
                                                   ctypes.c_uint64, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint64),
                                                   _char_out]),
    "zhengce_pool_count": (ctypes.c_int64, []),
    "zhengce_pool_amount": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int64, ctypes.POINTER(ctypes.c_int64), _char_out]),
    "zhengce_pool_claims_at": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint64,
                                              _char_out, ctypes.POINTER(ctypes.c_size_t), _char_out]),
    # Arrays of int64 go by their address (array.array's buffer), never copied.
    "zhengce_pool_settle": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int64,
                                           ctypes.c_int32, ctypes.c_void_p]),
    "zhengce_evaluate_jsonl_settled_at": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                         ctypes.c_uint64, ctypes.POINTER(ctypes.c_void_p),
                                                         ctypes.POINTER(ctypes.c_size_t),
                                                         ctypes.POINTER(ctypes.c_size_t), _char_out,
                                                         ctypes.POINTER(ctypes.c_size_t), _char_out]),
    "zhengce_pool_claims_ranked_at": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                     ctypes.c_uint64, ctypes.c_void_p, ctypes.c_size_t, _char_out,
                                                     ctypes.POINTER(ctypes.c_size_t), _char_out]),
    "zhengce_evaluate_jsonl_ranked_settled_at": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                                ctypes.c_uint64, ctypes.c_void_p, ctypes.c_size_t,
                                                                ctypes.POINTER(ctypes.c_void_p),
                                                                ctypes.POINTER(ctypes.c_size_t),
                                                                ctypes.POINTER(ctypes.c_size_t), _char_out,
                                                                ctypes.POINTER(ctypes.c_size_t), _char_out]),
    "zhengce_ranking_count": (ctypes.c_int64, []),
    "zhengce_rank_key_size": (ctypes.c_size_t, []),
    "zhengce_rank_keys_at": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint64,
                                            _char_out, ctypes.POINTER(ctypes.c_size_t), _char_out]),
    "zhengce_rank_settle": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p]),
    "zhengce_evaluate_jsonl_ranked_at": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                        ctypes.c_uint64, ctypes.c_void_p, ctypes.c_size_t, _char_out,
                                                        ctypes.POINTER(ctypes.c_size_t), _char_out]),
}


class Library:
    """A loaded library: its functions declared, its ABI checked."""

    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None:
        self.path = os.fspath(path)
        try:
            self._lib = ctypes.CDLL(self.path)
        except OSError as e:
            raise ZhengceError(BAD_ARGUMENT, f"{self.path}: cannot be loaded: {e}") from None
        for name, (restype, argtypes) in _SIGNATURES.items():
            function = getattr(self._lib, name, None)
            if function is None:
                raise ZhengceError(BAD_ARGUMENT, f"{self.path}: has no {name}; is it a library made by a zc of this "
                                                 f"version (zc build)?")
            function.restype = restype
            function.argtypes = argtypes
        version = self._lib.zhengce_abi_version()
        if version != ABI_VERSION:
            raise ZhengceError(BAD_ARGUMENT, f"{self.path} has ABI version {version}; this package reads {ABI_VERSION}")

    def description_json(self) -> str:
        return self._lib.zhengce_description_json().decode("utf-8")

    def _take(self, pointer: ctypes.c_void_p, length: Optional[int] = None) -> bytes:
        if not pointer.value:
            return b""
        data = ctypes.string_at(pointer.value, length) if length is not None else ctypes.string_at(pointer.value)
        self._lib.zhengce_free(pointer)
        return data

    def create_evaluator(self) -> ctypes.c_void_p:
        evaluator, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = self._lib.zhengce_evaluator_create(ctypes.byref(evaluator), ctypes.byref(error))
        message = self._take(error).decode("utf-8")
        if status != OK:
            raise ZhengceError(status, message)
        return evaluator

    def destroy_evaluator(self, evaluator: ctypes.c_void_p) -> None:
        self._lib.zhengce_evaluator_destroy(evaluator)

    def set_param(self, evaluator: ctypes.c_void_p, name: str, value: str) -> tuple[int, str]:
        error = ctypes.c_void_p()
        status = self._lib.zhengce_evaluator_set_param(evaluator, name.encode("utf-8"), value.encode("utf-8"),
                                                       ctypes.byref(error))
        return status, self._take(error).decode("utf-8")

    def evaluate_jsonl(self, evaluator: ctypes.c_void_p, data: bytes, first_line: int,
                       size: Optional[int] = None) -> bytes:
        """The bytes zc run writes for the whole lines in data[:size] (all of it by default),
        the first of them line first_line of the input. No copy of data is made."""
        size = len(data) if size is None else size
        output, length, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        status = self._lib.zhengce_evaluate_jsonl_at(evaluator, data, size, first_line, ctypes.byref(output),
                                                     ctypes.byref(length), ctypes.byref(error))
        message = self._take(error).decode("utf-8")
        if status not in (OK, CLAUSE_ERRORS, BAD_RECORD):
            raise ZhengceError(status, message)
        return self._take(output, length.value)

    # Files (zhengce.h "Files"): the library reads and writes them; no record passes through Python.

    def jsonl_file_part(self, path: str, start: int, end: int) -> Tuple[int, int, int]:
        """(begin, end, lines): where the lines that begin in bytes [start, end) of the file lie, and how many."""
        begin, finish, lines, error = ctypes.c_uint64(), ctypes.c_uint64(), ctypes.c_uint64(), ctypes.c_void_p()
        status = self._lib.zhengce_jsonl_file_part(os.fsencode(path), start, end, ctypes.byref(begin),
                                                   ctypes.byref(finish), ctypes.byref(lines), ctypes.byref(error))
        message = self._take(error).decode("utf-8", errors="replace")
        if status != OK:
            raise ZhengceError(status, message)
        return begin.value, finish.value, lines.value

    def evaluate_jsonl_file(self, evaluator: ctypes.c_void_p, input_path: str, start: int, end: int, first_line: int,
                            output_path: str) -> int:
        """Writes the rows zc run writes for that part of the input into output_path; how many."""
        results, error = ctypes.c_uint64(), ctypes.c_void_p()
        status = self._lib.zhengce_evaluate_jsonl_file(evaluator, os.fsencode(input_path), start, end, first_line,
                                                       os.fsencode(output_path), ctypes.byref(results),
                                                       ctypes.byref(error))
        message = self._take(error).decode("utf-8", errors="replace")
        if status not in (OK, CLAUSE_ERRORS, BAD_RECORD):
            raise ZhengceError(status, message)
        return results.value

    # 资金池 (zhengce.h "A run with a 资金池"): amounts in whole 分.

    def pool_count(self) -> int:
        return int(self._lib.zhengce_pool_count())

    def pool_cents(self, evaluator: ctypes.c_void_p, pool: int) -> int:
        """The pool's amount in 分 with the evaluator's parameters."""
        cents, error = ctypes.c_int64(), ctypes.c_void_p()
        status = self._lib.zhengce_pool_amount(evaluator, pool, ctypes.byref(cents), ctypes.byref(error))
        message = self._take(error).decode("utf-8")
        if status != OK:
            raise ZhengceError(status, message)
        return cents.value

    def pool_claims(self, evaluator: ctypes.c_void_p, data: bytes, first_line: int, size: Optional[int] = None,
                    places: Optional[Tuple[array.array, int]] = None) -> Tuple[array.array, array.array, array.array]:
        """The claims of the whole lines in data[:size], in input order: (pools, asked 分, keys).
        With places (the lines' places, and how many records they are for), the records ranked first."""
        size = len(data) if size is None else size
        claims, count, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        if places is None:
            status = self._lib.zhengce_pool_claims_at(evaluator, data, size, first_line, ctypes.byref(claims),
                                                      ctypes.byref(count), ctypes.byref(error))
        else:
            status = self._lib.zhengce_pool_claims_ranked_at(evaluator, data, size, first_line, _address(places[0]),
                                                             places[1], ctypes.byref(claims), ctypes.byref(count),
                                                             ctypes.byref(error))
        message = self._take(error).decode("utf-8")
        if status != OK:
            raise ZhengceError(status, message)
        flat = array.array("q", self._take(claims, 3 * 8 * count.value))
        return flat[0::3], flat[1::3], flat[2::3]

    def pool_settle(self, asked: array.array, keys: Optional[array.array], cents: int, pro_rata: bool
                    ) -> array.array:
        """The shares in 分 of one pool's claims (asked, in input order; keys None: paid in input order)."""
        granted = array.array("q", bytes(8 * len(asked)))
        status = self._lib.zhengce_pool_settle(_address(asked), _address(keys) if keys is not None else None,
                                               len(asked), cents, int(pro_rata), _address(granted))
        if status != OK:
            raise ZhengceError(status, f"{len(asked)} claims on a pool of {cents} 分 cannot be settled "
                                       f"(a claim below 0, or their total beyond 2^63 分)")
        return granted

    def evaluate_jsonl_settled(self, evaluator: ctypes.c_void_p, data: bytes, first_line: int,
                               shares: Sequence[array.array], taken: List[int], size: Optional[int] = None,
                               places: Optional[Tuple[array.array, int]] = None) -> bytes:
        """As evaluate_jsonl, the claims on pool p paid shares[p][taken[p]:] in order; taken[p]
        moves on by the shares the lines' claims took. With places, as pool_claims."""
        size = len(data) if size is None else size
        pools = len(shares)
        granted = (ctypes.c_void_p * max(pools, 1))(*[_address(s) + 8 * t for s, t in zip(shares, taken)])
        counts = (ctypes.c_size_t * max(pools, 1))(*[len(s) - t for s, t in zip(shares, taken)])
        used = (ctypes.c_size_t * max(pools, 1))()
        output, length, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        if places is None:
            status = self._lib.zhengce_evaluate_jsonl_settled_at(evaluator, data, size, first_line, granted, counts,
                                                                 used, ctypes.byref(output), ctypes.byref(length),
                                                                 ctypes.byref(error))
        else:
            status = self._lib.zhengce_evaluate_jsonl_ranked_settled_at(
                evaluator, data, size, first_line, _address(places[0]), places[1], granted, counts, used,
                ctypes.byref(output), ctypes.byref(length), ctypes.byref(error))
        message = self._take(error).decode("utf-8")
        if status not in (OK, CLAUSE_ERRORS, BAD_RECORD):
            raise ZhengceError(status, message)
        for p in range(pools):
            taken[p] += used[p]
        return self._take(output, length.value)

    # 排名 (zhengce.h "A run with a 排名"): keys as the library's own bytes, places as int64.

    def ranking_count(self) -> int:
        return int(self._lib.zhengce_ranking_count())

    def rank_keys(self, evaluator: ctypes.c_void_p, data: bytes, first_line: int) -> Tuple[bytes, int]:
        """The keys of the lines' records (zhengce_rank_key_size() bytes a record) and how many records."""
        keys, records, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        status = self._lib.zhengce_rank_keys_at(evaluator, data, len(data), first_line, ctypes.byref(keys),
                                                ctypes.byref(records), ctypes.byref(error))
        message = self._take(error).decode("utf-8")
        if status != OK:
            raise ZhengceError(status, message)
        return self._take(keys, records.value * int(self._lib.zhengce_rank_key_size())), records.value

    def rank_settle(self, keys: bytes, records: int) -> array.array:
        """places[i × rankings + r]: record i's place in ranking r (0: not ranked)."""
        places = array.array("q", bytes(8 * records * self.ranking_count()))
        status = self._lib.zhengce_rank_settle(keys, records, _address(places))
        if status != OK:
            raise ZhengceError(status, f"the keys of {records} records cannot be ranked")
        return places

    def evaluate_jsonl_ranked(self, evaluator: ctypes.c_void_p, data: bytes, first_line: int, places: array.array,
                              records: int) -> bytes:
        """As evaluate_jsonl, each record's places (places[: records × rankings]) written into it first."""
        output, length, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        status = self._lib.zhengce_evaluate_jsonl_ranked_at(evaluator, data, len(data), first_line, _address(places),
                                                            records, ctypes.byref(output), ctypes.byref(length),
                                                            ctypes.byref(error))
        message = self._take(error).decode("utf-8")
        if status not in (OK, CLAUSE_ERRORS, BAD_RECORD):
            raise ZhengceError(status, message)
        return self._take(output, length.value)


def _address(values: array.array) -> int:
    # An empty array may have no buffer: the library reads none of it then.
    return values.buffer_info()[0] or 0
