"""The Excel report (issue 24, items 4 and 6): zc run --format xlsx read back
with openpyxl, against what real `zc run --format jsonl` writes for the same
records: every award with its clause's 原文 and the enterprise's name, totals
by clause, policy and beneficiary, failed records, provenance on each sheet.
   /usr/bin/python3 report_test.py ZC RULESET RECORDS FIRST_RULESET"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest
from decimal import Decimal

import openpyxl

ZC, RULESET, RECORDS, FIRST = sys.argv[1:5]

PROVENANCE_LABELS = ["规则源文件哈希（SHA-256）", "zc 版本", "运行日期"]


def zc(*args, engine="jit"):
    quiet = ["--quiet"] if args[0] == "run" else []
    done = subprocess.run([ZC, *args[:2], "--engine", engine, *quiet, *args[2:]], capture_output=True)
    return done.returncode, done.stdout, done.stderr.decode()


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


class ReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.input = os.path.join(cls.folder.name, "records.jsonl")
        with open(RECORDS, encoding="utf-8") as f:
            lines = f.read().splitlines()
        # A record that fails, and an id a sheet would run as a formula.
        lines.insert(3, '{"id": "BAD", "营业收入": "abc"}')
        lines.append('{"id": "=HYPERLINK(\\"http://example.com\\")", "区县": "昌江区", "新设院士工作站": 1}')
        with open(cls.input, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        cls.records = {json.loads(l)["id"]: json.loads(l) for l in lines}
        code, out, err = zc("run", RULESET, "--input", cls.input, "--format", "jsonl")
        assert code == 2, err
        cls.results = [json.loads(l) for l in out.decode().splitlines()]
        cls.books = {}
        for engine in ("jit", "interp"):
            path = os.path.join(cls.folder.name, f"兑现结果-{engine}.xlsx")
            code, out, err = zc("run", RULESET, "--input", cls.input, "--output", path, engine=engine)
            assert code == 2 and out == b"", err
            cls.books[engine] = openpyxl.load_workbook(path)
        cls.book = cls.books["jit"]

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_engines_write_the_same_cells(self):
        for name in self.book.sheetnames:
            self.assertEqual(rows(self.book[name]), rows(self.books["interp"][name]), name)

    def test_every_sheet_carries_the_provenance(self):
        self.assertEqual(self.book.sheetnames, ["兑现明细", "汇总", "失败记录"])
        version = subprocess.run([ZC, "--version"], capture_output=True, text=True).stdout.split()[-1]
        today = time.strftime("%Y-%m-%d")
        hashes = set()
        for sheet in self.book.worksheets:
            head = rows(sheet)[:3]
            self.assertEqual([r[0] for r in head], PROVENANCE_LABELS, sheet.title)
            self.assertRegex(head[0][1], r"^[0-9a-f]{64}$")
            self.assertEqual(head[1][1], version)
            self.assertEqual(head[2][1], today)
            hashes.add(head[0][1])
        self.assertEqual(len(hashes), 1)
        # The same hash in zc diff's report of these rules, and another for changed rules.
        code, out, err = zc("diff", RULESET, "--param", "美元汇率=7.2", "--input", self.input, "--format", "json")
        report = json.loads(out)
        self.assertEqual(report["old"]["source_hash"], hashes.pop())
        self.assertEqual(report["new"]["source_hash"], report["old"]["source_hash"])
        self.assertEqual(report["old"]["zc_version"], version)
        first = FIRST
        changed = os.path.join(self.folder.name, "changed.zc")
        with open(first, encoding="utf-8") as f, open(changed, "w", encoding="utf-8") as out:
            out.write(f.read() + "\n// 改了一个注释\n")
        code, out, err = zc("diff", first, changed, "--input", self.input, "--format", "json")
        report = json.loads(out)
        self.assertNotEqual(report["new"]["source_hash"], report["old"]["source_hash"])

    def test_explanations_and_the_server_name_the_same_rules(self):
        hash_ = rows(self.book["汇总"])[0][1]
        version = rows(self.book["汇总"])[1][1]
        record = os.path.join(self.folder.name, "one.json")
        with open(RECORDS, encoding="utf-8") as f, open(record, "w", encoding="utf-8") as out:
            first_line = f.readline()
            out.write(first_line)
        done = subprocess.run([ZC, "eval", RULESET, "--input", record, "--explain=json"], capture_output=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        explained = json.loads(done.stdout)
        self.assertEqual(explained["provenance"], {"source_hash": hash_, "zc_version": version})
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "serve"))
        import zcserve
        server = zcserve.Server(ZC, RULESET)
        try:
            status, headers, body = server.request("POST", "/evaluate", first_line.encode(),
                                                   {"Content-Type": "application/x-ndjson"})
            self.assertEqual(status, 200, body)
            self.assertEqual((headers["zc-source-hash"], headers["zc-version"]), (hash_, version))
            self.assertEqual(json.loads(body), self.results[0])
            status, headers, body = server.request("POST", "/explain", first_line.encode(), {"Content-Type": "application/json"})
            self.assertEqual(status, 200, body)
            self.assertEqual(json.loads(body)["provenance"], explained["provenance"])
        finally:
            server.stop()

    def test_awards_are_zc_runs_with_their_text_and_name(self):
        sheet = rows(self.book["兑现明细"])
        self.assertEqual(sheet[4], ["企业编号", "企业名称", "条款", "政策", "条款原文", "受益方", "金额（元）", "说明", "计算公式"])
        got = [(r[0], r[2], r[5], None if r[6] is None else f"{Decimal(str(r[6])):.2f}", r[7]) for r in sheet[5:]]
        expected = []
        for result in self.results:
            for a in result.get("awards", []):
                rid = result["id"]
                shown = "'" + rid if rid.startswith("=") else rid
                expected.append((shown, a["clause"], a["beneficiary"], a["amount"],
                                 "一事一议" if a["manual"] else None if a["amount"] else "仅资格"))
        self.assertEqual(got, expected)
        self.assertGreater(len(expected), 50)
        self.assertTrue(any(r[0].startswith("'=HYPERLINK") for r in sheet[5:]))
        for r in sheet[5:]:
            rid = r[0][1:] if r[0].startswith("'") else r[0]
            self.assertEqual(r[1], self.records[rid].get("名称") or None, rid)
        # The 原文 is the clause's own, from its file.
        folder = os.path.dirname(os.path.abspath(RULESET))
        texts = {}
        for name in os.listdir(folder):
            if name.endswith(".zc"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    texts.update(re.findall(r'条款 "([^"]+)" \{\s*原文 "([^"]*)"', f.read()))
        for r in sheet[5:]:
            self.assertEqual(r[4], texts[r[2]], r[2])
        # The formula as the clause writes it.
        formulas = {r[2]: r[8] for r in sheet[5:]}
        self.assertEqual(formulas["CJ-B-8"], "1% × 设备购置发票金额")
        self.assertEqual(formulas["CJ-Q-3b"], "3 万元 × 推荐上报协同创新体")
        cell = self.book["兑现明细"].cell(row=6, column=7)
        self.assertEqual(cell.number_format, "#,##0.00")

    def totals(self):
        sheet = rows(self.book["汇总"])[4:]
        blocks, current = {}, None
        for r in sheet:
            if r[0] in ("按条款", "按政策", "按受益方"):
                current = blocks.setdefault(r[0], {})
            elif r[0] is not None and r[2] != "笔数" and current is not None:
                current[r[0]] = (r[2], Decimal(str(r[3])).quantize(Decimal("0.01")))
        return blocks

    def test_totals_add_up_zc_runs_awards(self):
        by_clause, by_beneficiary = {}, {}
        for result in self.results:
            for a in result.get("awards", []):
                if a["amount"] is None:
                    continue
                count, total = by_clause.get(a["clause"], (0, Decimal(0)))
                by_clause[a["clause"]] = (count + 1, total + Decimal(a["amount"]))
                count, total = by_beneficiary.get(a["beneficiary"], (0, Decimal(0)))
                by_beneficiary[a["beneficiary"]] = (count + 1, total + Decimal(a["amount"]))
        blocks = self.totals()
        self.assertEqual(blocks["按条款"], by_clause)
        self.assertEqual(blocks["按受益方"], by_beneficiary)
        enterprise = sum(Decimal(r["total_enterprise"]) for r in self.results if "total_enterprise" in r)
        self.assertEqual(by_beneficiary["企业"][1], enterprise)
        self.assertEqual(sum(t for _, t in blocks["按政策"].values()), sum(t for _, t in by_clause.values()))
        self.assertEqual(sum(c for c, _ in blocks["按政策"].values()), sum(c for c, _ in by_clause.values()))

    def test_payers_as_zc_run_names_them(self):
        # A ruleset whose clauses name their 出资方: a column beside 受益方, and totals by payer
        # (未注明 for a clause naming none) that add up zc run's awards.
        folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "eval")
        ruleset, records = os.path.join(folder, "payers.zc"), os.path.join(folder, "payers.jsonl")
        code, out, err = zc("run", ruleset, "--input", records, "--format", "jsonl")
        self.assertEqual(code, 0, err)
        awards = [(r["id"], a) for r in map(json.loads, out.decode().splitlines()) for a in r["awards"]]
        self.assertTrue(any("payer" in a for _, a in awards) and any("payer" not in a for _, a in awards))
        path = os.path.join(self.folder.name, "payers.xlsx")
        code, _, err = zc("run", ruleset, "--input", records, "--output", path)
        self.assertEqual(code, 0, err)
        book = openpyxl.load_workbook(path)
        sheet = rows(book["兑现明细"])
        header = sheet[4]
        self.assertEqual(header[header.index("受益方") + 1], "出资方")
        self.assertEqual([(r[0], r[2], r[header.index("出资方")]) for r in sheet[5:]],
                         [(i, a["clause"], a.get("payer")) for i, a in awards])
        by_payer = {}
        for _, a in awards:
            count, total = by_payer.get(a.get("payer", "未注明"), (0, Decimal(0)))
            by_payer[a.get("payer", "未注明")] = (count + 1, total + Decimal(a["amount"]))
        totals = rows(book["汇总"])
        start = [r[0] for r in totals].index("按出资方") + 2
        self.assertEqual({r[0]: (r[2], Decimal(str(r[3])).quantize(Decimal("0.01"))) for r in totals[start:] if r[0]}, by_payer)
        self.assertNotIn("按出资方", [r[0] for r in rows(self.book["汇总"])])

    def test_failed_records_with_line_and_reason(self):
        sheet = rows(self.book["失败记录"])
        self.assertEqual(sheet[4], ["企业编号", "行", "条款", "项目", "原因"])
        failed = [r for r in self.results if "error" in r]
        self.assertEqual([(r[0], r[1], r[4]) for r in sheet[5:]], [(f["id"], f["line"], f["error"]) for f in failed])
        self.assertEqual(sheet[5][0], "BAD")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
