#!/usr/bin/env python3
"""Writes the first ROWS records of a JSON Lines file as one sheet of an .xlsx,
as an office would keep them: the keys in the first row, a number a number
cell (its written digits), a flag a TRUE/FALSE cell, a text a text cell, a
list its JSON in a text cell, an absent field an empty cell. Needs openpyxl
(Debian's python3-openpyxl: run it with /usr/bin/python3).

    bench/jsonl_to_xlsx.py IN.jsonl OUT.xlsx ROWS
"""
import decimal
import itertools
import sys

import openpyxl

from jsonl_to_csv import Digits, as_json, load


def as_value(value):
    if value is None or isinstance(value, bool) or isinstance(value, int):
        return value
    if isinstance(value, Digits):
        return decimal.Decimal(value)
    if isinstance(value, str):
        return value
    return as_json(value)


def main(source, target, rows):
    keys = {}
    with open(source, encoding="utf-8") as lines:
        for line in itertools.islice(lines, rows):
            keys.update(dict.fromkeys(load(line)))
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("申报")
    sheet.append(list(keys))
    with open(source, encoding="utf-8") as lines:
        for line in itertools.islice(lines, rows):
            record = load(line)
            sheet.append([as_value(record.get(key)) for key in keys])
    book.save(target)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
