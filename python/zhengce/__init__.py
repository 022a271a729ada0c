"""Rulesets compiled by `zc build`, from Python.

    from decimal import Decimal
    import zhengce

    with zhengce.Ruleset("libseed.so") as seed:
        result = seed.evaluate({"id": "E1", "区县": "昌江区", "营业收入": Decimal("494136.29")})
        result["total_enterprise"]            # Decimal('422306.27')
        seed.evaluate_frame(frame)            # a pandas DataFrame, one row per award
        for block in seed.evaluate_jsonl(open("records.jsonl", "rb")):
            ...                               # the bytes zc run writes, a block at a time
"""

from ._version import __version__
from .errors import ParameterError, RecordError, ZhengceError
from .ruleset import Clause, Errors, Ruleset, Value

__all__ = ["Clause", "Errors", "ParameterError", "RecordError", "Ruleset", "Value", "ZhengceError", "__version__"]
