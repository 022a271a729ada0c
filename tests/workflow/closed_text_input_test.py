"""A field closed to a 集合 (issue 22, item 12) on every input path: the same
records as JSON Lines, CSV and an Excel sheet give the same results, and a
value outside the set is a bad record naming the record and the field on
each, on both engines, while the records around it are evaluated.
   /usr/bin/python3 closed_text_input_test.py ZC RULESET"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

import openpyxl

ZC, RULESET = sys.argv[1:3]

FIELDS = ["id", "产业", "区县", "实际投入"]
ROWS = [
    ["ic", "集成电路产业", "昌江区", "60000"],
    ["typo-industry", "集成电路", "昌江区", "60000"],
    ["typo-district", "汽车产业", "昌江", "100"],
    ["auto", "汽车产业", "珠山区", "40000"],
]
BAD = {
    "typo-industry": 'record typo-industry: field 产业: "集成电路" is not one of the texts this field takes: '
                     "集成电路产业, 智能装备产业, 新材料产业, 汽车产业, 其他产业",
    "typo-district": 'record typo-district: field 区县: "昌江" is not one of the texts this field takes: 昌江区, 珠山区, 浮梁县',
}


def run(path, engine):
    done = subprocess.run([ZC, "run", RULESET, "--input", path, "--quiet", "--engine", engine, "--format", "jsonl"],
                          capture_output=True)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


class ClosedTextInputTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.paths = {}
        jsonl = os.path.join(self.folder.name, "records.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for row in ROWS:
                record = dict(zip(FIELDS, row))
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.paths["jsonl"] = jsonl
        table = os.path.join(self.folder.name, "records.csv")
        with open(table, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(FIELDS)
            writer.writerows(ROWS)
        self.paths["csv"] = table
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(FIELDS)
        for row in ROWS:
            sheet.append(row[:3] + [int(row[3])])
        sheet_path = os.path.join(self.folder.name, "records.xlsx")
        book.save(sheet_path)
        self.paths["xlsx"] = sheet_path

    def tearDown(self):
        self.folder.cleanup()

    def test_every_path_and_engine_refuses_the_same_records_by_name(self):
        results = {}
        for kind, path in self.paths.items():
            for engine in ("interp", "jit"):
                code, out, err = run(path, engine)
                self.assertEqual(code, 2, (kind, engine, err))
                for record, message in BAD.items():
                    self.assertTrue(any(message in line for line in err.splitlines()), (kind, engine, record, err))
                paid = [json.loads(line) for line in out.splitlines()]
                # The records around the bad ones are evaluated: ic at 5000 + 10 万元, auto at 3000 + 10 万元.
                good = {r["id"]: r["total_enterprise"] for r in paid if "total_enterprise" in r}
                self.assertEqual(good, {"ic": "50100000.00", "auto": "30100000.00"}, (kind, engine, out))
                results[(kind, engine)] = good
        self.assertEqual(len(set(json.dumps(r, sort_keys=True) for r in results.values())), 1)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
