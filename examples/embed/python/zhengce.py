"""A ruleset compiled by `zc build`, from Python: the standard library only (ctypes).

    from zhengce import Ruleset
    seed = Ruleset("libseed.so")
    seed.evaluate({"id": "E1", "区县": "昌江区", ...})   # -> the result dict zc run writes
    seed.evaluate_jsonl(open("records.jsonl", "rb").read())  # -> the bytes zc run writes
    seed.clauses, seed.fields, seed.params                 # what the library says about itself

A ruleset with a 资金池 (seed.pools) is run in three steps over the parts of
its input, which may be on other machines (docs/embedding.md):

    claims = [r.pool_claims(part) for part in parts]          # map: each part's claims
    granted = r.settle_pools(claims)                          # reduce: one settlement a pool
    out = [r.evaluate_jsonl_settled(part, g) for part, g in zip(parts, granted)]   # map

A Ruleset holds one evaluator per thread that uses it (the C ABI's model:
an evaluator is used by one thread at a time), so it may be shared by threads.
A number in a record given to evaluate() is written as json.dumps writes it;
give amounts as strings ("123.45") where a float's text might not be exact.
"""

import ctypes
import json
import threading

ABI_VERSION = 2

OK, CLAUSE_ERRORS, BAD_RECORD, BAD_PARAM, BAD_ARGUMENT, INTERNAL = range(6)


class ZhengceError(Exception):
    """A call of the library failed: status is its zhengce_status."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def _declare(lib):
    signatures = {
        "zhengce_abi_version": (ctypes.c_int32, []),
        "zhengce_description_json": (ctypes.c_char_p, []),
        "zhengce_evaluator_create": (ctypes.c_int, [ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]),
        "zhengce_evaluator_set_param": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                                       ctypes.POINTER(ctypes.c_void_p)]),
        "zhengce_evaluator_destroy": (None, [ctypes.c_void_p]),
        "zhengce_evaluate_jsonl": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                  ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t),
                                                  ctypes.POINTER(ctypes.c_void_p)]),
        "zhengce_evaluate_json": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                 ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t),
                                                 ctypes.POINTER(ctypes.c_void_p)]),
        "zhengce_free": (None, [ctypes.c_void_p]),
        "zhengce_pool_count": (ctypes.c_int64, []),
        "zhengce_pool_amount": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int64, ctypes.POINTER(ctypes.c_int64),
                                               ctypes.POINTER(ctypes.c_void_p)]),
        "zhengce_pool_claims": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                               ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t),
                                               ctypes.POINTER(ctypes.c_void_p)]),
        "zhengce_pool_settle": (ctypes.c_int, [ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_int64),
                                               ctypes.c_size_t, ctypes.c_int64, ctypes.c_int32,
                                               ctypes.POINTER(ctypes.c_int64)]),
        "zhengce_evaluate_jsonl_settled": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                          ctypes.POINTER(ctypes.POINTER(ctypes.c_int64)),
                                                          ctypes.POINTER(ctypes.c_size_t),
                                                          ctypes.POINTER(ctypes.c_void_p),
                                                          ctypes.POINTER(ctypes.c_size_t),
                                                          ctypes.POINTER(ctypes.c_void_p)]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


class Ruleset:
    def __init__(self, path, params=None):
        """Loads the library; params overrides parameters by name, as `zc run --param NAME=VALUE`."""
        self._lib = ctypes.CDLL(str(path))
        _declare(self._lib)
        version = self._lib.zhengce_abi_version()
        if version != ABI_VERSION:
            raise ZhengceError(BAD_ARGUMENT, f"{path} has ABI version {version}; this module reads {ABI_VERSION}")
        self.description = json.loads(self._lib.zhengce_description_json().decode("utf-8"))
        self.name = self.description["name"]
        self.source_hash = self.description["source_hash"]
        self.clauses = [{k: c[k] for k in ("id", "source", "beneficiary", "kind")} for c in self.description["clauses"]]
        self.fields = [self._value_info(f) for f in self.description["fields"]]
        self.params = [self._value_info(p) for p in self.description["params"]]
        self.pools = [{k: p[k] for k in ("name", "policy", "clauses", "pro_rata")} for p in self.description.get("pools", [])]
        self._params = dict(params or {})
        self._local = threading.local()
        self._evaluators = []
        self._lock = threading.Lock()

    @staticmethod
    def _value_info(value):
        return {"name": value["name"], "type": value["type"], "unit": value["unit"], "default": value["default"]}

    def _take_string(self, pointer, length=None):
        if not pointer.value:
            return b""
        data = ctypes.string_at(pointer.value, length) if length is not None else ctypes.string_at(pointer.value)
        self._lib.zhengce_free(pointer)
        return data

    def _check(self, status, error):
        message = self._take_string(error).decode("utf-8")
        if status not in (OK, CLAUSE_ERRORS, BAD_RECORD):
            raise ZhengceError(status, message)

    def _evaluator(self):
        evaluator = getattr(self._local, "evaluator", None)
        if evaluator is None:
            evaluator, error = ctypes.c_void_p(), ctypes.c_void_p()
            status = self._lib.zhengce_evaluator_create(ctypes.byref(evaluator), ctypes.byref(error))
            message = self._take_string(error).decode("utf-8")
            if status != OK:
                raise ZhengceError(status, message)
            for name, value in self._params.items():
                self._set_param(evaluator, name, value)
            self._local.evaluator = evaluator
            with self._lock:
                self._evaluators.append(evaluator)
        return evaluator

    def _set_param(self, evaluator, name, value):
        error = ctypes.c_void_p()
        status = self._lib.zhengce_evaluator_set_param(evaluator, name.encode("utf-8"), str(value).encode("utf-8"),
                                                       ctypes.byref(error))
        message = self._take_string(error).decode("utf-8")
        if status != OK:
            raise ZhengceError(status, message)

    def evaluate_jsonl(self, data):
        """JSON Lines bytes -> the bytes `zc run --format jsonl` writes for them."""
        output, length, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        status = self._lib.zhengce_evaluate_jsonl(self._evaluator(), data, len(data), ctypes.byref(output),
                                                  ctypes.byref(length), ctypes.byref(error))
        self._check(status, error)
        return self._take_string(output, length.value)

    def evaluate(self, record):
        """One record (a dict) -> its result (a dict), or a dict with "error" if it could not be read."""
        text = json.dumps(record, ensure_ascii=False).encode("utf-8")
        output, length, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        status = self._lib.zhengce_evaluate_json(self._evaluator(), text, len(text), ctypes.byref(output),
                                                 ctypes.byref(length), ctypes.byref(error))
        self._check(status, error)
        return json.loads(self._take_string(output, length.value).decode("utf-8"))

    def pool_claims(self, data):
        """Step 1 (map): JSON Lines bytes -> per pool, the (asked 分, order key) of each claim, in input order."""
        claims, count, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        status = self._lib.zhengce_pool_claims(self._evaluator(), data, len(data), ctypes.byref(claims),
                                               ctypes.byref(count), ctypes.byref(error))
        message = self._take_string(error).decode("utf-8")
        if status != OK:
            raise ZhengceError(status, message)
        flat = ctypes.cast(claims, ctypes.POINTER(ctypes.c_int64))
        per_pool = [[] for _ in self.pools]
        for i in range(count.value):
            per_pool[flat[3 * i]].append((flat[3 * i + 1], flat[3 * i + 2]))
        self._lib.zhengce_free(claims)
        return per_pool

    def settle_pools(self, parts):
        """Step 2 (reduce): each part's pool_claims(), in input order -> per part, per pool, its claims' shares in 分."""
        shares = [[[] for _ in self.pools] for _ in parts]
        for pool in range(len(self.pools)):
            claims = [c for part in parts for c in part[pool]]
            n = len(claims)
            asked = (ctypes.c_int64 * max(n, 1))(*[a for a, _ in claims])
            keys = (ctypes.c_int64 * max(n, 1))(*[k for _, k in claims])
            amount, error = ctypes.c_int64(), ctypes.c_void_p()
            status = self._lib.zhengce_pool_amount(self._evaluator(), pool, ctypes.byref(amount), ctypes.byref(error))
            message = self._take_string(error).decode("utf-8")
            if status != OK:
                raise ZhengceError(status, message)
            granted = (ctypes.c_int64 * max(n, 1))()
            status = self._lib.zhengce_pool_settle(asked, keys, n, amount.value, int(self.pools[pool]["pro_rata"]), granted)
            if status != OK:
                raise ZhengceError(status, f"{self.pools[pool]['name']} cannot be settled")
            at = 0
            for part, share in zip(parts, shares):
                share[pool] = list(granted[at:at + len(part[pool])])
                at += len(part[pool])
        return shares

    def evaluate_jsonl_settled(self, data, shares):
        """Step 3 (map): JSON Lines bytes and this part's shares from settle_pools() -> the bytes zc run writes for it."""
        arrays = [(ctypes.c_int64 * max(len(s), 1))(*s) for s in shares]
        pointers = (ctypes.POINTER(ctypes.c_int64) * max(len(arrays), 1))(
            *[ctypes.cast(a, ctypes.POINTER(ctypes.c_int64)) for a in arrays])
        counts = (ctypes.c_size_t * max(len(shares), 1))(*[len(s) for s in shares])
        output, length, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        status = self._lib.zhengce_evaluate_jsonl_settled(self._evaluator(), data, len(data), pointers, counts,
                                                          ctypes.byref(output), ctypes.byref(length), ctypes.byref(error))
        self._check(status, error)
        return self._take_string(output, length.value)

    def close(self):
        with self._lock:
            for evaluator in self._evaluators:
                self._lib.zhengce_evaluator_destroy(evaluator)
            self._evaluators.clear()
        self._local = threading.local()

    def __del__(self):
        if getattr(self, "_lib", None) is not None and getattr(self, "_evaluators", None):
            self.close()
