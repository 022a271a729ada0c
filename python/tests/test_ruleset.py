"""zhengce.Ruleset over the seed library: the bytes and values zc run gives, exact
Decimal amounts, errors raised where they happen, streams read a block at a time."""

import datetime
import io
import json
import threading
from decimal import Decimal

import pytest

import zhengce

SOURCE_FOLDER = "/python/zhengce"


def decimal_results(data):
    return [zhengce.values.parse_result(line) for line in data.splitlines()]


def test_installed_not_imported_from_the_source_folder(version):
    # ctest runs this in an environment the package was installed into with pip.
    assert SOURCE_FOLDER not in zhengce.__file__.replace("\\", "/"), zhengce.__file__
    assert zhengce.__version__ == version


def test_description_and_version(library, version):
    with zhengce.Ruleset(library) as seed:
        assert seed.zc_version == version
        assert len(seed.source_hash) == 64
        assert "CJ-Q-6" in [c.id for c in seed.clauses]
        assert all(c.source and c.beneficiary for c in seed.clauses)
        fields = {f.name: f for f in seed.fields}
        assert fields["营业收入"].unit == "万元"
        assert "美元汇率" in [p.name for p in seed.params]


def test_jsonl_bytes_are_what_zc_run_writes(library, records, expected):
    with zhengce.Ruleset(library) as seed:
        assert seed.evaluate_jsonl(records) == expected


def test_records_give_decimal_amounts(library, records, expected):
    # Every number of the record as a Decimal, from its own text.
    with zhengce.Ruleset(library) as seed:
        inputs = [json.loads(line, parse_float=Decimal) for line in records.splitlines()]
        results = seed.evaluate_many(inputs)
        assert results == decimal_results(expected)
        awarded = [r for r in results if r["awards"]][0]
        assert isinstance(awarded["awards"][0]["amount"], Decimal)
        assert isinstance(awarded["total_enterprise"], Decimal)
        assert seed.evaluate(inputs[0]) == results[0]


def test_int_str_and_date_inputs(library, zc_run):
    record = {"id": "XJ-1", "省": "新疆维吾尔自治区", "专精特新认定": "专精特新小巨人",
              "认定日期": datetime.date(2023, 1, 1), "营业收入": 12000, "上年营业收入": "10000.50"}
    as_text = dict(record, 认定日期="2023-01-01")
    code, out, err = zc_run((json.dumps(as_text, ensure_ascii=False) + "\n").encode("utf-8"))
    assert code == 0, err
    with zhengce.Ruleset(library) as seed:
        result = seed.evaluate(record)
        assert result == zhengce.values.parse_result(out)
        assert result["awards"], "the record should be paid by XJ-Y"
        # A pandas Timestamp at midnight is a date too.
        assert seed.evaluate(dict(record, 认定日期=datetime.datetime(2023, 1, 1))) == result


def test_a_float_is_refused_with_its_field(library):
    with zhengce.Ruleset(library) as seed:
        with pytest.raises(TypeError, match="field 营业收入: 0.1 is a binary float"):
            seed.evaluate({"id": "E-F", "营业收入": 0.1})


def test_a_bad_record_raises_record_error(library, zc_run):
    bad = {"id": "E-BAD", "营业收入": "abc"}
    code, out, _ = zc_run((json.dumps(bad, ensure_ascii=False) + "\n").encode("utf-8"))
    assert code == 2
    row = json.loads(out)
    with zhengce.Ruleset(library) as seed:
        with pytest.raises(zhengce.RecordError) as raised:
            seed.evaluate(bad)
        assert raised.value.id == "E-BAD"
        assert raised.value.field == "营业收入"
        assert raised.value.message == row["error"]
        assert "record E-BAD: field 营业收入" in str(raised.value)
        # Asked for error rows: zc run's row.
        assert seed.evaluate(bad, errors="row") == row
        # Many records: the others are evaluated, and the first bad one raises.
        rows = seed.evaluate_many([{"id": "E-OK"}, bad], errors="row")
        assert rows[0]["id"] == "E-OK" and "error" in rows[1]
        with pytest.raises(zhengce.RecordError):
            seed.evaluate_many([{"id": "E-OK"}, bad])


def test_a_bad_parameter_raises_when_it_is_set(library, records, expected):
    with pytest.raises(zhengce.ParameterError) as raised:
        zhengce.Ruleset(library, params={"没有这个参数": "1"})
    assert raised.value.name == "没有这个参数"
    with pytest.raises(zhengce.ParameterError, match="美元汇率: -1 is outside the range"):
        zhengce.Ruleset(library, params={"美元汇率": Decimal("-1")})
    with zhengce.Ruleset(library) as seed:
        with pytest.raises(zhengce.ParameterError):
            seed.set_param("美元汇率", -1)
        assert seed.evaluate_jsonl(records) == expected  # a refused value changes nothing
        seed.set_param("美元汇率", Decimal("14.4"))
        assert seed.evaluate_jsonl(records) != expected


def test_a_parameter_gives_what_zc_run_gives(library, records, zc_run):
    code, out, err = zc_run(records, "--param", "美元汇率=7.3")
    assert code in (0, 2), err
    with zhengce.Ruleset(library, params={"美元汇率": "7.3 元/美元"}) as seed:
        assert seed.evaluate_jsonl(records) == out
    # Set in one thread, it holds in the evaluators of others.
    with zhengce.Ruleset(library) as seed:
        seed.evaluate_jsonl(records)
        seed.set_param("美元汇率", Decimal("7.3"))
        got = []
        thread = threading.Thread(target=lambda: got.append(seed.evaluate_jsonl(records)))
        thread.start()
        thread.join()
        assert got == [out]


def test_context_manager_closes(library):
    with zhengce.Ruleset(library) as seed:
        seed.evaluate({"id": "E-1"})
    with pytest.raises(zhengce.ZhengceError, match="closed"):
        seed.evaluate({"id": "E-1"})


class CountingReader(io.BytesIO):
    """A file that records the largest read and how far it has been read."""

    def __init__(self, data):
        super().__init__(data)
        self.largest = 0

    def read(self, size=-1):
        assert size is not None and size > 0, "the whole file was asked for"
        self.largest = max(self.largest, size)
        return super().read(size)


def test_streams_give_zc_runs_bytes_and_line_numbers(library, records, zc_run):
    # Error rows far into the stream, a byte order mark, CRLF, blank lines, a lone CR:
    # each row names the line zc run names.
    lines = records.splitlines(keepends=True)
    data = b"\xef\xbb\xbf" + b"".join(lines[:10]) + b"\n\n" + lines[10].replace(b"\n", b"\r\n") + \
        '{"id": "E-BAD", "营业收入": "abc"}\n'.encode("utf-8") + b"".join(lines[11:30]) + b"{not json\n" + \
        lines[30].replace(b"\n", b"\r") + b"".join(lines[31:]) + b'{"id": "E-LAST"}'
    code, out, err = zc_run(data)
    assert code == 2, err
    with zhengce.Ruleset(library) as seed:
        for block_bytes in (1, 700, 4096, 1 << 20):
            source = CountingReader(data)
            blocks = seed.evaluate_jsonl(source, block_bytes=block_bytes)
            assert b"".join(blocks) == out, block_bytes
            assert source.largest == block_bytes


def test_a_stream_is_not_read_whole(library, records):
    data = records * 50
    with zhengce.Ruleset(library) as seed:
        source = CountingReader(data)
        blocks = seed.evaluate_jsonl(source, block_bytes=4096)
        first = next(blocks)
        assert first and source.tell() < len(data) // 10
        rest = b"".join(blocks)
        assert (first + rest).count(b"\n") == data.count(b"\n")


def test_hostile_lines_are_rows(library, zc_run):
    # Broken lines, and nesting a recursive parser would follow off the end of the stack.
    hostile = b'{"id": \n[1, 2]\n' + b'{"id": "E-DEEP", "x": ' + b"[" * 1000000 + b"\n" + \
        b'{"id": "E-DEEP2", "x": ' + b"[" * 2000 + b"]" * 2000 + b"}\n"
    code, out, err = zc_run(hostile)
    assert code == 2, err
    with zhengce.Ruleset(library) as seed:
        got = seed.evaluate_jsonl(hostile)
    assert got == out
    assert got.count(b'"error"') == 4


def test_threads_share_a_ruleset(library, records, expected):
    with zhengce.Ruleset(library) as seed:
        outputs = []
        threads = [threading.Thread(target=lambda: outputs.append(seed.evaluate_jsonl(records))) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert outputs == [expected] * 4


def test_a_later_part_keeps_its_line_numbers(library, records, zc_run):
    # Lines 11 on, given with first_line=11, give the rows zc run gives them in the whole input.
    data = b"\n".join(records.splitlines()[:10]) + '\n{"id": "E-BAD", "营业收入": "abc"}\n'.encode("utf-8") + \
        b'\xef\xbb\xbf{"id": "E-BOM"}\n'
    code, out, _ = zc_run(data)
    assert code == 2
    later = data.split(b"\n", 10)[10]
    with zhengce.Ruleset(library) as seed:
        assert seed.evaluate_jsonl(later, first_line=11) == b"".join(out.splitlines(keepends=True)[10:])
        assert b"".join(seed.evaluate_jsonl(io.BytesIO(later), first_line=11)) == \
            b"".join(out.splitlines(keepends=True)[10:])
