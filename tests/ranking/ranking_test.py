"""排名 over a small population (tests/ranking/): each case is a zc run
command line over ranking.zc; its results, stderr and exit code must be the
same on the interpreter and the JIT and equal the files beside it
(hand-computed in README.md; ZC_UPDATE_GOLDEN=1 rewrites them once both
engines agree). zc test, zc check, zc eval and --explain are checked for
what they say of a ranking.
   python3 ranking_test.py ZC"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

ZC = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from golden_file import expect_golden  # noqa: E402

# name: the arguments after `zc run ranking.zc --input population.jsonl`; the expected files are NAME.*.
CASES = {
    "population": [],
    "population_csv": ["--format", "csv", "--threads", "1"],
    # A run's explanation: the place each clause read, out of how many records the ranking ranked.
    "explain": ["--explain", "--record", "A", "--record", "D"],
}


def run(args, **kwargs):
    return subprocess.run([ZC] + args, cwd=HERE, capture_output=True, **kwargs)


class RankingTest(unittest.TestCase):
    def test_cases(self):
        for name, args in CASES.items():
            with self.subTest(name):
                runs = []
                for engine in ("interp", "jit"):
                    done = run(["run", "ranking.zc", "--input", "population.jsonl", "--engine", engine, "--quiet"] + args)
                    runs.append((done.stdout, done.stderr, done.returncode))
                self.assertEqual(runs[0], runs[1], "the engines disagree")
                out, err, code = runs[0]
                base = os.path.join(HERE, name)
                expect_golden(self, base + ".out", out)
                expect_golden(self, base + ".stderr", err)
                expect_golden(self, base + ".code", b"%d\n" % code)

    def test_the_hand_computed_awards(self):
        # README.md: the ties at the boundaries, all in (DY) and none in (BG).
        with open(os.path.join(HERE, "population.out"), encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
        self.assertEqual([r["id"] for r in rows], ["A", "B", "C", "D", "X", "E", "F", "G"])
        paid = {r["id"]: {a["clause"]: a["amount"] for a in r.get("awards", [])} for r in rows}
        self.assertEqual(paid["A"], {"DY-1": "200000.00", "BG-1": "50000.00"})
        self.assertEqual(paid["B"], {"DY-1": "300000.00", "BG-1": "100000.00"})
        self.assertEqual(paid["C"], {"DY-1": "200000.00", "BG-1": "100000.00"})
        self.assertEqual(paid["F"], {"DY-1": "200000.00"})
        for nobody in "DEG":
            self.assertEqual(paid[nobody], {})
        self.assertIn("error", rows[4])

    def test_standard_input(self):
        # A pipe cannot be read twice: the records are held while the ranking is decided.
        with open(os.path.join(HERE, "population.jsonl"), "rb") as f:
            piped = run(["run", "ranking.zc", "--input", "-", "--quiet"], input=f.read())
        from_file = run(["run", "ranking.zc", "--input", "population.jsonl", "--quiet"])
        self.assertEqual(piped.stdout, from_file.stdout)
        self.assertEqual(piped.returncode, 2)

    def test_the_summary_counts_each_ranking(self):
        # README.md: D lacks 年度用电量 and X cannot be read, so 6 are ranked by 用电, 7 by 项目.
        done = run(["run", "ranking.zc", "--input", "population.jsonl"])
        err = done.stderr.decode()
        self.assertIn("排名 用电排名: the run's records by 年度用电量 降序, 并列 全部入选: 共 6 家 ranked of 8 records", err)
        self.assertIn("排名 项目排名: the run's records by 项目得分 降序, 申报日期 升序, 并列 均不入选: 共 7 家 ranked of 8 records",
                      err)

    def test_a_rank_the_input_gives_is_replaced_and_said_so(self):
        with open(os.path.join(HERE, "population.jsonl"), encoding="utf-8") as f:
            text = f.read().replace('{"id": "E", ', '{"id": "E", "用电排名": 1, ')
        given = run(["run", "ranking.zc", "--input", "-", "--quiet"], input=text.encode("utf-8"))
        plain = run(["run", "ranking.zc", "--input", "population.jsonl", "--quiet"])
        self.assertEqual(given.stdout, plain.stdout)  # E stays fifth: no award
        self.assertIn("<stdin>:6: warning: field '用电排名' is the rank zc run computes; the input's values are replaced",
                      given.stderr.decode())

    def test_many_records(self):
        # 21,000 records in several chunks over three threads: each rank reaches its own record.
        with open(os.path.join(HERE, "population.jsonl"), encoding="utf-8") as f:
            base = [line for line in f.read().splitlines() if '"abc"' not in line]
        lines = [line.replace('"id": "', f'"id": "{i}-') for i in range(3000) for line in base]
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, "many.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            runs = []
            for engine in ("interp", "jit"):
                done = run(["run", "ranking.zc", "--input", path, "--engine", engine, "--threads", "3", "--quiet"])
                self.assertEqual(done.returncode, 0, done.stderr.decode())
                runs.append(done.stdout)
            self.assertEqual(runs[0], runs[1], "the engines disagree")
            rows = [json.loads(line) for line in runs[0].decode().splitlines()]
            self.assertEqual([r["id"] for r in rows], [json.loads(line)["id"] for line in lines])
            for row in rows:
                awards = {a["clause"]: a["amount"] for a in row.get("awards", [])}
                self.assertEqual(awards, {"DY-1": "300000.00"} if row["id"].endswith("-B") else {}, row["id"])

    def test_population_tests(self):
        done = run(["test", "ranking.zc", "--engine", "both"])
        self.assertEqual(done.returncode, 0, done.stdout.decode() + done.stderr.decode())
        self.assertIn(b"3 passed, 0 failed", done.stdout)

    def test_a_wrong_expectation_fails(self):
        # The test compares each record's award after the ranking: A shares the second place.
        with tempfile.TemporaryDirectory() as scratch:
            with open(os.path.join(HERE, "ranking.zc"), encoding="utf-8") as f:
                text = f.read().replace('期望 "A": "DY-1" 企业 = 20 万元;', '期望 "A": "DY-1" 企业 = 10 万元;')
            path = os.path.join(scratch, "ranking.zc")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            done = subprocess.run([ZC, "test", path], capture_output=True)
            self.assertEqual(done.returncode, 1)
            self.assertIn("record A: expected DY-1 企业 = 100000.00 元, got DY-1 企业 = 200000.00 元", done.stdout.decode())

    def test_check_names_the_rules_over_the_run(self):
        done = run(["check", "ranking.zc"])
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertIn("note: 排名 用电排名: the run's records by 年度用电量 降序, 并列 全部入选", done.stderr.decode())
        self.assertIn("note: 排名 项目排名: the run's records by 项目得分 降序, 申报日期 升序, 并列 均不入选", done.stderr.decode())

    def test_one_record_shows_the_rank_it_brings(self):
        with tempfile.TemporaryDirectory() as scratch:
            given, none = os.path.join(scratch, "given.json"), os.path.join(scratch, "none.json")
            with open(given, "w", encoding="utf-8") as f:
                f.write('{"id": "A", "年度用电量": 500, "用电排名": 2}')
            with open(none, "w", encoding="utf-8") as f:
                f.write('{"id": "A", "年度用电量": 500}')
            done = run(["eval", "ranking.zc", "--input", given, "--explain"])
            self.assertEqual(done.returncode, 0, done.stderr.decode())
            self.assertIn("排名 用电排名: 年度用电量 降序, 并列 全部入选 排名 第2位", done.stdout.decode())
            self.assertIn("DY-1       企业  200000.00 元", done.stdout.decode())
            self.assertIn("note: 用电排名 = 2 as the record gives it", done.stderr.decode())
            done = run(["eval", "ranking.zc", "--input", none, "--explain=json"])
            self.assertEqual(done.returncode, 0, done.stderr.decode())
            clauses = {c["id"]: c for p in json.loads(done.stdout)["policies"] for c in p["clauses"]}
            self.assertEqual(clauses["DY-1"]["rankings"][0]["place"], None)
            self.assertIn("note: amounts before the ranking: the record gives no 用电排名", done.stderr.decode())


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
