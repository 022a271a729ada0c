"""The README's command, as written: a LocalCluster of two worker processes on 127.0.0.1
runs the seed library over a file it cuts into partitions itself, and the output must be
byte for byte what `zc run --format jsonl` writes for the whole file, error rows (with
their lines in the whole file) included. Run by the Python of an environment the zhengce
package was installed into:
   PYTHON test_run_on_dask.py ZC LIBRARY RULESET RECORDS.jsonl"""

import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ZC, LIBRARY, RULESET, RECORDS = sys.argv[1:5]


def read(path):
    with open(path, "rb") as f:
        return f.read()


class DaskTest(unittest.TestCase):
    def test_output_is_what_zc_run_writes(self):
        lines = read(RECORDS).splitlines(keepends=True)
        with tempfile.TemporaryDirectory() as folder:
            records, results = os.path.join(folder, "records.jsonl"), os.path.join(folder, "results.jsonl")
            # Bad records early and late, so partitions after the first carry error rows.
            with open(records, "wb") as f:
                f.write(b"".join(lines[:5]) + '{"id": "E-BAD", "营业收入": "abc"}\n'.encode("utf-8") +
                        b"".join(lines[5:]) * 3 + b"{not json\n" + b"".join(lines[:7]))
            run = subprocess.run([sys.executable, os.path.join(HERE, "run_on_dask.py"), LIBRARY, records, results,
                                  "--local-workers", "2", "--partitions", "5"], capture_output=True, cwd=folder)
            self.assertEqual(run.returncode, 0, run.stderr.decode())
            zc_run = subprocess.run([ZC, "run", RULESET, "--input", records, "--format", "jsonl", "--quiet"],
                                    capture_output=True)
            self.assertEqual(zc_run.returncode, 2, zc_run.stderr.decode())
            self.assertEqual(read(results), zc_run.stdout)
            self.assertIn(b'"line": 6, "error": "field', read(results))
            self.assertEqual(sorted(os.listdir(folder)), ["records.jsonl", "results.jsonl"])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
