"""资金池 over a small population (tests/pool/): each case is a zc run
command line over pool.zc; its results, its --summary JSON and its exit code
must be the same on the interpreter and the JIT and equal the files beside
it (hand-computed in README.md; ZC_UPDATE_GOLDEN=1 rewrites them once both
engines agree). The results must also add up: what each pool's clauses pay
in the rows is what the summary says the pool granted, and a pool its claims
exceed is paid out to the 分.
   python3 pool_test.py ZC"""

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

EXAMPLE = os.path.join(HERE, "..", "..", "examples", "fund-pool")
# name: (folder, ruleset, the arguments after `zc run RULESET --input population.jsonl`);
# the expected files are NAME.* in the folder.
CASES = {
    "pro_rata": (HERE, "pool.zc", []),
    "pro_rata_tie": (HERE, "pool.zc", ["--param", "技改预算=0.010002"]),
    "pool_not_binding": (HERE, "pool.zc", ["--param", "技改预算=1"]),
    "table": (HERE, "pool.zc", ["--format", "table", "--threads", "1"]),
    "csv": (HERE, "pool.zc", ["--format", "csv"]),
    "population": (EXAMPLE, "fund-pool.zc", []),
    "population-full": (EXAMPLE, "fund-pool.zc", ["--param", "新进规奖励资金=9"]),
    # --explain: each record's explanation with its pool steps, in place of the rows.
    "explain": (HERE, "pool.zc", ["--explain"]),
    "explain_json": (HERE, "pool.zc", ["--explain=json"]),
    "explain_tie": (HERE, "pool.zc", ["--explain", "--record", "A", "--record", "C", "--param", "技改预算=0.010002"]),
    "explain_unknown_record": (HERE, "pool.zc", ["--explain", "--record", "A", "--record", "Z"]),
}
POOL_CLAUSES = {"P 资金池": {"P-1"}, "Q 资金池": {"Q-1"}, "CJ-B-3-POOL 资金池": {"CJ-B-3"}}


def cents(text):
    whole, _, part = text.partition(".")
    return int(whole) * 100 + int((part + "00")[:2])


class PoolTest(unittest.TestCase):
    def run_case(self, engine, folder, ruleset, args):
        with tempfile.TemporaryDirectory() as scratch:
            summary = os.path.join(scratch, "summary.json")
            done = subprocess.run([ZC, "run", ruleset, "--input", "population.jsonl", "--engine", engine, "--quiet",
                                   "--summary", summary] + args, cwd=folder, capture_output=True)
            with open(summary, "rb") as f:
                return done.stdout, done.stderr, done.returncode, f.read()

    def test_cases(self):
        for name, (folder, ruleset, args) in CASES.items():
            with self.subTest(name):
                interp, jit = (self.run_case(engine, folder, ruleset, args) for engine in ("interp", "jit"))
                self.assertEqual(interp, jit, "the engines disagree")
                out, err, code, summary = interp
                base = os.path.join(folder, name)
                expect_golden(self, base + ".out", out)
                expect_golden(self, base + ".stderr", err)
                expect_golden(self, base + ".summary.json", summary)
                expect_golden(self, base + ".code", b"%d\n" % code)
                if name not in ("table", "csv") and not name.startswith("explain"):
                    self.check_sums(out, json.loads(summary))

    def test_explained_figures_agree_with_the_run(self):
        # Each explained pool step holds the figures of the summary, each record's result is
        # the row the run writes, and the shares explained add up to what each pool granted.
        _, _, _, summary = self.run_case("jit", HERE, "pool.zc", [])
        rows, _, _, _ = self.run_case("jit", HERE, "pool.zc", ["--format", "jsonl"])
        explained, _, _, explained_summary = self.run_case("interp", HERE, "pool.zc", ["--explain=json"])
        self.assertEqual(summary, explained_summary)
        pools = {p["pool"]: p for p in json.loads(summary)["pools"]}
        rows = {r["id"]: r for r in map(json.loads, rows.decode().splitlines())}
        docs = [json.loads(line) for line in explained.decode().splitlines()]
        self.assertEqual([d["id"] for d in docs], ["A", "B", "C", "D"])
        shares = {name: [] for name in pools}
        for doc in docs:
            self.assertEqual(doc["schema"], "zhengce-explain/2")
            self.assertEqual(doc["result"], rows[doc["id"]])
            paid = {a["clause"]: a["amount"] for a in doc["result"].get("awards", [])}
            for policy in doc["policies"]:
                for clause in policy["clauses"]:
                    if "pool" not in clause:
                        continue
                    share = clause["pool"]
                    pool = pools[share["pool"]]
                    self.assertEqual((share["amount"], share["asked_total"], share["granted_total"], share["claims"],
                                      share["percent_granted"]),
                                     (pool["amount"], pool["asked"], pool["granted"], pool["claims"], pool["percent_granted"]))
                    self.assertEqual(share["asked"], clause["paid"])
                    self.assertEqual(share["granted"], paid.get(clause["id"], "0.00"))
                    self.assertIn(share["granted"], share["text"])
                    shares[share["pool"]].append(share)
        for name, pool in pools.items():
            self.assertEqual(len(shares[name]), pool["claims"])
            self.assertEqual(sum(cents(s["granted"]) for s in shares[name]), cents(pool["granted"]))
            if pool["how"] == "pro_rata" and cents(pool["asked"]) > cents(pool["amount"]):
                for s in shares[name]:
                    floor = cents(pool["amount"]) * cents(s["asked"]) // cents(pool["asked"])
                    self.assertIn(cents(s["granted"]) - floor, (0, 1))
            else:
                before = 0
                for place, s in enumerate(sorted(shares[name], key=lambda s: s["place"]), start=1):
                    self.assertEqual((s["place"], cents(s["granted_before"])), (place, before))
                    before += cents(s["granted"])

    def test_many_records(self):
        # 40,000 records: the held-back rows come back in several batches, formatted by several
        # threads; in input order, the same on both engines, and each pool paid out exactly.
        lines = []
        with open(os.path.join(HERE, "population.jsonl"), encoding="utf-8") as f:
            base = [line for line in f.read().splitlines() if '"abc"' not in line]
        for i in range(10000):
            for line in base:
                lines.append(line.replace('"id": "', f'"id": "{i}-'))
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, "many.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            runs = []
            for engine in ("interp", "jit"):
                summary = os.path.join(scratch, engine + ".json")
                done = subprocess.run([ZC, "run", "pool.zc", "--input", path, "--engine", engine, "--threads", "3", "--quiet",
                                       "--summary", summary], cwd=HERE, capture_output=True)
                self.assertEqual(done.returncode, 0, done.stderr.decode())
                with open(summary, "rb") as f:
                    runs.append((done.stdout, f.read()))
            self.assertEqual(runs[0], runs[1], "the engines disagree")
            out, summary = runs[0]
            ids = [json.loads(line)["id"] for line in out.decode().splitlines()]
            self.assertEqual(ids, [json.loads(line)["id"] for line in lines])
            self.check_sums(out, json.loads(summary))
            self.assertEqual(json.loads(summary)["pools"][0]["claims"], 30000)

    def test_population_tests(self):
        # 测试 blocks of several records, the pools settled over them, on both engines.
        for folder, ruleset, count in ((HERE, "pool.zc", 4), (EXAMPLE, "fund-pool.zc", 3)):
            done = subprocess.run([ZC, "test", ruleset, "--engine", "both"], cwd=folder, capture_output=True)
            self.assertEqual(done.returncode, 0, done.stdout.decode() + done.stderr.decode())
            self.assertIn(b"%d passed, 0 failed" % count, done.stdout)

    def test_a_wrong_expectation_fails(self):
        # The population test compares each record's award after the pool, not before it.
        with tempfile.TemporaryDirectory() as scratch:
            with open(os.path.join(HERE, "pool.zc"), encoding="utf-8") as f:
                text = f.read().replace('期望 "B": "P-1" 企业 = 50.01 元;', '期望 "B": "P-1" 企业 = 200 元;')
            path = os.path.join(scratch, "pool.zc")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            done = subprocess.run([ZC, "test", path], capture_output=True)
            self.assertEqual(done.returncode, 1)
            self.assertIn("record B: expected P-1 企业 = 200.00 元, got P-1 企业 = 50.01 元", done.stdout.decode())

    def check_sums(self, out, summary):
        paid = {}
        for line in out.decode().splitlines():
            for award in json.loads(line).get("awards", []):
                paid[award["clause"]] = paid.get(award["clause"], 0) + cents(award["amount"])
        for pool in summary["pools"]:
            granted = sum(paid.get(c, 0) for c in POOL_CLAUSES[pool["pool"]])
            self.assertEqual(granted, cents(pool["granted"]), pool)
            expected = min(cents(pool["asked"]), cents(pool["amount"]))
            self.assertEqual(granted, expected, pool)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
