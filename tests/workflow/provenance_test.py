"""zc run --provenance (issue 24, item 6, for the text formats):
   /usr/bin/python3 provenance_test.py ZC RULESET RECORDS
jsonl, csv and table output begin with one line naming the rules' SHA-256
(the hash zc eval --explain=json gives), zc's version and the day; the rows
after it are byte for byte those of a run without it; --summary's JSON
carries the same as a member. Without the flag nothing changes."""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import unittest

ZC, RULESET, RECORDS = sys.argv[1:4]


def run(*args):
    done = subprocess.run([ZC, "run", RULESET, "--input", RECORDS, "--quiet", *args], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


class ProvenanceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(RECORDS, encoding="utf-8") as f:
            first = f.readline()
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            f.write(first)
        explained = subprocess.run([ZC, "eval", RULESET, "--input", f.name, "--explain=json"], capture_output=True)
        os.unlink(f.name)
        cls.provenance = json.loads(explained.stdout)["provenance"]
        cls.today = datetime.date.today().isoformat()

    def test_jsonl(self):
        plain, marked = run("--format", "jsonl"), run("--format", "jsonl", "--provenance")
        head, rest = marked.split("\n", 1)
        self.assertEqual(rest, plain)
        self.assertEqual(json.loads(head), {"provenance": {"source_hash": self.provenance["source_hash"],
                                                           "zc_version": self.provenance["zc_version"],
                                                           "run_date": self.today}})
        self.assertNotIn("provenance", plain)

    def test_csv_and_table(self):
        for format in ("csv", "table"):
            with self.subTest(format):
                plain, marked = run("--format", format), run("--format", format, "--provenance")
                head, rest = marked.split("\n", 1)
                self.assertEqual(rest, plain)
                self.assertEqual(head, f"# 规则集 source_hash={self.provenance['source_hash']} "
                                       f"zc_version={self.provenance['zc_version']} run_date={self.today}")

    def test_summary(self):
        with tempfile.TemporaryDirectory() as folder:
            plain, marked = os.path.join(folder, "plain.json"), os.path.join(folder, "marked.json")
            run("--summary", plain, "--format", "jsonl")
            run("--summary", marked, "--format", "jsonl", "--provenance")
            with open(plain, encoding="utf-8") as f:
                without = json.load(f)
            with open(marked, encoding="utf-8") as f:
                with_it = json.load(f)
        self.assertEqual(with_it.pop("provenance")["source_hash"], self.provenance["source_hash"])
        self.assertEqual(with_it, without)
        self.assertNotIn("provenance", without)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
