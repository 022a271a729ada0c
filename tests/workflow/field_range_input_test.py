"""A field's declared range (营业收入: 万元 属于 [0, ∞)) on every input path: the
seed ruleset's records as JSON Lines, CSV and an Excel sheet, on both engines,
through zc serve and the REPL's :record. A value outside the range is a bad
record naming the record and the field; the records around it are evaluated,
with the results zc run gives them alone; the bound itself is in the range.
   /usr/bin/python3 field_range_input_test.py ZC RULESET"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "serve"))
import zcserve  # noqa: E402

ZC, RULESET = sys.argv[1:3]

FIELDS = ["id", "区县", "规上企业", "新设院士工作站", "营业收入", "上年营业收入", "历史最高营业收入"]
ROWS = [
    ["grows", "昌江区", "true", "1", "60000", "40000", "50000"],
    ["negative", "昌江区", "true", "1", "-0.01", "40000", "50000"],
    ["zero", "昌江区", "true", "0", "0", "0", "0"],
    ["also-grows", "昌江区", "true", "2", "30000", "20000", "25000"],
]
BAD = "record negative: field 营业收入: -0.01 万元 is outside the range [0, ∞) that the record declares for this field"


def record_of(row):
    values = dict(zip(FIELDS, row))
    return {k: (v == "true" if k == "规上企业" else v if k in ("id", "区县") else float(v) if "." in v else int(v))
            for k, v in values.items()}


def run(path, engine):
    done = subprocess.run([ZC, "run", RULESET, "--input", path, "--quiet", "--engine", engine, "--format", "jsonl"],
                          capture_output=True)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


class FieldRangeInputTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.paths = {}
        jsonl = os.path.join(cls.folder.name, "records.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for row in ROWS:
                # The digits as written: "-0.01" stays -0.01, never a float's text.
                f.write("{" + ", ".join(json.dumps(k, ensure_ascii=False) + ": " +
                                        (json.dumps(v, ensure_ascii=False) if k in ("id", "区县") else v)
                                        for k, v in zip(FIELDS, row)) + "}\n")
        cls.paths["jsonl"] = jsonl
        table = os.path.join(cls.folder.name, "records.csv")
        with open(table, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(FIELDS)
            writer.writerows([[("是" if v == "true" else v) for v in row] for row in ROWS])
        cls.paths["csv"] = table
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(FIELDS)
        for row in ROWS:
            sheet.append(row[:2] + ["是"] + row[3:])  # numbers as text cells: Excel keeps what was typed
        sheet_path = os.path.join(cls.folder.name, "records.xlsx")
        book.save(sheet_path)
        cls.paths["xlsx"] = sheet_path
        # What each good record gets on its own: the results every path must give it beside the bad one.
        cls.alone = {}
        for row in ROWS:
            if row[0] == "negative":
                continue
            path = os.path.join(cls.folder.name, row[0] + ".jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(json.dumps(record_of(row), ensure_ascii=False) + "\n")
            code, out, err = run(path, "interp")
            assert code == 0, err
            cls.alone[row[0]] = json.loads(out)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_every_path_and_engine_refuses_the_record_by_name(self):
        for kind, path in self.paths.items():
            for engine in ("interp", "jit"):
                with self.subTest(kind=kind, engine=engine):
                    code, out, err = run(path, engine)
                    self.assertEqual(code, 2, err)
                    self.assertIn(BAD, err)
                    rows = [json.loads(line) for line in out.splitlines()]
                    good = {r["id"]: r for r in rows if "error" not in r}
                    self.assertEqual(good, self.alone)
                    self.assertTrue(any(r.get("id") == "negative" and "error" in r for r in rows), out)
        self.assertGreater(float(self.alone["grows"]["total_enterprise"]), 0, "a record the test pays")

    def test_zc_serve_refuses_it_naming_the_field(self):
        server = zcserve.Server(ZC, RULESET)
        try:
            status, _, body = server.request("GET", "/ruleset")
            self.assertEqual(status, 200)
            field = next(f for f in json.loads(body)["fields"] if f["name"] == "营业收入")
            self.assertEqual(field["range"], "[0, ∞)")
            self.assertEqual((field["bounds"]["lo"]["num"], field["bounds"]["hi"]), ("0", None))
            self.assertTrue(field["bounds"]["lo_closed"])
            funds = next(f for f in json.loads(body)["fields"] if f["name"] == "获得项目扶持资金")
            self.assertEqual(next(s for s in funds["fields"] if s["name"] == "金额")["range"], "[0, ∞)")
            headers = {"Content-Type": "application/json"}
            for route in ("/evaluate", "/explain"):
                negative = json.dumps(record_of(ROWS[1]), ensure_ascii=False).encode()
                status, _, body = server.request("POST", route, body=negative, headers=headers)
                self.assertEqual(status, 400, body)
                answer = json.loads(body)
                self.assertEqual((answer["id"], answer["field"]), ("negative", "营业收入"), answer)
            status, _, body = server.request(
                "POST", "/evaluate", headers=headers,
                body=json.dumps({"id": "fund", "获得项目扶持资金": [{"级别": "省级", "金额": -1}]},
                                ensure_ascii=False).encode())
            self.assertEqual(status, 400, body)
            self.assertIn("金额", json.loads(body)["error"])
            zero = json.dumps(record_of(ROWS[2]), ensure_ascii=False).encode()
            status, _, body = server.request("POST", "/evaluate", body=zero, headers=headers)
            self.assertEqual(status, 200, body)
        finally:
            self.assertEqual(server.stop(), 0)

    def test_the_repl_refuses_it_as_zc_run_does(self):
        session = f':load {RULESET}\n:record {json.dumps(record_of(ROWS[1]), ensure_ascii=False)}\n'
        done = subprocess.run([ZC, "repl"], input=session.encode(), capture_output=True,
                              env={**os.environ, "HOME": self.folder.name})
        said = done.stdout.decode() + done.stderr.decode()
        self.assertIn(BAD, said)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
