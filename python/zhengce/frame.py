"""Records in a pandas DataFrame (a column a field) evaluated at JSON Lines speed."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, List, Literal

from .values import record_json

if TYPE_CHECKING:
    import pandas

    from .ruleset import Errors, Ruleset


def evaluate_frame(ruleset: "Ruleset", frame: "pandas.DataFrame", *, shape: Literal["long", "wide"] = "long",
                   errors: "Errors" = "raise") -> "pandas.DataFrame":
    """Evaluates every row of `frame` (its columns are field names; a missing cell, NaN or
    None, leaves the field to its default) and returns

    - shape="long": one row per award: id, clause, [item,] beneficiary, [payer,] amount
      (Decimal, or None for an eligibility-only or case-by-case clause), manual — in record
      order, each record's awards in zc run's order; a record without an award has no row. The
      item and payer columns are there when an award has one, as in zc run's CSV (payer None
      for a clause that names no 出资方);
    - shape="wide": one row per record, indexed by id: a column per clause of the ruleset
      holding what it paid (Decimal; 0 where it paid nothing; items added up), then a total
      column per beneficiary (total_enterprise, …).

    With errors="row", a record that could not be read is kept: a long frame gets one row
    with its id and `error`, a wide one an `error` column (None where the record was read);
    clause errors are in `error` too. With errors="raise" (the default), the first such
    record raises RecordError."""
    import pandas

    columns = [str(c) for c in frame.columns]
    records = (dict(zip(columns, row)) for row in frame.itertuples(index=False, name=None))
    lines = []
    for position, record in enumerate(records):
        try:
            lines.append(record_json(record))
        except (TypeError, ValueError) as e:
            raise type(e)(f"row {position + 1} of the frame: {e}") from None
    results = ruleset._evaluate_lines(lines, errors)
    if shape == "wide":
        return _wide(ruleset, results, pandas)
    if shape != "long":
        raise ValueError(f"shape is 'long' or 'wide', not {shape!r}")
    return _long(results, errors, pandas)


def _error_text(result: dict) -> Any:
    if "error" in result:
        return result["error"]
    if result.get("errors"):
        return "; ".join(f"{e['clause']}: {e['message']}" for e in result["errors"])
    return None


def _long(results: List[dict], errors: "Errors", pandas: Any) -> "pandas.DataFrame":
    per_item = any("item" in award for result in results for award in result.get("awards", ()))
    payers = any("payer" in award for result in results for award in result.get("awards", ()))
    names = (["id", "clause"] + (["item"] if per_item else []) + ["beneficiary"] + (["payer"] if payers else [])
             + ["amount", "manual"])
    if errors == "row":
        names.append("error")
    rows = []
    for result in results:
        error = _error_text(result)
        if "error" in result:
            rows.append({"id": result.get("id"), "error": error})
            continue
        for award in result["awards"]:
            row = {"id": result["id"], **award}
            if errors == "row":
                row["error"] = error
            rows.append(row)
    frame = pandas.DataFrame(rows, columns=names)
    return frame.astype({"amount": object})


def _wide(ruleset: "Ruleset", results: List[dict], pandas: Any) -> "pandas.DataFrame":
    clauses = [c.id for c in ruleset.clauses]
    rows = []
    for result in results:
        row: dict = {"id": result.get("id")}
        if "error" not in result:
            for clause in clauses:
                row[clause] = Decimal(0)
            for award in result["awards"]:
                if award["amount"] is not None:
                    row[award["clause"]] += award["amount"]
            row.update({k: v for k, v in result.items() if k.startswith("total_")})
        row["error"] = _error_text(result)
        rows.append(row)
    totals = list(dict.fromkeys(k for r in results for k in r if k.startswith("total_")))
    frame = pandas.DataFrame(rows, columns=["id"] + clauses + totals + ["error"])
    if frame["error"].isna().all():
        frame = frame.drop(columns=["error"])
    return frame.set_index("id")
