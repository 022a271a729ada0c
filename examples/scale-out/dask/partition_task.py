"""The worker's side of run_on_dask.py: one JSON Lines partition through a
compiled ruleset. Imported on the workers (the client uploads this file and
zhengce.py), so the cache below lives once per worker process."""

import hashlib
import os
import tempfile

from zhengce import Ruleset

_rulesets = {}  # the library's SHA-256 -> its Ruleset, loaded once per worker process


def _ruleset(library):
    digest = hashlib.sha256(library).hexdigest()
    if digest not in _rulesets:
        path = os.path.join(tempfile.gettempdir(), f"zhengce-{digest}.so")
        if not os.path.exists(path):
            # Written under a private name and renamed: two processes of one machine never load half a file.
            fd, partial = tempfile.mkstemp(suffix=".so", dir=os.path.dirname(path))
            with os.fdopen(fd, "wb") as f:
                f.write(library)
            os.replace(partial, path)
        _rulesets[digest] = Ruleset(path)
    return _rulesets[digest]


def evaluate_partition(library, input_path, output_path):
    """Evaluates the partition at input_path into output_path (written whole, then renamed).
    Returns (input_path, the number of result lines)."""
    with open(input_path, "rb") as f:
        records = f.read()
    results = _ruleset(library).evaluate_jsonl(records)
    partial = output_path + ".partial"
    with open(partial, "wb") as f:
        f.write(results)
    os.replace(partial, output_path)
    return input_path, results.count(b"\n")


def partition_claims(library, input_path):
    """Step 1 of a ruleset with a 资金池: the partition's claims on each pool, in input order."""
    with open(input_path, "rb") as f:
        return _ruleset(library).pool_claims(f.read())


def settle_partition(library, input_path, output_path, shares):
    """Step 3: the partition's results with its claims paid their shares (settle_pools), written
    as evaluate_partition writes. Returns (input_path, the number of result lines)."""
    with open(input_path, "rb") as f:
        records = f.read()
    results = _ruleset(library).evaluate_jsonl_settled(records, shares)
    partial = output_path + ".partial"
    with open(partial, "wb") as f:
        f.write(results)
    os.replace(partial, output_path)
    return input_path, results.count(b"\n")
