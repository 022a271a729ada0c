"""A ruleset with 资金池s (tests/pool/pool.zc) in three steps — claims per part, one
settlement, results per part — gives zc run's bytes for the whole input, however it is cut;
the amounts are the ones tests/pool/README.md works out by hand."""

import io
import pickle
from decimal import Decimal

import pytest

import zhengce

P, Q = 0, 1  # P: 按比例 over the parameter 技改预算; Q: 100 元 按顺序 申报日期


def whole_input(pool_records):
    """The population three times under new ids, as lines (each ending in a line feed), with
    a byte order mark on line 1, CRLF, a blank line, a bad record in every copy, and a line
    that starts with a byte order mark later on — a bad record for zc run."""
    lines = []
    for copy in range(3):
        for line in pool_records.splitlines(keepends=True):
            lines.append(line.replace(b'"id": "', f'"id": "{copy}-'.encode()))
    lines[0] = b"\xef\xbb\xbf" + lines[0]
    lines[3] = lines[3].replace(b"\n", b"\r\n")
    lines.insert(7, b"\n")
    lines.insert(10, b"\xef\xbb\xbf" + '{"id": "BOM", "投资额": 500}\n'.encode("utf-8"))
    return lines


def run_in_parts(ruleset, lines, cuts, **kwargs):
    """The three steps over lines cut before the given line indexes: the parts' outputs joined."""
    bounds = list(zip([0] + cuts, cuts + [len(lines)]))
    parts = [(b"".join(lines[a:b]), a + 1) for a, b in bounds]
    claims = [ruleset.pool_claims(data, first_line=first) for data, first in parts]
    shares = ruleset.settle_pools(claims)
    return b"".join(ruleset.evaluate_jsonl_settled(data, s, first_line=first, **kwargs)
                    for (data, first), s in zip(parts, shares))


def test_the_pools_are_described(pool_library, library):
    with zhengce.Ruleset(pool_library) as pooled:
        assert [(p.index, p.name, p.policy, p.clauses, p.pro_rata, p.order_field) for p in pooled.pools] == [
            (0, "P 资金池", "P", ("P-1",), True, None), (1, "Q 资金池", "Q", ("Q-1",), False, "申报日期")]
        assert pooled.pool_amount(P) == Decimal("100.01")  # 0.010001 万元
        assert pooled.pool_amount(pooled.pools[Q]) == Decimal("100.00")
        pooled.set_param("技改预算", "1 万元")
        assert pooled.pool_amount(P) == Decimal("10000.00")
        with pytest.raises(ValueError, match="no pool 2"):
            pooled.pool_amount(2)
    with zhengce.Ruleset(library) as seed:
        assert seed.pools == []


def test_one_part_is_zc_run_and_the_hand_worked_amounts(pool_library, pool_records, pool_zc_run):
    code, out, err = pool_zc_run(pool_records)
    assert code == 2, err  # the record "bad"
    with zhengce.Ruleset(pool_library) as pooled:
        claims = pooled.pool_claims(pool_records)
        assert claims.asked(P) == [Decimal("100.00"), Decimal("200.00"), Decimal("100.00")]  # A, B, C
        assert claims.asked(Q) == [Decimal("40.00")] * 3
        assert claims.keys(P) == [0, 0, 0]
        assert claims.keys(Q)[1] == claims.keys(Q)[2] == claims.keys(Q)[0] - 1  # 2024-03-01, 03-01, 03-02
        [shares] = pooled.settle_pools([claims])
        assert shares.granted(P) == [Decimal("25.00"), Decimal("50.01"), Decimal("25.00")]
        assert shares.granted(Q) == [Decimal("20.00"), Decimal("40.00"), Decimal("40.00")]
        settled = pooled.evaluate_jsonl_settled(pool_records, shares)
        assert settled == out
        # Without the pools, the awards asked: not zc run's, so the test above could fail.
        assert pooled.evaluate_jsonl(pool_records) != out


@pytest.mark.parametrize("params, args", [({}, ()), ({"技改预算": "0.010002 万元"}, ("--param", "技改预算=0.010002")),
                                          ({"技改预算": Decimal(1)}, ("--param", "技改预算=1"))])
def test_parts_joined_are_zc_runs_bytes_for_the_whole(pool_library, pool_records, pool_zc_run, params, args):
    lines = whole_input(pool_records)
    code, out, err = pool_zc_run(b"".join(lines), *args)
    assert code == 2, err
    assert out.count(b'"error"') == 4  # the three "bad" and the late byte order mark
    with zhengce.Ruleset(pool_library, params=params) as pooled:
        for cuts in ([], [1], [4, 9, 10, 15], list(range(1, len(lines)))):
            assert run_in_parts(pooled, lines, cuts) == out, cuts


def test_a_part_read_a_block_at_a_time(pool_library, pool_records, pool_zc_run):
    lines = whole_input(pool_records)
    _, out, _ = pool_zc_run(b"".join(lines))
    with zhengce.Ruleset(pool_library) as pooled:
        first, rest = b"".join(lines[:10]), b"".join(lines[10:])
        whole = [pooled.pool_claims(first), pooled.pool_claims(rest, first_line=11)]
        shares = pooled.settle_pools(whole)
        for block_bytes in (1, 50, 1 << 20):
            streamed = pooled.pool_claims(io.BytesIO(rest), first_line=11, block_bytes=block_bytes)
            assert streamed == whole[1]
            blocks = list(pooled.evaluate_jsonl_settled(io.BytesIO(rest), shares[1], first_line=11,
                                                        block_bytes=block_bytes))
            assert pooled.evaluate_jsonl_settled(first, shares[0]) + b"".join(blocks) == out
            assert len(blocks) > 1 or block_bytes > len(rest)


def test_claims_and_shares_pickle(pool_library, pool_records):
    # Dask ships them between the steps.
    with zhengce.Ruleset(pool_library) as pooled:
        claims = pooled.pool_claims(pool_records)
        shares = pooled.settle_pools([claims])
        assert pickle.loads(pickle.dumps(claims)) == claims
        assert pickle.loads(pickle.dumps(shares)) == shares
        assert pooled.evaluate_jsonl_settled(pool_records, pickle.loads(pickle.dumps(shares[0]))) == \
            pooled.evaluate_jsonl_settled(pool_records, shares[0])


def test_shares_of_another_part_are_refused(pool_library, pool_records):
    lines = pool_records.splitlines(keepends=True)
    a, d = lines[0], lines[4]  # A claims on both pools, D on neither
    with zhengce.Ruleset(pool_library) as pooled:
        shares = pooled.settle_pools([pooled.pool_claims(a), pooled.pool_claims(d)])
        with pytest.raises(zhengce.ZhengceError, match="claim more of a pool than the shares") as fewer:
            pooled.evaluate_jsonl_settled(a, shares[1])
        assert fewer.value.status == 4
        with pytest.raises(zhengce.ZhengceError, match="P 资金池: 1 shares were given") as more:
            pooled.evaluate_jsonl_settled(d, shares[0])
        assert more.value.status == 4
        with pytest.raises(zhengce.ZhengceError, match="another part's"):
            b"".join(pooled.evaluate_jsonl_settled(io.BytesIO(d), shares[0]))
        with pytest.raises(TypeError, match="settle_pools"):
            pooled.evaluate_jsonl_settled(a, [[Decimal(25)]])
        with pytest.raises(TypeError, match="part 1"):
            pooled.settle_pools([[]])


def test_a_pool_too_large_is_named(pool_library, pool_records):
    with zhengce.Ruleset(pool_library, params={"技改预算": "100000000000000000 万元"}) as pooled:
        claims = pooled.pool_claims(pool_records)
        with pytest.raises(zhengce.ZhengceError, match="P 资金池: the pool's amount cannot be paid out") as raised:
            pooled.settle_pools([claims])
        assert raised.value.status == 3


def test_a_ruleset_without_pools_runs_the_steps_too(library, records, expected):
    with zhengce.Ruleset(library) as seed:
        claims = seed.pool_claims(records)
        assert len(claims) == 0
        [shares] = seed.settle_pools([claims])
        assert seed.evaluate_jsonl_settled(records, shares) == expected
