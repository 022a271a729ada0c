"""Rulesets compiled by `zc build`, from Python.

    from decimal import Decimal
    import zhengce

    with zhengce.Ruleset("libseed.so") as seed:
        result = seed.evaluate({"id": "E1", "区县": "昌江区", "营业收入": Decimal("494136.29")})
        result["total_enterprise"]            # Decimal('422306.27')
        seed.evaluate_frame(frame)            # a pandas DataFrame, one row per award
        for block in seed.evaluate_jsonl(open("records.jsonl", "rb")):
            ...                               # the bytes zc run writes, a block at a time

A ruleset with a 资金池 (seed.pools) runs over the parts of its input in three steps
(zhengce.pools): pool_claims per part, settle_pools once, evaluate_jsonl_settled per part.
"""

from ._version import __version__
from .errors import ParameterError, RecordError, ZhengceError
from .pools import Pool, PoolClaims, PoolShares
from .rankings import Ranking, RankKeys, RankPlaces
from .ruleset import Clause, Errors, FilePart, Ruleset, Value

__all__ = ["Clause", "Errors", "FilePart", "ParameterError", "Pool", "PoolClaims", "PoolShares", "RankKeys",
           "RankPlaces", "Ranking", "RecordError", "Ruleset", "Value", "ZhengceError", "__version__"]
