"""evaluate_frame with Debian's pandas: the awards and totals zc run writes, as frames."""

import json
from decimal import Decimal

import pandas
import pytest

import zhengce


def frame_of(records):
    # Numbers as Decimal from their text; a field a record does not give is NaN.
    return pandas.DataFrame([json.loads(line, parse_float=Decimal) for line in records.splitlines()])


def expected_rows(expected):
    return [zhengce.values.parse_result(line) for line in expected.splitlines()]


def test_long_frame_is_one_row_per_award(library, records, expected):
    with zhengce.Ruleset(library) as seed:
        long = seed.evaluate_frame(frame_of(records))
    want = [{"id": r["id"], **award} for r in expected_rows(expected) for award in r["awards"]]
    assert list(long.columns) == ["id", "clause", "beneficiary", "amount", "manual"]
    assert long.to_dict("records") == want
    assert all(isinstance(a, Decimal) for a in long["amount"] if a is not None)


def test_long_frame_names_the_payer_where_a_clause_does(pool_library, pool_records):
    # tests/pool/pool.zc: P-1 and Q-1 are paid from 市级 money, P-2 from 区级 (before the pools settle).
    lines = [line for line in pool_records.decode().splitlines() if '"abc"' not in line]
    with zhengce.Ruleset(pool_library) as pooled:
        long = pooled.evaluate_frame(frame_of("\n".join(lines)))
    assert list(long.columns) == ["id", "clause", "beneficiary", "payer", "amount", "manual"]
    assert {(c, p) for c, p in zip(long["clause"], long["payer"])} == {("P-1", "市级"), ("Q-1", "市级"), ("P-2", "区级")}


def test_wide_frame_is_one_row_per_record(library, records, expected):
    with zhengce.Ruleset(library) as seed:
        wide = seed.evaluate_frame(frame_of(records), shape="wide")
        clauses = [c.id for c in seed.clauses]
    rows = expected_rows(expected)
    assert list(wide.index) == [r["id"] for r in rows]
    assert list(wide.columns) == clauses + ["total_enterprise", "total_park"]
    for r in rows:
        paid = {c: Decimal(0) for c in clauses}
        for award in r["awards"]:
            paid[award["clause"]] += award["amount"] or 0
        row = wide.loc[r["id"]]
        assert {c: row[c] for c in clauses} == paid
        assert row["total_enterprise"] == r["total_enterprise"] and row["total_park"] == r["total_park"]
        assert sum(row[c] for c in clauses) == r["total_enterprise"] + r["total_park"]


def test_a_bad_row_raises_or_is_kept(library, records, zc_run):
    frame = frame_of(records).head(3)
    frame.loc[1, "营业收入"] = "abc"
    with zhengce.Ruleset(library) as seed:
        with pytest.raises(zhengce.RecordError) as raised:
            seed.evaluate_frame(frame)
        assert raised.value.field == "营业收入"
        kept = seed.evaluate_frame(frame, shape="wide", errors="row")
        assert kept["error"].notna().tolist() == [False, True, False]
        assert kept.loc[frame.loc[1, "id"], "error"] == raised.value.message


def test_a_float_column_is_refused(library):
    with zhengce.Ruleset(library) as seed:
        with pytest.raises(TypeError, match="row 1 of the frame: field 营业收入"):
            seed.evaluate_frame(pandas.DataFrame({"id": ["E-1"], "营业收入": [1.5]}))
