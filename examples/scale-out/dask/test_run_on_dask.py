"""The README's command, as written: a LocalCluster of two workers (threads of the command's
process, and for the seed library also processes on 127.0.0.1) runs a library over a file it
cuts into partitions itself (each task finding its range's lines), and the output must be
byte for byte what `zc run --format jsonl` writes for the whole file, error rows (with
their lines in the whole file) included; then the same for a ruleset with 资金池s, run as
claims per partition, one settlement on the client, results per partition. Run by the
Python of an environment the zhengce package was installed into:
   PYTHON test_run_on_dask.py ZC LIBRARY RULESET RECORDS.jsonl POOL_LIBRARY POOL_RULESET POOL_RECORDS.jsonl \
          RANKING_LIBRARY RANKING_RULESET RANKING_RECORDS.jsonl \
          RANKING_POOL_LIBRARY RANKING_POOL_RULESET RANKING_POOL_RECORDS.jsonl"""

import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ZC, LIBRARY, RULESET, RECORDS, POOL_LIBRARY, POOL_RULESET, POOL_RECORDS = sys.argv[1:8]
RANKING_LIBRARY, RANKING_RULESET, RANKING_RECORDS = sys.argv[8:11]
RANKING_POOL_LIBRARY, RANKING_POOL_RULESET, RANKING_POOL_RECORDS = sys.argv[11:14]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def run_both(folder, library, ruleset, records, *args, cluster=()):
    """The README's command (with `cluster`'s options too) and zc run over the same file, each with
    `args`: (the command's output, zc run's)."""
    results = os.path.join(folder, "results.jsonl")
    run = subprocess.run([sys.executable, os.path.join(HERE, "run_on_dask.py"), library, records, results,
                          "--local-workers", "2", "--partitions", "5", *cluster, *args],
                         capture_output=True, cwd=folder)
    if run.returncode != 0:
        raise AssertionError(run.stderr.decode())
    zc_run = subprocess.run([ZC, "run", ruleset, "--input", records, "--format", "jsonl", "--quiet", *args],
                            capture_output=True)
    if zc_run.returncode != 2:  # each input has bad records
        raise AssertionError(zc_run.stderr.decode())
    return read(results), zc_run.stdout


class DaskTest(unittest.TestCase):
    def test_output_is_what_zc_run_writes(self):
        lines = read(RECORDS).splitlines(keepends=True)
        with tempfile.TemporaryDirectory() as folder:
            records = os.path.join(folder, "records.jsonl")
            # Bad records early and late, so partitions after the first carry error rows.
            with open(records, "wb") as f:
                f.write(b"".join(lines[:5]) + '{"id": "E-BAD", "营业收入": "abc"}\n'.encode("utf-8") +
                        b"".join(lines[5:]) * 3 + b"{not json\n" + b"".join(lines[:7]))
            output, zc_run = run_both(folder, LIBRARY, RULESET, records)
            self.assertEqual(output, zc_run)
            self.assertIn(b'"line": 6, "error": "field', output)
            self.assertEqual(sorted(os.listdir(folder)), ["records.jsonl", "results.jsonl"])
            # The same on worker processes, where each worker loads the library the client scatters.
            output, _ = run_both(folder, LIBRARY, RULESET, records, cluster=["--worker-processes"])
            self.assertEqual(output, zc_run)

    def test_pooled_output_is_what_zc_run_writes(self):
        # The population three times under new ids (12 records, 3 that cannot be read), cut into
        # five partitions: every partition's claims share each pool, and the error rows name
        # their lines in the whole file.
        lines = []
        for copy in range(3):
            for line in read(POOL_RECORDS).splitlines(keepends=True):
                lines.append(line.replace(b'"id": "', f'"id": "{copy}-'.encode()))
        with tempfile.TemporaryDirectory() as folder:
            records = os.path.join(folder, "records.jsonl")
            with open(records, "wb") as f:
                f.writelines(lines)
            output, zc_run = run_both(folder, POOL_LIBRARY, POOL_RULESET, records)
            self.assertEqual(output, zc_run)
            # The pools bind: P-1's 100.00 元 claims are cut to 8.33 or 8.34 元 (tests/pool/README.md).
            self.assertIn(b'"amount": "8.33"', output)
            self.assertIn(b'"line": 13, "error": "field', output)
            # A parameter reaches the settlement on the client and the tasks alike.
            tie, zc_tie = run_both(folder, POOL_LIBRARY, POOL_RULESET, records, "--param", "技改预算=0.010002")
            self.assertEqual(tie, zc_tie)
            self.assertNotEqual(tie, output)
            self.assertEqual(sorted(os.listdir(folder)), ["records.jsonl", "results.jsonl"])

    def test_ranked_output_is_what_zc_run_writes(self):
        # The population three times under new ids (24 records, 3 that cannot be read), cut into
        # five partitions: every partition's keys are ranked together on the client.
        lines = []
        for copy in range(3):
            for line in read(RANKING_RECORDS).splitlines(keepends=True):
                lines.append(line.replace(b'"id": "', f'"id": "{copy}-'.encode()))
        with tempfile.TemporaryDirectory() as folder:
            records = os.path.join(folder, "records.jsonl")
            with open(records, "wb") as f:
                f.writelines(lines)
            output, zc_run = run_both(folder, RANKING_LIBRARY, RANKING_RULESET, records)
            self.assertEqual(output, zc_run)
            # B's three copies share the first 用电 place (tests/ranking/README.md: 并列 全部入选).
            self.assertEqual(output.count('"clause": "DY-1", "beneficiary": "企业", "amount": "300000.00"'.encode()), 3)
            self.assertEqual(sorted(os.listdir(folder)), ["records.jsonl", "results.jsonl"])

    def test_ranked_and_pooled_output_is_what_zc_run_writes(self):
        # The population three times under new ids (18 records, 3 that cannot be read), cut into
        # five partitions: ranked together on the client, each partition's claims made with its
        # places, every pool settled on the client, then each partition's results.
        lines = []
        for copy in range(3):
            for line in read(RANKING_POOL_RECORDS).splitlines(keepends=True):
                lines.append(line.replace(b'"id": "', f'"id": "{copy}-'.encode()))
        with tempfile.TemporaryDirectory() as folder:
            records = os.path.join(folder, "records.jsonl")
            with open(records, "wb") as f:
                f.writelines(lines)
            output, zc_run = run_both(folder, RANKING_POOL_LIBRARY, RANKING_POOL_RULESET, records)
            self.assertEqual(output, zc_run)
            # A's three copies share the first 用电 place and claim 30 万元 each, B's and C's six
            # the fourth (全部入选, none paid): 90 万元 cut to the 50 万元 pool, 166666.66 or .67 each.
            self.assertEqual(output.count(b'"clause": "DY-1"'), 3)
            self.assertIn(b'"amount": "166666.67"', output)
            self.assertEqual(sorted(os.listdir(folder)), ["records.jsonl", "results.jsonl"])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
