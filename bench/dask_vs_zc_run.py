"""The library's JSON Lines path as Python and Dask use it, beside zc run, on one file:

    ZC_BENCH_KEEP_INPUT=1 bench/run        # leaves /tmp/zc_bench_input.jsonl (1,000,000 records)
    ~/zhengce-env/bin/python bench/dask_vs_zc_run.py build/compiler/zc build/examples/libseed.so \\
        examples/seed-policies/all.zc /tmp/zc_bench_input.jsonl

Prints, as one line: zc run with --threads 1 and with both cores; the zhengce package
streaming the file on one thread (Ruleset.evaluate_jsonl over a file object); and
examples/scale-out/dask on a LocalCluster of two workers (threads of its process, so its CPU
seconds are the whole run's, Dask's start included). Each output is checked to be zc run's
bytes. Wall clock, and CPU seconds, which a busy machine changes less; run it on an otherwise
quiet machine, on a copy of the input that nothing else writes (bench/run writes
/tmp/zc_bench_input.jsonl anew)."""

import os
import subprocess
import sys
import tempfile
import time

import zhengce

HERE = os.path.dirname(os.path.abspath(__file__))
DASK = os.path.join(HERE, "..", "examples", "scale-out", "dask", "run_on_dask.py")


def timed(command):
    """(wall seconds, CPU seconds of the command and its children)."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def same(a, b):
    with open(a, "rb") as f, open(b, "rb") as g:
        while True:
            x, y = f.read(1 << 24), g.read(1 << 24)
            if x != y:
                return False
            if not x:
                return True


def main():
    zc, library, ruleset, records = sys.argv[1:5]
    with open(records, "rb") as f:
        lines = sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 24), b""))
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(records))) as folder:
        expected = os.path.join(folder, "zc-run.jsonl")
        run_t1 = timed([zc, "run", ruleset, "--input", records, "--output", expected, "--quiet", "--threads", "1"])
        run_t2 = timed([zc, "run", ruleset, "--input", records, "--output", expected, "--quiet"])

        streamed = os.path.join(folder, "python.jsonl")
        start, cpu = time.perf_counter(), time.process_time()
        with zhengce.Ruleset(library) as seed, open(records, "rb") as f, open(streamed, "wb") as out:
            for block in seed.evaluate_jsonl(f):
                out.write(block)
        python_t1 = (time.perf_counter() - start, time.process_time() - cpu)
        python_ok = same(streamed, expected)
        os.remove(streamed)

        dasked = os.path.join(folder, "dask.jsonl")
        dask_2 = timed([sys.executable, DASK, library, records, dasked, "--local-workers", "2"])
        dask_ok = same(dasked, expected)

    print(f"dask_vs_zc_run: records={lines} run_t1_s={run_t1[0]:.2f} run_t1_cpu_s={run_t1[1]:.2f} "
          f"run_s={run_t2[0]:.2f} run_cpu_s={run_t2[1]:.2f} python_t1_s={python_t1[0]:.2f} "
          f"python_t1_cpu_s={python_t1[1]:.2f} dask2_s={dask_2[0]:.2f} dask2_cpu_s={dask_2[1]:.2f} "
          f"python_vs_run_t1={run_t1[0] / python_t1[0]:.2f} dask2_vs_run={run_t2[0] / dask_2[0]:.2f} "
          f"dask2_cpu_vs_run={run_t2[1] / dask_2[1]:.2f} "
          f"outputs_equal={python_ok and dask_ok}")
    return 0 if python_ok and dask_ok else 1


if __name__ == "__main__":
    sys.exit(main())
