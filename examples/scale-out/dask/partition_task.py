"""The worker's side of run_on_dask.py: one byte range of the input, its lines found and
counted by the library, then evaluated by the library straight from the input file into a
part of the output (for a ruleset with a 资金池: its claims, then its results with the shares
settled on the client; with a 排名: its keys, then its results with the places ranked on the
client; with both, all of these — these through Python a block at a time). The client uploads
this file; the zhengce package must be installed where the workers run."""

import hashlib
import os
import tempfile
import threading

import zhengce

_rulesets = {}  # (the library's SHA-256, its parameters) -> its Ruleset, loaded once per worker process
_loading = threading.Lock()  # worker threads of one process share _rulesets


def _ruleset(library, params):
    digest = hashlib.sha256(library).hexdigest()
    key = (digest, tuple(sorted(params.items())))
    with _loading:
        return _rulesets[key] if key in _rulesets else _load(key, library, digest, params)


def _load(key, library, digest, params):
    path = os.path.join(tempfile.gettempdir(), f"zhengce-{digest}.so")
    if not os.path.exists(path):
        # Written under a private name and renamed: two processes of one machine never load half a file.
        fd, partial = tempfile.mkstemp(suffix=".so", dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as f:
            f.write(library)
        os.replace(partial, path)
    _rulesets[key] = zhengce.Ruleset(path, params=params)
    return _rulesets[key]


class _Range:
    """The bytes [start, end) of a file, read as a file."""

    def __init__(self, f, start, end):
        f.seek(start)
        self._f, self._left = f, end - start

    def read(self, size):
        data = self._f.read(min(size, self._left))
        self._left -= len(data)
        return data


def lines_of_range(library, params, input_path, start, end):
    """(begin, end, lines): where the lines that begin in bytes [start, end) of input_path lie,
    and how many they are, found by the library (Ruleset.jsonl_file_part, in C): the client
    numbers each range's first line by the lines of the ranges before it."""
    return tuple(_ruleset(library, params).jsonl_file_part(input_path, start, end))


def evaluate_range(library, params, input_path, start, end, first_line, output_path, shares=None, places=None):
    """Evaluates the lines in bytes [start, end) of input_path, the first of them line
    first_line of the file, into output_path (written whole, then renamed; by the library
    itself when there are neither shares nor places); with a 资金池,
    each claim paid its share from `shares` (the range's, from settle_pools); with a 排名, each
    record given its places from `places` (the range's, from settle_rankings; the range is read
    whole); with both, both. Returns the number of result lines."""
    ruleset = _ruleset(library, params)
    partial = output_path + ".partial"
    if places is None and shares is None:
        # The library reads the range and writes its rows itself: no record passes through Python.
        lines = ruleset.evaluate_jsonl_file(input_path, partial, start=start, end=end, first_line=first_line)
        os.replace(partial, output_path)
        return lines
    lines = 0
    with open(input_path, "rb") as f, open(partial, "wb") as out:
        source = _Range(f, start, end)
        if places is not None and shares is not None:
            blocks = [ruleset.evaluate_jsonl_settled(source.read(end - start), shares, first_line=first_line,
                                                     places=places)]
        elif places is not None:
            blocks = [ruleset.evaluate_jsonl_ranked(source.read(end - start), places, first_line=first_line)]
        else:
            blocks = ruleset.evaluate_jsonl_settled(source, shares, first_line=first_line)
        for block in blocks:
            out.write(block)
            lines += block.count(b"\n")
    os.replace(partial, output_path)
    return lines


def claims_of_range(library, params, input_path, start, end, first_line, places=None):
    """The claims the lines in bytes [start, end) of input_path make on the ruleset's 资金池s,
    read a block at a time (zhengce.PoolClaims, small: a few numbers a claim); with a 排名 as
    well, each record given its places from `places` first (the range read whole)."""
    with open(input_path, "rb") as f:
        source = _Range(f, start, end)
        if places is not None:
            return _ruleset(library, params).pool_claims(source.read(end - start), first_line=first_line,
                                                         places=places)
        return _ruleset(library, params).pool_claims(source, first_line=first_line)


def rank_keys_of_range(library, params, input_path, start, end, first_line):
    """The keys of the records in bytes [start, end) of input_path for the ruleset's 排名s
    (zhengce.RankKeys: a few bytes a key; the range is read whole)."""
    with open(input_path, "rb") as f:
        return _ruleset(library, params).rank_keys(_Range(f, start, end).read(end - start), first_line=first_line)
