"""zhengce_evaluate_batch against zc run: tests/library/batch_values.zc built
with zc build, its records (batch_values.jsonl) laid out as a columnar batch
by tests/library/library_batch.c. A row whose value its field's declaration
refuses (a range, a 集合) is refused with zc run's own message for the same
record as JSON, naming the row and the field, each of its clauses failed
with ZC_ERR_BAD_RECORD and none of its items kept; the other rows get zc
run's awards, and the batch as a whole says ZHENGCE_BAD_RECORD.

    library_batch_test.py ZC LIBRARY_BATCH RULESET RECORDS
"""

import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from fractions import Fraction

ZHENGCE_OK, ZHENGCE_BAD_RECORD = 0, 2
ZC_ERR_BAD_RECORD = 12


def rows_text(records):
    """One tab-separated line a record, as library_batch reads them."""
    lines = []
    for r in records:
        funds = r["扶持"]
        cells = [r["id"], str(r["营业收入"]), str(r["员工"]), r["区县"], ",".join(str(c) for c in r["费用"]),
                 ",".join(f["编号"] for f in funds), ",".join(str(f["金额"]) for f in funds)]
        lines.append("\t".join(cells) + "\n")
    return "".join(lines)


def main():
    zc, batch_binary, ruleset, records_path = sys.argv[1:5]
    with open(records_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory(prefix="zc-library-batch-") as folder:
        library = os.path.join(folder, "libbatch.so")
        folder_of_rules = os.path.dirname(os.path.abspath(ruleset))
        subprocess.run([zc, "build", os.path.basename(ruleset), "-o", library], cwd=folder_of_rules, check=True)
        run = subprocess.run([zc, "run", os.path.basename(ruleset), "--input", os.path.abspath(records_path),
                              "--format", "jsonl"], cwd=folder_of_rules, capture_output=True, text=True)
        check(run.returncode == 2, f"zc run exits {run.returncode}, not 2 for its bad records")
        expected = [json.loads(line) for line in run.stdout.splitlines()]
        rows_file = os.path.join(folder, "rows.tsv")
        with open(rows_file, "w", encoding="utf-8") as f:
            f.write(rows_text(records))
        batch = subprocess.run([batch_binary, library, rows_file], capture_output=True, text=True)
        check(batch.returncode == ZHENGCE_BAD_RECORD, f"library_batch exits {batch.returncode}: {batch.stderr}")
        head, _, message = batch.stdout.partition("error\n")
        clauses, items = {}, {}
        for line in head.splitlines():
            kind, *values = line.split()
            num, den = values[-1].split("/")
            amount = Fraction(int(num), int(den))
            if kind == "clause":
                row, clause, fired, status = map(int, values[:4])
                clauses.setdefault(row, []).append((fired, status, amount))
            else:
                row, item, clause, fired, status = map(int, values[:5])
                items.setdefault(row, []).append((item, clause, fired, status, amount))
        refused_lines = message.rstrip("\n").split("\n")
        refused = [i for i, e in enumerate(expected) if "error" in e]
        check(len(refused) == 6, f"zc run refuses {len(refused)} of the records, the test meant 6")
        check(refused_lines == [f"row {i}: {expected[i]['error']}" for i in refused],
              f"the batch's message:\n{message}\nis not zc run's errors for rows {refused}")
        for i, e in enumerate(expected):
            if "error" in e:
                check(all(c == (0, ZC_ERR_BAD_RECORD, 0) for c in clauses[i]), f"row {i}: clauses {clauses[i]}")
                check(i not in items, f"row {i}: items kept {items.get(i)}")
                continue
            check(all(status == 0 for _, status, _ in clauses[i]), f"row {i}: a clause failed {clauses[i]}")
            paid_items = sorted(Fraction(Decimal(a["amount"])) for a in e["awards"] if "item" in a)
            got_items = sorted(amount for _, _, fired, _, amount in items.get(i, []) if fired)
            check(paid_items == got_items, f"row {i}: items {got_items}, zc run pays {paid_items}")
            whole = [Fraction(Decimal(a["amount"])) for a in e["awards"] if "item" not in a]
            check(sorted(whole) == sorted(clauses[i][0][2:3] if clauses[i][0][0] else []),
                  f"row {i}: clause BV-1 {clauses[i][0]}, zc run pays {whole}")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failures over {len(records)} rows")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
