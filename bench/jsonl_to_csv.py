#!/usr/bin/env python3
"""Writes a JSON Lines record file as CSV, the way `zc run` reads CSV:
one column per key (in order of first appearance), an absent field an empty
cell, a list as one JSON array in its cell. Numbers keep their written digits
(json would turn 0.0000060509 into 6.0509e-06, which zc refuses as inexact).

    bench/jsonl_to_csv.py IN.jsonl OUT.csv
"""
import csv
import json
import sys


class Digits(str):
    """A JSON number's text, as written."""


def load(line):
    return json.loads(line, parse_float=Digits)


def as_json(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Digits, int)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(as_json(v) for v in value) + "]"
    return "{" + ", ".join(json.dumps(k, ensure_ascii=False) + ": " + as_json(v) for k, v in value.items()) + "}"


def as_cell(value):
    if value is None:
        return ""
    if isinstance(value, (bool, list, dict)):
        return as_json(value)
    return str(value)


def main(source, target):
    keys = {}
    with open(source, encoding="utf-8") as lines:
        for line in lines:
            keys.update(dict.fromkeys(load(line)))
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(keys)
        for line in lines:
            record = load(line)
            writer.writerow(as_cell(record.get(key)) for key in keys)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
