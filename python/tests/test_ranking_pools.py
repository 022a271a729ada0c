"""A ruleset with a 排名 and a 资金池 (tests/ranking_pool/ranking_pool.zc) in five steps —
keys per part, one ranking, claims per part with its places, one settlement a pool, results
per part with its places and shares — gives zc run's bytes for the whole input, however it
is cut; the amounts are the ones tests/ranking_pool/README.md works out by hand."""

import io
import json
import pickle

import pytest

import zhengce


def run_in_parts(ruleset, lines, cuts):
    bounds = list(zip([0] + cuts, cuts + [len(lines)]))
    parts = [(b"".join(lines[a:b]), a + 1) for a, b in bounds]
    keys = [pickle.loads(pickle.dumps(ruleset.rank_keys(data, first_line=first))) for data, first in parts]
    places = [pickle.loads(pickle.dumps(p)) for p in ruleset.settle_rankings(keys)]
    claims = [ruleset.pool_claims(data, first_line=first, places=p) for (data, first), p in zip(parts, places)]
    shares = [pickle.loads(pickle.dumps(s)) for s in ruleset.settle_pools(claims)]
    return b"".join(ruleset.evaluate_jsonl_settled(data, s, first_line=first, places=p)
                    for (data, first), p, s in zip(parts, places, shares))


@pytest.mark.parametrize("cuts", [[], [1], [2, 4], [1, 2, 3, 4, 5]])
def test_any_cut_is_zc_run(ranking_pool_library, ranking_pool_records, ranking_pool_zc_run, cuts):
    code, out, err = ranking_pool_zc_run(ranking_pool_records)
    assert code == 2, err  # the record X
    lines = ranking_pool_records.splitlines(keepends=True)
    with zhengce.Ruleset(ranking_pool_library) as ruleset:
        assert run_in_parts(ruleset, lines, cuts) == out


def test_the_hand_worked_amounts(ranking_pool_library, ranking_pool_records):
    with zhengce.Ruleset(ranking_pool_library) as ruleset:
        lines = ranking_pool_records.splitlines(keepends=True)
        rows = [json.loads(line) for line in run_in_parts(ruleset, lines, [3]).splitlines()]
    paid = {r["id"]: {a["clause"]: a["amount"] for a in r.get("awards", [])} for r in rows}
    assert paid == {"A": {"DY-1": "214285.72"}, "B": {"DY-1": "142857.14", "XS-1": "50000.00"}, "X": {},
                    "C": {"DY-1": "142857.14", "XS-1": "50000.00"}, "D": {"XS-1": "20000.00"}, "E": {}}


def test_without_places_the_claims_are_before_the_ranking(ranking_pool_library, ranking_pool_records):
    # No record gives a rank, so without places none is ranked and nothing is claimed.
    with zhengce.Ruleset(ranking_pool_library) as ruleset:
        [places] = ruleset.settle_rankings([ruleset.rank_keys(ranking_pool_records)])
        assert len(ruleset.pool_claims(ranking_pool_records)) == 0
        assert len(ruleset.pool_claims(ranking_pool_records, places=places)) == 6  # A, B, C on DY; B, C, D on XS


def test_places_for_another_number_of_records_are_refused(ranking_pool_library, ranking_pool_records):
    with zhengce.Ruleset(ranking_pool_library) as ruleset:
        [places] = ruleset.settle_rankings([ruleset.rank_keys(ranking_pool_records)])
        with pytest.raises(zhengce.ZhengceError, match="not for as many records"):
            ruleset.pool_claims(ranking_pool_records + b'{"id": "H"}\n', places=places)
        with pytest.raises(TypeError, match="part's bytes"):
            ruleset.pool_claims(io.BytesIO(ranking_pool_records), places=places)
