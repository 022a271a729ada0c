"""排名 and 资金池 in one ruleset (tests/ranking_pool/): zc run ranks every record, then
settles the pools over the ranked awards. The results, stderr and exit code must be the same
on the interpreter and the JIT and equal population.out, .stderr and .code (ZC_UPDATE_GOLDEN=1
rewrites them once both engines agree); the amounts are those README.md works out by hand, and
the 测试 block of ranking_pool.zc expects them too.
   python3 ranking_pool_test.py ZC"""

import json
import os
import subprocess
import sys
import unittest

ZC = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from golden_file import expect_golden  # noqa: E402


def run(args):
    return subprocess.run([ZC] + args, cwd=HERE, capture_output=True)


class RankingPoolTest(unittest.TestCase):
    def test_engines_agree_with_the_golden_files(self):
        runs = []
        for engine in ("interp", "jit"):
            done = run(["run", "ranking_pool.zc", "--input", "population.jsonl", "--engine", engine, "--quiet"])
            runs.append((done.stdout, done.stderr, done.returncode))
        self.assertEqual(runs[0], runs[1], "the engines disagree")
        out, err, code = runs[0]
        expect_golden(self, os.path.join(HERE, "population.out"), out)
        expect_golden(self, os.path.join(HERE, "population.stderr"), err)
        expect_golden(self, os.path.join(HERE, "population.code"), b"%d\n" % code)

    def test_the_hand_computed_awards(self):
        done = run(["run", "ranking_pool.zc", "--input", "population.jsonl", "--quiet"])
        rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
        self.assertEqual([r["id"] for r in rows], ["A", "B", "X", "C", "D", "E"])
        paid = {r["id"]: {a["clause"]: a["amount"] for a in r.get("awards", [])} for r in rows}
        self.assertEqual(paid["A"], {"DY-1": "214285.72"})
        self.assertEqual(paid["B"], {"DY-1": "142857.14", "XS-1": "50000.00"})
        self.assertEqual(paid["C"], {"DY-1": "142857.14", "XS-1": "50000.00"})
        self.assertEqual(paid["D"], {"XS-1": "20000.00"})
        self.assertEqual(paid["E"], {})
        self.assertIn("error", rows[2])

    def test_population_test(self):
        done = run(["test", "ranking_pool.zc", "--engine", "both"])
        self.assertEqual(done.returncode, 0, done.stdout.decode() + done.stderr.decode())
        self.assertIn(b"1 passed, 0 failed", done.stdout)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
