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
        with pytest.raises(zhengce.ZhengceError, match="not for as many records"):
            ruleset.pool_claims(io.BytesIO(ranking_pool_records + b'{"id": "H"}\n'), places=places, block_bytes=16)
        shares = ruleset.settle_pools([ruleset.pool_claims(ranking_pool_records, places=places)])
        with pytest.raises(zhengce.ZhengceError, match="not for as many records"):
            fewer = b"".join(ranking_pool_records.splitlines(keepends=True)[:-1])  # places for one more
            b"".join(ruleset.evaluate_jsonl_settled(io.BytesIO(fewer), shares[0], places=places, block_bytes=16))


def run_from_files(ruleset, data, cuts, tmp_path, block_bytes):
    """The five steps over parts given as files read a few bytes a block: the first part as a
    path, the others as open files."""
    lines = data.splitlines(keepends=True)
    bounds = list(zip([0] + cuts, cuts + [len(lines)]))
    paths = []
    for n, (a, b) in enumerate(bounds):
        paths.append((tmp_path / f"part{n}.jsonl", a + 1))
        paths[-1][0].write_bytes(b"".join(lines[a:b]))

    def part(n):
        return str(paths[n][0]) if n == 0 else open(paths[n][0], "rb")

    def each(step):
        out = []
        for n, (_, first) in enumerate(paths):
            source = part(n)
            try:
                out.append(step(n, source, first))
            finally:
                if n > 0:
                    source.close()
        return out

    keys = each(lambda n, source, first: ruleset.rank_keys(source, first_line=first, block_bytes=block_bytes))
    places = ruleset.settle_rankings(keys)
    claims = each(lambda n, source, first: ruleset.pool_claims(source, first_line=first, block_bytes=block_bytes,
                                                               places=places[n]))
    shares = ruleset.settle_pools(claims)
    return b"".join(each(lambda n, source, first: b"".join(ruleset.evaluate_jsonl_settled(
        source, shares[n], first_line=first, block_bytes=block_bytes, places=places[n]))))


@pytest.mark.parametrize("cuts", [[], [2, 4]])
@pytest.mark.parametrize("block_bytes", [7, 100, 1 << 20])
def test_places_with_files_read_a_block_at_a_time_are_zc_run(ranking_pool_library, ranking_pool_records,
                                                             ranking_pool_zc_run, tmp_path, cuts, block_bytes):
    # Blank lines, a CRLF line end and a byte order mark: lines that are no record, or one
    # with its end trimmed, so each block's places are as many as the library reads records.
    lines = ranking_pool_records.splitlines(keepends=True)
    data = b"\xef\xbb\xbf" + lines[0] + b"\n  \t\n" + lines[1].replace(b"\n", b"\r\n") + b"".join(lines[2:]) + b"\r\n"
    code, out, err = ranking_pool_zc_run(data)
    assert code == 2, err
    assert "blank line" in err
    with zhengce.Ruleset(ranking_pool_library) as ruleset:
        assert run_from_files(ruleset, data, cuts, tmp_path, block_bytes) == out
