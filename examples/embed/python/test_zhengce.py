"""Tests the zhengce module on a library built from the seed policies:
   python3 test_zhengce.py LIBRARY RECORDS.jsonl EXPECTED.jsonl ZC"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest

from zhengce import Ruleset, ZhengceError, BAD_PARAM

LIBRARY, RECORDS, EXPECTED, ZC = sys.argv[1:5]
RULESET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "seed-policies", "all.zc")


def zc_run(data, *args):
    """What zc run writes for these JSON Lines bytes: (exit code, stdout, stderr)."""
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as f:
        f.write(data)
        f.flush()
        run = subprocess.run([ZC, "run", RULESET, "--input", f.name, "--engine", "interp", *args],
                             capture_output=True, env=dict(os.environ, ZC_CACHE_DIR=tempfile.gettempdir()))
        return run.returncode, run.stdout, run.stderr.decode("utf-8")


class RulesetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ruleset = Ruleset(LIBRARY)
        with open(RECORDS, "rb") as f:
            cls.records = f.read()
        with open(EXPECTED, "rb") as f:
            cls.expected = f.read()

    def test_jsonl_is_what_zc_run_writes(self):
        self.assertEqual(self.ruleset.evaluate_jsonl(self.records), self.expected)

    def test_one_record_gives_its_result(self):
        lines = self.records.decode("utf-8").splitlines()
        expected = self.expected.decode("utf-8").splitlines()
        for line, result in list(zip(lines, expected))[:10]:
            # The record's own text, so every number keeps its digits.
            self.assertEqual(self.ruleset.evaluate(json.loads(line)), json.loads(result))

    def test_a_bad_record_is_a_result_not_a_crash(self):
        result = self.ruleset.evaluate({"id": "E-BAD", "营业收入": "abc"})
        self.assertEqual(result["id"], "E-BAD")
        self.assertIn("营业收入", result["error"])
        self.assertIn(b'"error"', self.ruleset.evaluate_jsonl(b'{"id": \n[1, 2]\n'))
        # Hostile input: nesting that a recursive parser would follow off the end of the stack.
        deep = self.ruleset.evaluate_jsonl(b'{"id": "E-DEEP", "x": ' + b"[" * 1000000 + b"\n")
        self.assertIn(b"nested more than 1024 levels deep", deep)

    def test_description(self):
        self.assertEqual(len(self.ruleset.source_hash), 64)
        ids = [c["id"] for c in self.ruleset.clauses]
        self.assertIn("CJ-Q-6", ids)
        self.assertTrue(all(c["source"] and c["beneficiary"] for c in self.ruleset.clauses))
        names = {f["name"]: f for f in self.ruleset.fields}
        self.assertEqual(names["营业收入"]["unit"], "万元")
        self.assertIn("美元汇率", [p["name"] for p in self.ruleset.params])

    def test_a_parameter_changes_the_awards(self):
        doubled = Ruleset(LIBRARY, params={"美元汇率": "14.4"})
        self.assertNotEqual(doubled.evaluate_jsonl(self.records), self.expected)
        with self.assertRaises(ZhengceError) as raised:
            Ruleset(LIBRARY, params={"没有这个参数": "1"}).evaluate_jsonl(b"")
        self.assertEqual(raised.exception.status, BAD_PARAM)

    def test_line_ends_are_read_as_zc_run_reads_them(self):
        # A byte order mark before the first record, CRLF line ends, a blank
        # line and a line with a lone CR: each is what zc run makes of it.
        lines = self.records.splitlines(keepends=True)[:4]
        data = b"\xef\xbb\xbf" + lines[0] + lines[1].replace(b"\n", b"\r\n") + b"\n" + \
            lines[2].replace(b"\n", b"\r") + lines[3]
        code, expected, _ = zc_run(data)
        self.assertEqual(code, 2)
        got = self.ruleset.evaluate_jsonl(data)
        self.assertEqual(got, expected)
        self.assertIn(b"carriage return", got)
        self.assertEqual(got.splitlines()[0], self.expected.splitlines()[0])

    def test_a_parameter_out_of_its_range_is_refused(self):
        code, out, err = zc_run(self.records[:0], "--param", "美元汇率=-1")
        self.assertNotEqual(code, 0)
        self.assertIn("--param 美元汇率: -1 is outside the range (0, ∞)", err)
        with self.assertRaises(ZhengceError) as raised:
            Ruleset(LIBRARY, params={"美元汇率": "-1"}).evaluate_jsonl(b"")
        self.assertEqual(raised.exception.status, BAD_PARAM)
        self.assertIn("美元汇率: -1 is outside the range (0, ∞) that the ruleset declares for it", str(raised.exception))

    def test_threads_share_a_ruleset(self):
        outputs = []
        threads = [threading.Thread(target=lambda: outputs.append(self.ruleset.evaluate_jsonl(self.records)))
                   for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(outputs, [self.expected] * 4)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
