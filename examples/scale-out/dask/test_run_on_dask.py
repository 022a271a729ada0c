"""Starts a LocalCluster of two worker processes on 127.0.0.1, runs a compiled
ruleset over partitions of the sample records with run_on_dask.run, and
requires every output partition to be byte for byte what `zc run --format
jsonl` writes for its input; then runs a ruleset with 资金池s (map: claims,
reduce: settle, map: results) and requires the partitions' outputs, joined,
to be byte for byte what `zc run` writes for all the records as one run:
   python3 test_run_on_dask.py ZC LIBRARY RULESET RECORDS.jsonl EXPECTED.jsonl POOL_LIBRARY POOL_RULESET POOL_RECORDS.jsonl"""

import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "embed", "python"))
sys.path.insert(0, HERE)

from dask.distributed import Client, LocalCluster  # noqa: E402

import run_on_dask  # noqa: E402
from zhengce import BAD_ARGUMENT, Ruleset, ZhengceError  # noqa: E402

ZC, LIBRARY, RULESET, RECORDS, EXPECTED, POOL_LIBRARY, POOL_RULESET, POOL_RECORDS = sys.argv[1:9]
PARTITIONS = 4


def read(path):
    with open(path, "rb") as f:
        return f.read()


class DaskTest(unittest.TestCase):
    def test_partitions_match_zc_run(self):
        lines = read(RECORDS).splitlines(keepends=True)
        with tempfile.TemporaryDirectory() as folder:
            inputs, outputs = os.path.join(folder, "in"), os.path.join(folder, "out")
            os.makedirs(inputs)
            size = (len(lines) + PARTITIONS - 1) // PARTITIONS
            for p in range(PARTITIONS):
                with open(os.path.join(inputs, f"part-{p:03}.jsonl"), "wb") as f:
                    f.writelines(lines[p * size:(p + 1) * size])
            # A record that cannot be read is a row of its partition, not a failed task.
            with open(os.path.join(inputs, f"part-{PARTITIONS:03}.jsonl"), "wb") as f:
                f.write(lines[0] + '{"id": "E-BAD", "营业收入": "abc"}\n'.encode("utf-8") + lines[1])

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                              dashboard_address=None) as cluster, Client(cluster) as client:
                self.assertEqual(len(client.scheduler_info()["workers"]), 2)
                counts = run_on_dask.run(client, LIBRARY, inputs, outputs)

            names = sorted(os.listdir(inputs))
            self.assertEqual(sorted(counts), names)
            self.assertEqual(sorted(os.listdir(outputs)), names)
            for name in names:
                zc_run = subprocess.run([ZC, "run", RULESET, "--input", os.path.join(inputs, name), "--format", "jsonl",
                                         "--quiet"], capture_output=True)
                self.assertIn(zc_run.returncode, (0, 2), zc_run.stderr.decode())
                self.assertEqual(read(os.path.join(outputs, name)), zc_run.stdout, name)
            joined = b"".join(read(os.path.join(outputs, n)) for n in names[:PARTITIONS])
            self.assertEqual(joined, read(EXPECTED))
            self.assertIn('"error": "field 营业收入'.encode("utf-8"), read(os.path.join(outputs, names[PARTITIONS])))

    def test_pools_settled_over_all_partitions_match_zc_run(self):
        # Each readable record three times, under new ids: claims from every partition share each
        # pool. (A record that cannot be read is left out: its row names its line in its partition,
        # which is not its line in the whole file.)
        lines = []
        for copy in range(3):
            for line in read(POOL_RECORDS).splitlines(keepends=True):
                if b'"abc"' not in line:
                    lines.append(line.replace(b'"id": "', f'"id": "{copy}-'.encode()))
        with tempfile.TemporaryDirectory() as folder:
            inputs, outputs = os.path.join(folder, "in"), os.path.join(folder, "out")
            os.makedirs(inputs)
            whole = os.path.join(folder, "whole.jsonl")
            with open(whole, "wb") as f:
                f.writelines(lines)
            size = (len(lines) + PARTITIONS - 1) // PARTITIONS
            for p in range(PARTITIONS):
                with open(os.path.join(inputs, f"part-{p:03}.jsonl"), "wb") as f:
                    f.writelines(lines[p * size:(p + 1) * size])
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                              dashboard_address=None) as cluster, Client(cluster) as client:
                run_on_dask.run(client, POOL_LIBRARY, inputs, outputs)
            zc_run = subprocess.run([ZC, "run", POOL_RULESET, "--input", whole, "--format", "jsonl", "--quiet"],
                                    capture_output=True)
            self.assertEqual(zc_run.returncode, 0, zc_run.stderr.decode())
            joined = b"".join(read(os.path.join(outputs, n)) for n in sorted(os.listdir(outputs)))
            self.assertEqual(joined, zc_run.stdout)
            # The pools bind: P-1's 100.00 元 claims are cut to 8.33 or 8.34 元 (tests/pool/README.md).
            self.assertIn(b'"amount": "8.33"', joined)
            # One part settled as a run of its own is zc run over it; fewer shares than its claims
            # are refused, never read past.
            ruleset = Ruleset(POOL_LIBRARY)
            path = os.path.join(inputs, "part-000.jsonl")
            part = read(path)
            shares = ruleset.settle_pools([ruleset.pool_claims(part)])[0]
            alone = subprocess.run([ZC, "run", POOL_RULESET, "--input", path, "--format", "jsonl", "--quiet"],
                                   capture_output=True)
            self.assertEqual(ruleset.evaluate_jsonl_settled(part, shares), alone.stdout)
            with self.assertRaises(ZhengceError) as refused:
                ruleset.evaluate_jsonl_settled(part, [s[:-1] for s in shares])
            self.assertEqual(refused.exception.status, BAD_ARGUMENT)
            ruleset.close()


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
