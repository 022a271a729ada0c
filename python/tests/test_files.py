"""Ruleset.jsonl_file_part and Ruleset.evaluate_jsonl_file (zhengce_jsonl_file_part and
zhengce_evaluate_jsonl_file): the library reads the input file and writes the output file
itself. A file cut at any byte offsets, each part numbered by the lines of the parts before
it, gives zc run's bytes, error rows' line numbers included."""

import os

import pytest

import zhengce


def hostile(records):
    """The records with what moves line numbers about: a byte order mark, blank lines, CRLF, a
    lone CR, a line that is not JSON, a bad field, and a last line without its LF."""
    lines = records.splitlines(keepends=True)
    return b"\xef\xbb\xbf" + b"".join(lines[:10]) + b"\n\n" + lines[10].replace(b"\n", b"\r\n") + \
        '{"id": "E-BAD", "营业收入": "abc"}\n'.encode("utf-8") + b"".join(lines[11:30]) + b"{not json\n" + \
        lines[30].replace(b"\n", b"\r") + b"".join(lines[31:]) + b'{"id": "E-LAST"}'


def evaluate_in_parts(seed, source, output, cuts):
    """Cuts the file at `cuts`, finds each part's lines, then evaluates each part into its own
    file numbered by the parts before it: the parts' rows joined, and the rows they counted."""
    parts = [seed.jsonl_file_part(source, start, end) for start, end in zip(cuts, cuts[1:] + [None])]
    rows, count, line = b"", 0, 1
    for i, part in enumerate(parts):
        name = f"{output}.{i}"
        count += seed.evaluate_jsonl_file(source, name, start=part.begin, end=part.end, first_line=line)
        with open(name, "rb") as f:
            rows += f.read()
        os.remove(name)
        line += part.lines
    return rows, count


def test_a_file_gives_zc_runs_bytes(library, records, zc_run, tmp_path):
    data = hostile(records)
    code, out, err = zc_run(data)
    assert code == 2, err
    source, output = tmp_path / "records.jsonl", tmp_path / "results.jsonl"
    source.write_bytes(data)
    with zhengce.Ruleset(library) as seed:
        assert seed.evaluate_jsonl_file(source, output) == out.count(b"\n")
        assert output.read_bytes() == out
        part = seed.jsonl_file_part(source)
        assert part == zhengce.FilePart(0, len(data), data.count(b"\n") + 1)


def test_parts_cut_anywhere_give_zc_runs_bytes(library, records, zc_run, tmp_path):
    data = hostile(records)
    _, out, _ = zc_run(data)
    source = tmp_path / "records.jsonl"
    source.write_bytes(data)
    size = len(data)
    cuttings = [
        [0, 1, 2, 3, 4],                                     # inside the byte order mark, and a part with no line
        [0, size // 3, 2 * size // 3],                       # mid-line, as run_on_dask.py cuts
        [0] + [i for i in range(1, size) if data[i - 1:i] == b"\n"],  # at every line start: one part a line
        [0] + list(range(7, size, 97)),                      # everywhere, many parts empty
        [0, size - 1, size, size + 10],                      # into the last line, at the end and past it
    ]
    with zhengce.Ruleset(library) as seed:
        for cuts in cuttings:
            rows, count = evaluate_in_parts(seed, source, tmp_path / "out", cuts)
            assert rows == out, cuts[:6]
            assert count == out.count(b"\n")


def test_files_that_cannot_be_used_are_named(library, records, tmp_path):
    source = tmp_path / "records.jsonl"
    source.write_bytes(records)
    with zhengce.Ruleset(library) as seed:
        with pytest.raises(zhengce.ZhengceError, match="missing.jsonl: cannot be read"):
            seed.evaluate_jsonl_file(tmp_path / "missing.jsonl", tmp_path / "out.jsonl")
        with pytest.raises(zhengce.ZhengceError, match="missing.jsonl: cannot be read"):
            seed.jsonl_file_part(tmp_path / "missing.jsonl")
        with pytest.raises(zhengce.ZhengceError, match="no-folder/out.jsonl: cannot be written"):
            seed.evaluate_jsonl_file(source, tmp_path / "no-folder" / "out.jsonl")
        with pytest.raises(zhengce.ZhengceError, match="would overwrite the input"):
            seed.evaluate_jsonl_file(source, source)
        assert source.read_bytes() == records
        with pytest.raises(zhengce.ZhengceError, match="not a regular file"):
            seed.evaluate_jsonl_file(tmp_path, tmp_path / "out.jsonl")
        os.mkfifo(tmp_path / "pipe")  # no writer: opening it to wait for one would hang
        with pytest.raises(zhengce.ZhengceError, match="not a regular file"):
            seed.jsonl_file_part(tmp_path / "pipe")
        with pytest.raises(ValueError, match="numbered from 1"):
            seed.evaluate_jsonl_file(source, tmp_path / "out.jsonl", first_line=0)
