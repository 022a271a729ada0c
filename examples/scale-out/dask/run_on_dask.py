"""Runs a ruleset compiled by `zc build` over one JSON Lines file on a Dask cluster,
writing exactly the bytes `zc run --format jsonl` writes for it:

    python3 run_on_dask.py LIBRARY INPUT.jsonl OUTPUT.jsonl --local-workers 2
    python3 run_on_dask.py LIBRARY INPUT.jsonl OUTPUT.jsonl --scheduler tcp://HOST:8786

The client cuts the input's size into equal byte ranges (--partitions, by default four a
worker thread) without reading it; one task a range finds where its lines begin and end and
counts them (a line straddling a cut belongs to the range it begins in), and the client
numbers each range's first line by the counts before it, so an error row names the record's
line in the whole file, as zc run's does. Then one task a range has the library read its
lines and write its rows to a file (Ruleset.evaluate_jsonl_file): no record passes through
Python. A ruleset with a 资金池 runs in three steps: each partition's claims (tasks), one
settlement of every pool over all of them (here, on the client), each partition's results
(tasks); a ruleset with a 排名 likewise: each partition's keys, one ranking of them all on
the client, each partition's results with its records' places; a ruleset with both ranks
first, then claims, settles and evaluates each partition with its places. The library is
read on the client and scattered to the workers with the tasks. The input and OUTPUT's
folder are read and written by the workers: on several machines they must be on storage
every worker sees under the same path (NFS, a cluster file system). --local-workers starts
the workers as threads of this process (the library works outside Python's lock), or with
--worker-processes as processes of their own.
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


def partitions(client, tasks, library, params, path, count):
    """[(start, end, first_line)]: the input cut into up to `count` byte ranges of whole lines, each
    with the number its first line has in the file. The client only cuts the file's size into equal
    ranges; each task finds where its range's lines begin and end (the library, in C) and counts
    them, so the file is scanned once, on the workers, in parallel."""
    size = os.path.getsize(path)
    cuts = [size * i // count for i in range(count + 1)]
    parts = client.gather([client.submit(tasks.lines_of_range, library, params, path, start, end,
                                         key=f"zhengce-lines-{i:05}", pure=False)
                           for i, (start, end) in enumerate(zip(cuts, cuts[1:]))])
    ranges, line = [], 1
    for begin, end, lines in parts:
        if end > begin:
            ranges.append((begin, end, line))
        line += lines
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
        params = dict(params or {})
        ranges = partitions(client, partition_task, library, params, input_path, partition_count)
        names = [os.path.join(parts, f"part-{i:05}.jsonl") for i in range(len(ranges))]
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
    where.add_argument("--local-workers", type=int,
                       help="start a LocalCluster of this many workers, threads of this process (the library "
                            "releases Python's lock while it works)")
    parser.add_argument("--worker-processes", action="store_true",
                        help="with --local-workers: each worker a process of its own (slower to start)")
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
        # Worker threads start in a fraction of the time processes take (0.7–0.9 s against 4.5–5 s,
        # and 0.03 s against 1.5–2.5 s to stop, on this project's busy 2-core machine), and every
        # task's work is in the library, which runs outside Python's lock.
        where = {"host": "127.0.0.1"} if args.worker_processes else {}  # threads talk in-process
        with LocalCluster(n_workers=args.local_workers, threads_per_worker=1, processes=args.worker_processes,
                          dashboard_address=None, **where) as cluster, Client(cluster) as client:
            count = run(client, args.library, args.input, args.output, args.partitions, params)
    print(f"{args.output}: {count} results", file=sys.stderr)


if __name__ == "__main__":
    main()
