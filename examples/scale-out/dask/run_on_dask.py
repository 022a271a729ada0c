"""Runs a ruleset compiled by `zc build` over one JSON Lines file on a Dask cluster,
writing exactly the bytes `zc run --format jsonl` writes for it:

    python3 run_on_dask.py LIBRARY INPUT.jsonl OUTPUT.jsonl --local-workers 2
    python3 run_on_dask.py LIBRARY INPUT.jsonl OUTPUT.jsonl --scheduler tcp://HOST:8786

The input is cut into partitions of whole lines here (--partitions, by default four a
worker thread), each evaluated by one task, a block at a time, with the zhengce package;
an error row names the record's line in the whole file, as zc run's does. A ruleset with
a 资金池 runs in three steps: each partition's claims (tasks), one settlement of every
pool over all of them (here, on the client), each partition's results (tasks); a ruleset
with a 排名 likewise: each partition's keys, one ranking of them all on the client, each
partition's results with its records' places; a ruleset with both ranks first, then claims,
settles and evaluates each partition with its places. The library is
read on the client and scattered to the workers with the tasks. The input and OUTPUT's
folder are read and written by the workers: on several machines they must be on storage
every worker sees under the same path (NFS, a cluster file system).
"""

import argparse
import os
import shutil
import sys
import tempfile

import zhengce
from dask.distributed import Client, LocalCluster

HERE = os.path.dirname(os.path.abspath(__file__))
TASK_MODULE = os.path.join(HERE, "partition_task.py")
_SCAN_BYTES = 16 << 20


def partitions(path, count):
    """[(start, end, first_line)]: up to `count` byte ranges of whole lines, each with the number
    its first line has in the file; one pass over the file, counting line ends."""
    size = os.path.getsize(path)
    ranges = []
    start, line = 0, 1
    with open(path, "rb") as f:
        for i in range(1, count + 1):
            target = size * i // count
            if f.tell() >= target and i < count:
                continue  # a line longer than a partition: the next range takes it
            newlines = 0
            while f.tell() < target:
                newlines += f.read(min(_SCAN_BYTES, target - f.tell())).count(b"\n")
            if i < count:
                newlines += f.readline().endswith(b"\n")  # on to the end of the line the target fell in
            end = f.tell()
            if end > start:
                ranges.append((start, end, line))
            start, line = end, line + newlines
    return ranges


def _append(path, out):
    """Appends the file at path to the unbuffered file out: in the kernel (copy_file_range), so
    the bytes do not pass through Python (the join was an eighth of a run on two workers), or,
    where the kernel cannot, by Python's copy."""
    with open(path, "rb") as f:
        size, copied = os.fstat(f.fileno()).st_size, 0
        try:
            while copied < size:
                n = os.copy_file_range(f.fileno(), out.fileno(), size - copied)
                if n == 0:
                    break
                copied += n
        except OSError:
            pass
        f.seek(copied)
        shutil.copyfileobj(f, out, 16 << 20)


def run(client, library_path, input_path, output_path, partition_count=None, params=None):
    """Evaluates input_path into output_path on the client's cluster; returns the number of results."""
    client.upload_file(TASK_MODULE)
    import partition_task  # the same module the workers now have

    if partition_count is None:
        partition_count = 4 * max(1, sum(w["nthreads"] for w in client.scheduler_info()["workers"].values()))
    input_path, output_path = os.path.abspath(input_path), os.path.abspath(output_path)
    with open(library_path, "rb") as f:
        library = client.scatter(f.read(), broadcast=True)
    parts = tempfile.mkdtemp(prefix=os.path.basename(output_path) + ".parts.", dir=os.path.dirname(output_path))
    try:
        ranges = partitions(input_path, partition_count)
        names = [os.path.join(parts, f"part-{i:05}.jsonl") for i in range(len(ranges))]
        params = dict(params or {})
        shares = [None] * len(ranges)
        places = [None] * len(ranges)
        with zhengce.Ruleset(library_path, params=params) as ruleset:  # a bad --param stops the run here
            if ruleset.rankings:
                keys = client.gather([client.submit(partition_task.rank_keys_of_range, library, params, input_path,
                                                    start, end, first_line, key=f"zhengce-keys-{i:05}", pure=False)
                                      for i, (start, end, first_line) in enumerate(ranges)])
                places = ruleset.settle_rankings(keys)
            if ruleset.pools:
                # A 资金池: each partition's claims (in order), one settlement of every pool over all of
                # them here, by the library (zc run's own), then each partition's results with its shares.
                # With a 排名 as well, each partition's records ranked first, as zc run ranks them.
                claims = client.gather([client.submit(partition_task.claims_of_range, library, params, input_path,
                                                      start, end, first_line, place, key=f"zhengce-claims-{i:05}",
                                                      pure=False)
                                        for i, ((start, end, first_line), place) in enumerate(zip(ranges, places))])
                shares = ruleset.settle_pools(claims)
        futures = [client.submit(partition_task.evaluate_range, library, params, input_path, start, end,
                                 first_line, name, share, place, key=f"zhengce-{os.path.basename(name)}", pure=False)
                   for (start, end, first_line), name, share, place in zip(ranges, names, shares, places)]
        results = sum(client.gather(futures))
        # The partitions in order, as one file, which appears only when it is whole.
        partial = output_path + ".partial"
        with open(partial, "wb", buffering=0) as out:
            for name in names:
                _append(name, out)
        os.replace(partial, output_path)
        return results
    finally:
        shutil.rmtree(parts, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("library")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--partitions", type=int, help="how many tasks (default: four a worker thread)")
    parser.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                        help="override a parameter, as zc run --param")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="the address of a running Dask scheduler")
    where.add_argument("--local-workers", type=int, help="start a LocalCluster of this many worker processes")
    args = parser.parse_args()
    params = dict(p.split("=", 1) for p in args.param if "=" in p)
    if len(params) != len(args.param):
        parser.error("--param takes NAME=VALUE")
    if os.path.abspath(args.output) == os.path.abspath(args.input):
        parser.error("the output would overwrite the input")
    if args.scheduler:
        with Client(args.scheduler) as client:
            count = run(client, args.library, args.input, args.output, args.partitions, params)
    else:
        with LocalCluster(n_workers=args.local_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            count = run(client, args.library, args.input, args.output, args.partitions, params)
    print(f"{args.output}: {count} results", file=sys.stderr)


if __name__ == "__main__":
    main()
