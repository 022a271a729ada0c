"""zhengce_evaluate_batch from Python through ctypes, on the seed library: a columnar batch
(runtime/include/zc/batch.h) laid out from the library's own description, every value zero or
empty but those a row sets. A row holding a value its field's declared range refuses (营业收入
属于 [0, ∞), an entry of 电商活动费用) is refused alone with zc run's message for the same record as
JSON, naming the row; the rows around it are evaluated."""

import ctypes
import json

ZHENGCE_OK, ZHENGCE_BAD_RECORD = 0, 2
ZC_ERR_BAD_RECORD = 12


class Dec(ctypes.Structure):
    # zc_dec: two __int128 (numerator, denominator) as four little-endian 64-bit words; the
    # arrays of them come from Python's allocator, 16-byte aligned, and 32 bytes keep each so.
    _fields_ = [("words", ctypes.c_uint64 * 4)]


def dec(value):
    d = Dec()
    num = value & ((1 << 128) - 1)
    d.words[0], d.words[1] = num & (2**64 - 1), num >> 64
    d.words[2], d.words[3] = 1, 0
    return d


def int_of(d):
    num = d.words[0] | (d.words[1] << 64)
    return num - (1 << 128) if num >> 127 else num


class Text(ctypes.Structure):
    _fields_ = [("data", ctypes.c_char_p), ("length", ctypes.c_int64)]


class Column(ctypes.Structure):
    _fields_ = [("values", ctypes.c_void_p), ("present", ctypes.c_void_p), ("offsets", ctypes.c_void_p),
                ("fields", ctypes.c_void_p), ("field_present", ctypes.c_void_p)]


class Batch(ctypes.Structure):
    _fields_ = [("rows", ctypes.c_int64), ("columns", ctypes.POINTER(Column))]


class Result(ctypes.Structure):
    _fields_ = [("fired", ctypes.c_void_p), ("amounts", ctypes.c_void_p), ("status", ctypes.c_void_p),
                ("site", ctypes.c_void_p), ("items", ctypes.c_void_p)]


def values_array(kind, values):
    if kind == "dec":
        return (Dec * max(len(values), 1))(*[dec(v) for v in values])
    if kind == "text":
        return (Text * max(len(values), 1))(*[Text(v.encode(), len(v.encode())) for v in values])
    return (ctypes.c_int64 * max(len(values), 1))(*values)


def zero(kind):
    return "" if kind == "text" else 0


def build_batch(fields, rows, keep):
    """rows: one dict a row of field name → a scalar, or a list for a list field (lists of records stay empty)."""
    columns = (Column * len(fields))()
    for i, field in enumerate(fields):
        kind = field["type"]
        present = (ctypes.c_uint8 * len(rows))(*[1 if field["name"] in r else 0 for r in rows])
        keep.append(present)
        if field["list"]:
            flat, offsets = [], [0]
            for r in rows:
                flat.extend(r.get(field["name"], []) if kind != "record" else [])
                offsets.append(len(flat))
            offset_array = (ctypes.c_int64 * len(offsets))(*offsets)
            subs = (ctypes.c_void_p * max(len(field["fields"]), 1))()
            for s, sub in enumerate(field["fields"]):
                array = values_array(sub["type"], [])
                keep.append(array)
                subs[s] = ctypes.cast(array, ctypes.c_void_p)
            values = values_array(kind if kind != "record" else "int", flat)
            keep.extend([offset_array, subs, values])
            columns[i] = Column(ctypes.cast(values, ctypes.c_void_p), ctypes.cast(present, ctypes.c_void_p),
                                ctypes.cast(offset_array, ctypes.c_void_p), ctypes.cast(subs, ctypes.c_void_p), None)
        else:
            values = values_array(kind, [r.get(field["name"], zero(kind)) for r in rows])
            keep.append(values)
            columns[i] = Column(ctypes.cast(values, ctypes.c_void_p), ctypes.cast(present, ctypes.c_void_p), None,
                                None, None)
    keep.append(columns)
    return Batch(len(rows), columns)


def test_a_row_outside_its_fields_range_is_refused_alone(library, zc_run):
    lib = ctypes.CDLL(library)
    lib.zhengce_description_json.restype = ctypes.c_char_p
    lib.zhengce_clause_count.restype = ctypes.c_int64
    lib.zhengce_evaluator_create.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
    lib.zhengce_evaluate_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(Batch), ctypes.POINTER(Result),
                                           ctypes.POINTER(ctypes.c_void_p)]
    lib.zhengce_free.argtypes = [ctypes.c_void_p]
    lib.zhengce_evaluator_destroy.argtypes = [ctypes.c_void_p]
    fields = json.loads(lib.zhengce_description_json())["fields"]

    rows = [
        {"id": "good", "营业收入": 100},
        {"id": "revenue", "营业收入": -5},
        {"id": "fees", "电商活动费用": [3, -2]},
        {"id": "also-good", "省级高成长奖励": 0},
    ]
    keep = []
    batch = build_batch(fields, rows, keep)
    clauses = lib.zhengce_clause_count()
    cells = len(rows) * clauses
    fired, amounts = (ctypes.c_uint8 * cells)(), (Dec * cells)()
    status, site = (ctypes.c_int32 * cells)(), (ctypes.c_int32 * cells)()
    result = Result(*[ctypes.cast(a, ctypes.c_void_p) for a in (fired, amounts, status, site)], None)
    evaluator, error = ctypes.c_void_p(), ctypes.c_void_p()
    assert lib.zhengce_evaluator_create(ctypes.byref(evaluator), ctypes.byref(error)) == ZHENGCE_OK
    try:
        outcome = lib.zhengce_evaluate_batch(evaluator, ctypes.byref(batch), ctypes.byref(result), ctypes.byref(error))
        message = ctypes.string_at(error.value).decode("utf-8") if error.value else ""
        lib.zhengce_free(error)
    finally:
        lib.zhengce_evaluator_destroy(evaluator)

    # zc run's own words for the same records as JSON (the fields a row does not set keep their defaults there).
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    code, out, _ = zc_run(lines)
    assert code == 2
    written = [json.loads(line) for line in out.splitlines()]
    refused = [i for i, row in enumerate(written) if "error" in row]
    assert refused == [1, 2]
    assert outcome == ZHENGCE_BAD_RECORD
    assert message.split("\n") == [f"row {i}: {written[i]['error']}" for i in refused]
    assert "营业收入: -5 万元 is outside the range [0, ∞)" in message
    assert "field 电商活动费用: entry 2: -2 元" in message
    for row in range(len(rows)):
        mine = [status[row * clauses + c] for c in range(clauses)]
        if row in refused:
            assert mine == [ZC_ERR_BAD_RECORD] * clauses
            assert not any(fired[row * clauses + c] for c in range(clauses))
            assert all(int_of(amounts[row * clauses + c]) == 0 for c in range(clauses))
        else:
            assert ZC_ERR_BAD_RECORD not in mine
