"""A ruleset with 排名s (tests/ranking/ranking.zc) in three steps — keys per part, one
ranking, results per part — gives zc run's bytes for the whole input, however it is cut;
the places are the ones tests/ranking/README.md works out by hand."""

import io
import pickle

import pytest

import zhengce

DY, BG = 0, 1  # 用电排名 (并列 全部入选), 项目排名 (并列 均不入选)


def run_in_parts(ruleset, lines, cuts):
    bounds = list(zip([0] + cuts, cuts + [len(lines)]))
    parts = [(b"".join(lines[a:b]), a + 1) for a, b in bounds]
    keys = [pickle.loads(pickle.dumps(ruleset.rank_keys(data, first_line=first))) for data, first in parts]
    places = [pickle.loads(pickle.dumps(p)) for p in ruleset.settle_rankings(keys)]
    return b"".join(ruleset.evaluate_jsonl_ranked(data, p, first_line=first) for (data, first), p in zip(parts, places))


def test_the_rankings_are_described(ranking_library, library):
    with zhengce.Ruleset(ranking_library) as ranked:
        assert [(r.index, r.name, r.policy, r.keys, r.descending, r.ties_all_in) for r in ranked.rankings] == [
            (0, "用电排名", "DY", ("年度用电量",), (True,), True),
            (1, "项目排名", "BG", ("项目得分", "申报日期"), (True, False), False)]
    with zhengce.Ruleset(library) as seed:
        assert seed.rankings == []


def test_the_hand_worked_places(ranking_library, ranking_records):
    with zhengce.Ruleset(ranking_library) as ranked:
        [places] = ranked.settle_rankings([ranked.rank_keys(ranking_records)])
        ids = "A B C D X E F G".split()
        assert {i: places.place(n, DY) for n, i in enumerate(ids)} == {
            "A": 2, "B": 1, "C": 2, "D": 0, "X": 0, "E": 5, "F": 2, "G": 6}
        assert {i: places.place(n, BG) for n, i in enumerate(ids)} == {
            "A": 3, "B": 1, "C": 2, "D": 6, "X": 0, "E": 6, "F": 7, "G": 6}


@pytest.mark.parametrize("cuts", [[], [1], [3, 5], [1, 2, 3, 4, 5, 6, 7]])
def test_any_cut_is_zc_run(ranking_library, ranking_records, ranking_zc_run, cuts):
    code, out, err = ranking_zc_run(ranking_records)
    assert code == 2, err  # the record X
    lines = ranking_records.splitlines(keepends=True)
    with zhengce.Ruleset(ranking_library) as ranked:
        assert run_in_parts(ranked, lines, cuts) == out


def test_places_for_another_number_of_records_are_refused(ranking_library, ranking_records):
    with zhengce.Ruleset(ranking_library) as ranked:
        [places] = ranked.settle_rankings([ranked.rank_keys(ranking_records)])
        with pytest.raises(zhengce.ZhengceError, match="not for as many records"):
            ranked.evaluate_jsonl_ranked(ranking_records + b'{"id": "H"}\n', places)


def test_evaluate_jsonl_alone_is_before_the_ranking(ranking_library):
    # One record alone brings its rank, or has none: the amounts before the ranking.
    with zhengce.Ruleset(ranking_library) as ranked:
        assert ranked.evaluate({"id": "A", "年度用电量": 500, "用电排名": 2})["awards"][0]["amount"] == 200000
        assert ranked.evaluate({"id": "A", "年度用电量": 500})["awards"] == []


@pytest.mark.parametrize("block_bytes", [5, 64, 1 << 20])
def test_a_file_read_a_block_at_a_time_is_zc_run(ranking_library, ranking_records, ranking_zc_run, tmp_path,
                                                 block_bytes):
    code, out, err = ranking_zc_run(ranking_records)
    assert code == 2, err
    path = tmp_path / "records.jsonl"
    path.write_bytes(ranking_records)
    with zhengce.Ruleset(ranking_library) as ranked:
        [places] = ranked.settle_rankings([ranked.rank_keys(path, block_bytes=block_bytes)])
        with open(path, "rb") as f:
            assert b"".join(ranked.evaluate_jsonl_ranked(f, places, block_bytes=block_bytes)) == out
        assert b"".join(ranked.evaluate_jsonl_ranked(str(path), places, block_bytes=block_bytes)) == out
        with pytest.raises(zhengce.ZhengceError, match="not for as many records"):
            b"".join(ranked.evaluate_jsonl_ranked(io.BytesIO(ranking_records[:-1] + b"\n{\"id\": \"H\"}\n"),
                                                  places, block_bytes=block_bytes))
