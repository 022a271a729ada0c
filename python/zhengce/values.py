"""Python values as the text a record or a parameter is written in, exactly:
a Decimal or an int by its digits, a date as YYYY-MM-DD, never through a float."""

from __future__ import annotations

import datetime
import json
import math
import numbers
from decimal import Decimal
from typing import Any, Mapping, Union

# What a record's field or a parameter may be given as.
Value = Union[None, bool, int, Decimal, str, datetime.date, list, dict]


def _number_text(value: Decimal, where: str) -> str:
    if not value.is_finite():
        raise ValueError(f"{where}: {value} is not a number a record can hold")
    # Fixed point, never an exponent: Decimal("1E+3") is 1000.
    return format(value, "f")


def _missing(value: Any) -> bool:
    # pandas writes a missing cell as NaN, None, NaT or NA.
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in ("NaTType", "NAType")


def _is_flag(value: Any) -> bool:
    return isinstance(value, bool) or getattr(getattr(value, "dtype", None), "kind", None) == "b"


def json_value(value: Any, where: str) -> str:
    """The JSON text of one value; `where` names it in an error ("field 营业收入")."""
    if _missing(value):
        return "null"
    if _is_flag(value):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _number_text(value, where)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        # Exact: pandas turns a column of whole numbers with a gap in it into floats.
        return str(int(value))
    if isinstance(value, float):
        raise TypeError(f"{where}: {value!r} is a binary float, which may not hold the amount exactly; "
                        f"give a Decimal, an int or the number's text (str)")
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time(0) or value.tzinfo is not None:
            raise TypeError(f"{where}: {value!r} has a time of day; a record's dates are days (datetime.date)")
        return json.dumps(value.date().isoformat())
    if isinstance(value, datetime.date):
        return json.dumps(value.isoformat())
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return record_json(value, where + " ")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(json_value(v, f"{where} entry {i + 1}") for i, v in enumerate(value)) + "]"
    raise TypeError(f"{where}: a {type(value).__name__} is not a value a record can hold "
                    f"(give Decimal, int, str, bool, datetime.date, a list or a dict)")


def record_json(record: Mapping[str, Any], where: str = "") -> str:
    """One record (a mapping of field names to values) as one line of JSON."""
    members = []
    for key, value in record.items():
        if not isinstance(key, str):
            raise TypeError(f"{where}field names are text, not {key!r}")
        members.append(json.dumps(key, ensure_ascii=False) + ": " + json_value(value, f"{where}field {key}"))
    return "{" + ", ".join(members) + "}"


def param_text(name: str, value: Any) -> str:
    """A parameter's value as `zc run --param NAME=VALUE` reads it."""
    where = f"parameter {name}"
    if isinstance(value, str):
        return value
    if _missing(value):
        raise TypeError(f"{where}: has no value (None)")
    text = json_value(value, where)
    return json.loads(text) if text.startswith('"') else text


def _amounts_as_decimals(key: str, value: Any) -> Any:
    if isinstance(value, str) and (key == "amount" or key.startswith("total_")):
        return Decimal(value)
    return value


def parse_result(line: Union[bytes, str]) -> dict:
    """One row zc run writes, its amounts and totals as Decimal (null stays None)."""
    def hook(pairs: list) -> dict:
        return {k: _amounts_as_decimals(k, v) for k, v in pairs}
    return json.loads(line, object_pairs_hook=hook)
