"""Runs a ruleset compiled by `zc build` over a folder of JSON Lines partitions
on a Dask cluster: one task and one output partition per input partition,
each the bytes `zc run --format jsonl` writes for it.

    python3 run_on_dask.py LIBRARY INPUT_DIR OUTPUT_DIR --scheduler tcp://HOST:8786
    python3 run_on_dask.py LIBRARY INPUT_DIR OUTPUT_DIR --local-workers 2

The library is shipped to the workers with the tasks (scattered once), so it
needs to be on the client's machine only. The input and output folders are
read and written by the workers: on a cluster of several machines they must
be on storage that every worker sees under the same path (NFS, a cluster
file system).
"""

import argparse
import os
import sys

from dask.distributed import Client, LocalCluster

HERE = os.path.dirname(os.path.abspath(__file__))
ZHENGCE_MODULE = os.path.join(HERE, "..", "..", "embed", "python", "zhengce.py")
TASK_MODULE = os.path.join(HERE, "partition_task.py")


def run(client, library_path, input_dir, output_dir):
    """Evaluates every *.jsonl partition of input_dir into output_dir; returns {partition: result lines}.
    A ruleset with a 资金池 is settled over all the partitions, taken in the order of their names as one
    run (map: each partition's claims; reduce: one settlement a pool, here; map: each partition's results)."""
    for module in (ZHENGCE_MODULE, TASK_MODULE):
        client.upload_file(module)
    import partition_task  # the same module the workers now have
    from zhengce import Ruleset

    with open(library_path, "rb") as f:
        library = client.scatter(f.read(), broadcast=True)
    os.makedirs(output_dir, exist_ok=True)
    names = sorted(n for n in os.listdir(input_dir) if n.endswith(".jsonl"))
    paths = [(os.path.abspath(os.path.join(input_dir, n)), os.path.abspath(os.path.join(output_dir, n))) for n in names]
    ruleset = Ruleset(library_path)
    if not ruleset.pools:
        futures = [client.submit(partition_task.evaluate_partition, library, i, o, key=f"zhengce-{n}", pure=False)
                   for n, (i, o) in zip(names, paths)]
    else:
        claims = client.gather([client.submit(partition_task.partition_claims, library, i, key=f"zhengce-claims-{n}",
                                              pure=False) for n, (i, _) in zip(names, paths)])
        shares = ruleset.settle_pools(claims)
        futures = [client.submit(partition_task.settle_partition, library, i, o, s, key=f"zhengce-{n}", pure=False)
                   for n, (i, o), s in zip(names, paths, shares)]
    ruleset.close()
    return {os.path.basename(path): lines for path, lines in client.gather(futures)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("library")
    parser.add_argument("input_dir")
    parser.add_argument("output_dir")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="the address of a running Dask scheduler")
    where.add_argument("--local-workers", type=int, help="start a LocalCluster of this many worker processes")
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(ZHENGCE_MODULE))
    if args.scheduler:
        with Client(args.scheduler) as client:
            counts = run(client, args.library, args.input_dir, args.output_dir)
    else:
        with LocalCluster(n_workers=args.local_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            counts = run(client, args.library, args.input_dir, args.output_dir)
    for name, lines in counts.items():
        print(f"{name}: {lines} results")


if __name__ == "__main__":
    main()
