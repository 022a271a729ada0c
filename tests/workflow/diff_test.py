"""zc diff (issue 24, item 7): what a change of the rules costs. Its report
is checked against two real `zc run`s, one under the old rules and one under
the new: per record and clause the old and new amount, totals by clause,
policy and beneficiary, and the counts of records that gain, lose, start or
stop being paid — as JSON, as a table and as a workbook, on both engines.
   /usr/bin/python3 diff_test.py ZC FIRST_RULESET SEED_RULESET SEED_RECORDS"""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from decimal import Decimal

import openpyxl

ZC, FIRST, SEED, SEED_RECORDS = sys.argv[1:5]


def zc(*args, engine="jit"):
    done = subprocess.run([ZC, args[0], "--engine", engine, *args[1:]], capture_output=True)
    return done.returncode, done.stdout, done.stderr.decode()


def run_results(ruleset, records, *params):
    code, out, err = zc("run", ruleset, "--input", records, "--format", "jsonl", "--quiet", *params)
    assert code in (0, 2), err
    return [json.loads(l) for l in out.decode().splitlines()]


def expected_report(old, new):
    """The report's figures, from two real runs of zc."""
    changed, counts = {}, dict(records=0, gain=0, lose=0, start=0, stop=0, unchanged=0, failed=0)
    by_clause, by_beneficiary = {}, {}
    for before, after in zip(old, new):
        counts["records"] += 1
        if "error" in before or "error" in after or before.get("errors") or after.get("errors"):
            counts["failed"] += 1
            changed[after["id"]] = None
            continue
        awards = {}
        for side, result in (("old", before), ("new", after)):
            for a in result["awards"]:
                key = (a["clause"], a.get("item", ""), a["beneficiary"])
                awards.setdefault(key, {"old": None, "new": None})[side] = a["amount"] or "eligible"
                if a["amount"]:
                    for table, k in ((by_clause, a["clause"]), (by_beneficiary, a["beneficiary"])):
                        table.setdefault(k, {"old": Decimal(0), "new": Decimal(0)})[side] += Decimal(a["amount"])
        total = {side: sum((Decimal(a["amount"]) for a in r["awards"] if a["amount"]), Decimal(0))
                 for side, r in (("old", before), ("new", after))}
        if total["old"] == 0 and total["new"] > 0:
            counts["start"] += 1
        elif total["old"] > 0 and total["new"] == 0:
            counts["stop"] += 1
        elif total["new"] > total["old"]:
            counts["gain"] += 1
        elif total["new"] < total["old"]:
            counts["lose"] += 1
        else:
            counts["unchanged"] += 1
        differing = {k: v for k, v in awards.items() if v["old"] != v["new"]}
        if differing:
            changed[after["id"]] = differing
    return changed, counts, by_clause, by_beneficiary


class DiffTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.sheet = os.path.join(cls.folder.name, "申报.xlsx")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["id", "名称", "区县", "新认定高新技术企业", "研发投入"])
        for row in [("A", "甲", "示范区", "是", 10), ("B", "乙", "示范区", "否", 2000), ("C", "丙", "别区", "是", 0),
                    ("D", "丁", "示范区", "是", 1500), ("E", "戊", "示范区", "否", 5), ("F", "己", "示范区", "是", "很多")]:
            sheet.append(list(row))
        book.save(cls.sheet)
        # New rules: 50万, and firms with 研发投入 over 1000万 too, but no longer those under 10万.
        with open(FIRST, encoding="utf-8") as f:
            text = f.read()
        new = text.replace("= 30 万元;", "= 50 万元;").replace(
            "条件 新认定高新技术企业;", "条件 (新认定高新技术企业 且 研发投入 ≥ 10 万元) 或 研发投入 > 1000 万元;")
        assert new != text and "研发投入 > 1000 万元" in new
        cls.new = os.path.join(cls.folder.name, "new.zc")
        with open(cls.new, "w", encoding="utf-8") as f:
            f.write(new)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def check_json(self, report, old, new):
        changed, counts, by_clause, by_beneficiary = expected_report(old, new)
        self.assertEqual(report["counts"], counts)
        got = {}
        for r in report["records"]:
            if "old_error" in r or "new_error" in r:
                got[r["id"]] = None
                continue
            got[r["id"]] = {(c["clause"], c.get("item", ""), c["beneficiary"]): {"old": c["old"], "new": c["new"]}
                            for c in r["clauses"]}
        self.assertEqual(got, changed)
        for key, expected in (("by_clause", by_clause), ("by_beneficiary", by_beneficiary)):
            self.assertEqual({t["key"]: {"old": Decimal(t["old"]), "new": Decimal(t["new"])} for t in report[key]}, expected)
            for t in report[key]:
                self.assertEqual(Decimal(t["change"]), Decimal(t["new"]) - Decimal(t["old"]))
        self.assertEqual(sum(Decimal(t["new"]) for t in report["by_policy"]), sum(t["new"] for t in by_clause.values()))
        return counts

    def test_a_parameter_change(self):
        old = run_results(FIRST, self.sheet)
        new = run_results(FIRST, self.sheet, "--param", "高企奖励=50")
        reports = []
        for engine in ("jit", "interp"):
            code, out, err = zc("diff", FIRST, "--param", "高企奖励=50", "--input", self.sheet, "--format", "json", engine=engine)
            self.assertEqual(code, 2, err)  # F's 研发投入 is no number
            self.assertIn("第7行 E列: record F: under the old rules: field 研发投入:", err)
            reports.append(out)
        self.assertEqual(reports[0], reports[1])
        counts = self.check_json(json.loads(reports[0]), old, new)
        self.assertEqual(counts, dict(records=6, gain=2, lose=0, start=0, stop=0, unchanged=3, failed=1))

    def test_two_rulesets_start_and_stop(self):
        old = run_results(FIRST, self.sheet)
        new = run_results(self.new, self.sheet)
        code, out, err = zc("diff", FIRST, self.new, "--input", self.sheet, "--format", "json")
        self.assertEqual(code, 2, err)
        counts = self.check_json(json.loads(out), old, new)
        # A (研发投入 10万) still paid and more; B starts; D more; C other 区县; E nothing either way.
        self.assertEqual(counts, dict(records=6, gain=2, lose=0, start=1, stop=0, unchanged=2, failed=1))
        # Lowering the bar the other way stops A.
        code, out, err = zc("diff", self.new, FIRST, "--input", self.sheet, "--format", "json")
        counts = self.check_json(json.loads(out), new, old)
        self.assertEqual(counts["stop"], 1)
        self.assertEqual(counts["lose"], 2)

    def test_table_and_workbook_say_the_same(self):
        code, out, err = zc("diff", FIRST, self.new, "--input", self.sheet, "--format", "json")
        report = json.loads(out)
        code, table, err = zc("diff", FIRST, self.new, "--input", self.sheet)
        table = table.decode()
        self.assertIn("合计 6 records: 2 gain (增加), 0 lose (减少), 1 start being paid (新增), 0 stop being paid (取消), "
                      "2 unchanged, 1 failed on either side", table)
        for t in report["by_clause"]:
            self.assertRegex(table, rf"{t['key']}\s+{t['old']}\s+{t['new']}\s+" + re.escape(t["change"]))
        path = os.path.join(self.folder.name, "变化.xlsx")
        code, out, err = zc("diff", FIRST, self.new, "--input", self.sheet, "--output", path)
        self.assertEqual((code, out), (2, b""), err)
        book = openpyxl.load_workbook(path)
        self.assertEqual(book.sheetnames, ["变化明细", "汇总", "统计"])
        for sheet in book.worksheets:
            self.assertEqual(sheet["B1"].value, report["new"]["source_hash"])
        counts = {r[0]: r[1] for r in book["统计"].iter_rows(min_row=6, values_only=True) if r[1] is not None}
        self.assertEqual(counts, {"记录总数": 6, "增加": 2, "减少": 0, "新增兑现": 1, "不再兑现": 0, "不变": 2, "出错": 1})
        detail = [r for r in book["变化明细"].iter_rows(min_row=6, values_only=True)]
        b = [r for r in detail if r[0] == "B"]
        self.assertEqual(len(b), 1)
        self.assertEqual((b[0][1], b[0][4], f"{b[0][5]:.2f}", b[0][7]), ("FIRST-1", None, "500000.00", "新增"))

    def test_a_seed_parameter_over_the_sample(self):
        old = run_results(SEED, SEED_RECORDS)
        new = run_results(SEED, SEED_RECORDS, "--param", "美元汇率=7.5")
        code, out, err = zc("diff", SEED, "--param", "美元汇率=7.5", "--input", SEED_RECORDS, "--format", "json")
        self.assertEqual(code, 0, err)
        counts = self.check_json(json.loads(out), old, new)
        self.assertGreater(counts["gain"], 0)  # not vacuous: the rate pays some more

    def test_totals_by_payer(self):
        # The district's 配套 becomes the city's money and doubles: totals by payer (未注明 for a
        # clause naming none) from the payer of each award of two real runs; none without payers.
        folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "eval")
        old_rules, records = os.path.join(folder, "payers.zc"), os.path.join(folder, "payers.jsonl")
        with open(old_rules, encoding="utf-8") as f:
            text = f.read()
        changed = text.replace("出资方 区级;", "出资方 市级;").replace("奖励 50% × 条款", "奖励 100% × 条款")
        self.assertNotEqual(changed, text)
        new_rules = os.path.join(self.folder.name, "payers-new.zc")
        with open(new_rules, "w", encoding="utf-8") as f:
            f.write(changed)
        expected = {}
        for side, rules in (("old", old_rules), ("new", new_rules)):
            for result in run_results(rules, records):
                for a in result["awards"]:
                    totals = expected.setdefault(a.get("payer", "未注明"), {"old": Decimal(0), "new": Decimal(0)})
                    totals[side] += Decimal(a["amount"])
        code, out, err = zc("diff", old_rules, new_rules, "--input", records, "--format", "json")
        self.assertEqual(code, 0, err)
        report = json.loads(out)
        self.assertEqual({t["key"]: {"old": Decimal(t["old"]), "new": Decimal(t["new"])} for t in report["by_payer"]}, expected)
        self.assertEqual(set(expected), {"市级", "区级", "未注明"})
        code, table, err = zc("diff", old_rules, new_rules, "--input", records)
        self.assertIn("按出资方 by payer", table.decode())
        code, out, err = zc("diff", FIRST, self.new, "--input", self.sheet, "--format", "json")
        self.assertNotIn("by_payer", json.loads(out))

    def test_refusals(self):
        code, out, err = zc("diff", FIRST, "--input", self.sheet)
        self.assertEqual(code, 1)
        self.assertIn("zc diff compares two rulesets (OLD.zc NEW.zc), or one with --param NAME=VALUE changed", err)
        code, out, err = zc("diff", FIRST, "--param", "高企奖励=5000", "--input", self.sheet)
        self.assertEqual(code, 1)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
