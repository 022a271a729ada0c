"""Records as a bureau has them (issue 24, items 1-3): Excel workbooks, GBK
CSV with 是/否 and thousands separators, and standard input. Every fixture is
made here (openpyxl, Python's gbk codec); every expectation is what real
`zc run` writes for the same records as UTF-8 JSON Lines, on both engines.
   /usr/bin/python3 office_input_test.py ZC RULESET"""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
import zipfile

import openpyxl

ZC, RULESET = sys.argv[1:3]

# The records, as JSON Lines would give them; the sheets below hold the same.
RECORDS = [
    {"id": "E1", "名称": "甲公司", "高新": True, "研发投入": "1234.565", "营业收入": "1200", "认定日期": "2024-03-01", "员工": 12},
    {"id": "E2", "名称": "乙公司", "高新": False, "研发投入": "0.1", "营业收入": "12345678.9", "认定日期": "2023-12-31", "员工": 3},
    {"id": "E3", "名称": "丙公司", "高新": True, "研发投入": "12345678901234.57", "营业收入": "1", "员工": 0},
    {"id": "E4", "名称": "丁公司", "研发投入": "1234.5", "项目": ["100", "250.5"]},
]


def run(args, stdin=None, engine="jit"):
    done = subprocess.run([ZC, "run", RULESET, "--quiet", "--engine", engine, "--format", "jsonl"] + args,
                          input=stdin, capture_output=True)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def run_both(test, args, stdin=None):
    """zc run on the JIT and the interpreter, which must agree."""
    jit = run(args, stdin, "jit")
    interp = run(args, stdin, "interp")
    test.assertEqual(jit, interp)
    return jit


def patch_cells(path, replacements):
    """Rewrites <v>SENTINEL</v> in the sheet as the given text: a number as
    Excel stores it, digits no double can hold."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    text = parts[sheet].decode()
    for sentinel, stored in replacements.items():
        assert f"<v>{sentinel}</v>" in text, sentinel
        text = text.replace(f"<v>{sentinel}</v>", f"<v>{stored}</v>")
    parts[sheet] = text.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


class OfficeInputTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.dir = self.folder.name
        self.jsonl = self.path("records.jsonl")
        with open(self.jsonl, "w", encoding="utf-8") as f:
            for r in RECORDS:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        code, self.expected, err = run_both(self, ["--input", self.jsonl])
        self.assertEqual(code, 0, err)
        # Not vacuous: the exact amounts a double would get wrong are there.
        self.assertIn('"amount": "1234.57"', self.expected)
        self.assertIn('"amount": "12345678901234.57"', self.expected)
        self.assertIn('"amount": "12000.00"', self.expected)

    def tearDown(self):
        self.folder.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def workbook(self, name, rows, header=("id", "名称", "高新", "研发投入", "营业收入", "认定日期", "员工", "项目")):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "申报"
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
        path = self.path(name)
        book.save(path)
        return path, book

    def good_workbook(self):
        import datetime
        path, _ = self.workbook("申报.xlsx", [
            # a date cell (an Excel serial), 是 as text, a whole number as a number
            ("E1", "甲公司", "是", 777001, 1200, datetime.date(2024, 3, 1), 12),
            # a native TRUE/FALSE cell, a date as text
            ("E2", "乙公司", False, 0.1, 12345678.9, "2023-12-31", 3),
            # digits no double holds, patched in below
            ("E3", "丙公司", True, 777003, 1, None, 0),
            # an exponent as Excel may store one; a list as JSON text
            ("E4", "丁公司", None, 777004, None, None, None, '["100", "250.5"]'),
        ])
        patch_cells(path, {"777001": "1234.565", "777003": "12345678901234.57", "777004": "1.2345E3"})
        return path

    def test_xlsx_gives_what_json_lines_give(self):
        path = self.good_workbook()
        code, out, err = run_both(self, ["--input", path])
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(out, self.expected)

    def test_xlsx_sheet_by_name_and_a_missing_one(self):
        path = self.good_workbook()
        book = openpyxl.load_workbook(path)
        book.create_sheet("说明", 0).append(["这一页不是记录"])
        book.save(path)
        code, out, err = run_both(self, ["--input", path, "--sheet", "申报"])
        self.assertEqual(code, 0, err)
        self.assertEqual([json.loads(l)["id"] for l in out.splitlines()], ["E1", "E2", "E3", "E4"])
        code, out, err = run(["--input", path, "--sheet", "没有"])
        self.assertEqual(code, 1)
        self.assertIn("no sheet named 没有 (its sheets: 说明, 申报)", err)

    def test_xlsx_errors_name_file_row_and_column(self):
        path, book = self.workbook("bad.xlsx", [
            ("B1", "", "是", "abc"),                 # row 2: text in a money column
            ("B2", "", "是", "=1+1"),                # row 3: a formula never calculated
            ("B3", "", "是", 5),                     # rows 4-5: merged cells
            ("B4", "", "是", None),
            ("B5", "", "是", "#DIV/0!"),             # row 6: an error value
            ("B6", "", "是", 1, 1, 45352.5),         # row 7: half a day is no date
            ("B7", "", "也许"),                      # row 8: neither 是 nor 否
            ("B8", "", "否", 10),                    # row 9: good
        ])
        sheet = book.active
        sheet.merge_cells("D4:D5")
        book.save(path)
        code, out, err = run_both(self, ["--input", path])
        self.assertEqual(code, 2, err)
        lines = err.splitlines()
        expect = [
            ("bad.xlsx 第2行 D列: record B1: field 研发投入:", 2),
            ("bad.xlsx 第3行 D列: record B2: field 研发投入: the cell D3 holds a formula whose value was never saved", 3),
            ("bad.xlsx 第4行 D列: record B3: field 研发投入: the cell is part of merged cells D4:D5", 4),
            ("bad.xlsx 第5行 D列: record B4: field 研发投入: the cell is part of merged cells D4:D5", 5),
            ("bad.xlsx 第6行 D列: record B5: field 研发投入: the cell D6 holds Excel's error #DIV/0!", 6),
            ("bad.xlsx 第7行 F列: record B6: field 认定日期: the cell F7 holds the number 45352.5, which is no Excel date", 7),
            ("bad.xlsx 第8行 C列: record B7: field 高新:", 8),
        ]
        for text, _ in expect:
            self.assertTrue(any(l.startswith(path.rsplit("/", 1)[0] + "/" + text) for l in lines), (text, err))
        rows = [json.loads(l) for l in out.splitlines()]
        self.assertEqual([r.get("line") for r in rows], [2, 3, 4, 5, 6, 7, 8, None])
        self.assertEqual(rows[-1], {"id": "B8", "awards": [{"clause": "W-1", "beneficiary": "企业", "amount": "10.00", "manual": False}],
                                    "total_enterprise": "10.00", "total_park": "0.00"})

    def test_not_a_workbook(self):
        path = self.path("fake.xlsx")
        with open(path, "w") as f:
            f.write("id\nE1\n")
        code, out, err = run(["--input", path])
        self.assertEqual((code, out), (1, ""))
        self.assertIn("is not an Excel workbook (.xlsx)", err)

    def test_damaged_workbooks_are_refused_by_name(self):
        path = self.good_workbook()
        with open(path, "rb") as f:
            data = f.read()
        cut = self.path("cut.xlsx")
        with open(cut, "wb") as f:
            f.write(data[: len(data) // 2])
        code, out, err = run(["--input", cut])
        self.assertEqual((code, out), (1, ""))
        self.assertIn("cut.xlsx: is not an Excel workbook (.xlsx): it cannot be opened as a zip file", err)
        # Broken XML in the sheet, a cell reference past Excel's last column, a
        # shared string the workbook does not have: errors, never a signal.
        for name, sheet, expected, code_expected in [
            ("xml.xlsx", "<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>id</t></is></c></row><row>",
             "xml.xlsx: the part xl/worksheets/sheet1.xml is not well-formed XML (line 1)", 1),
            ("far.xlsx", "<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>id</t></is></c></row>"
             "<row r='2'><c r='A2' t='inlineStr'><is><t>X1</t></is></c><c r='ZZZZ2'><v>1</v></c></row></sheetData></worksheet>",
             "far.xlsx 第2行: record X1: column B: the cell B2 is under no field name in the header row (第1行)", 2),
            ("order.xlsx", "<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>id</t></is></c></row>"
             "<row r='3'><c r='A3' t='inlineStr'><is><t>X3</t></is></c></row>"
             "<row r='2'><c r='A2' t='inlineStr'><is><t>X2</t></is></c></row></sheetData></worksheet>",
             "order.xlsx 第2行: record X2: the sheet's rows are out of order: row 2 comes after row 3", 2),
            ("shared.xlsx", "<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>id</t></is></c></row>"
             "<row r='2'><c r='A2' t='s'><v>7</v></c></row></sheetData></worksheet>",
             "shared.xlsx 第2行 A列: field id: the cell A2 holds a reference to shared string 7, which the workbook "
             "does not have", 2),
        ]:
            target = self.path(name)
            with zipfile.ZipFile(path) as z, zipfile.ZipFile(target, "w") as out_zip:
                for item in z.namelist():
                    out_zip.writestr(item, sheet if item == "xl/worksheets/sheet1.xml" else z.read(item))
            code, out, err = run(["--input", target])
            self.assertEqual(code, code_expected, (name, err))
            self.assertIn(expected, err, name)

    def test_many_merged_cells_and_rows(self):
        # 20,000 rows and 10,000 merged ranges: each row is checked against
        # the ranges that span it, not all of them (docs/results.md).
        rows = "".join(f"<row r='{r}'><c r='A{r}' t='inlineStr'><is><t>R{r}</t></is></c><c r='B{r}'><v>1</v></c></row>"
                       for r in range(2, 20002))
        merges = "".join(f"<mergeCell ref='C{r}:C{r + 1}'/>" for r in range(2, 20002, 2))
        sheet = ("<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>id</t></is></c>"
                 "<c r='B1' t='inlineStr'><is><t>研发投入</t></is></c><c r='C1' t='inlineStr'><is><t>员工</t></is></c></row>"
                 f"{rows}</sheetData><mergeCells count='10000'>{merges}</mergeCells></worksheet>")
        target = self.path("merges.xlsx")
        with zipfile.ZipFile(self.good_workbook()) as z, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out_zip:
            for item in z.namelist():
                out_zip.writestr(item, sheet if item == "xl/worksheets/sheet1.xml" else z.read(item))
        code, out, err = run(["--input", target])
        self.assertEqual(code, 2)
        self.assertEqual(len(out.splitlines()), 20000)
        self.assertEqual(err.count("the cell is part of merged cells"), 20000)
        self.assertIn("merges.xlsx 第20001行 C列: record R20001: field 员工: the cell is part of merged cells C20000:C20001", err)

    def gbk_csv(self, name, money="1,200"):
        text = ("id,名称,高新,研发投入,营业收入,认定日期,员工,项目\n"
                f'E1,甲公司,是,1234.565,"{money}",2024-03-01,12,\n'
                'E2,乙公司,否,0.1,"12,345,678.9",2023-12-31,3,\n'
                "E3,丙公司,是,12345678901234.57,1,,0,\n"
                'E4,丁公司,,1234.5,,,,"[""100"", ""250.5""]"\n')
        path = self.path(name)
        with open(path, "wb") as f:
            f.write(text.encode("gbk"))
        return path

    def test_gbk_csv_detected_and_declared(self):
        path = self.gbk_csv("申报.csv")
        code, out, err = run_both(self, ["--input", path])
        self.assertEqual(code, 0, err)
        self.assertEqual(out, self.expected)
        self.assertIn("note: the input is not UTF-8; it is read as GB18030 (GBK)", err)
        code, out, err = run_both(self, ["--input", path, "--encoding", "gbk"])
        self.assertEqual((code, out, err), (0, self.expected, ""))

    def test_gbk_read_as_utf8_names_csv_row_and_field(self):
        path = self.gbk_csv("申报.csv")
        code, out, err = run(["--input", path, "--encoding", "utf-8"])
        self.assertEqual((code, out), (1, ""))
        self.assertIn("申报.csv: the header row (line 1) is not UTF-8 text", err)
        mixed = self.path("mixed.csv")
        with open(mixed, "wb") as f:
            f.write("id,名称,研发投入\nE1,".encode() + "甲公司".encode("gbk") + b",5\nE2,ok,6\n")
        code, out, err = run(["--input", mixed, "--encoding", "utf-8"])
        self.assertEqual(code, 2)
        self.assertNotIn("invalid JSON", err)
        self.assertIn("mixed.csv:2: record E1: field 名称: the cell is not UTF-8 text; a file saved by Excel in China is GBK: "
                      "say --encoding gbk", err)
        self.assertEqual(json.loads(out.splitlines()[1])["id"], "E2")

    def test_thousands_separators_only_in_money(self):
        path = self.gbk_csv("bad-group.csv", money="1,20")
        code, out, err = run(["--input", path, "--encoding", "gbk"])
        self.assertEqual(code, 2)
        self.assertIn('bad-group.csv:2: record E1: field 营业收入: expected a number in 万元, found the text "1,20"', err)
        counts = self.path("counts.csv")
        with open(counts, "w", encoding="utf-8") as f:
            f.write('id,员工\nC1,"1,200"\n')
        code, out, err = run(["--input", counts])
        self.assertEqual(code, 2)
        self.assertIn("counts.csv:2: record C1: field 员工:", err)

    def test_standard_input(self):
        with open(self.jsonl, "rb") as f:
            data = f.read()
        for args in ([], ["--input", "-"]):
            code, out, err = run_both(self, args, stdin=data)
            self.assertEqual((code, out, err), (0, self.expected, ""), args)
        with open(self.gbk_csv("in.csv"), "rb") as f:
            code, out, err = run_both(self, ["--input-format", "csv"], stdin=f.read())
        self.assertEqual((code, out), (0, self.expected), err)
        code, out, err = run(["--input-format", "xlsx"], stdin=b"")
        self.assertEqual(code, 1)
        self.assertIn("<stdin>: a workbook (.xlsx) cannot be read from standard input", err)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
