"""Which fields matter, and what is missing (issue 24, item 8):
   /usr/bin/python3 deps_test.py ZC DEPS_RULESET SEED_RULESET SAMPLE_RECORDS
`zc deps` names what each clause reads, through its policy's 适用/排除, 设,
parameters, the clauses it names and the rules over it; `zc eval --partial`
decides, for a record that gives only some fields, each clause as decided,
not eligible, eligible or possible. Its verdicts are checked against real
`zc eval` runs of the whole records: a decided clause pays exactly what the
whole record pays; a clause found not eligible pays nothing, whatever the
missing fields hold; a clause still open names only fields that were left
out and that zc deps says it reads. zc serve's POST /partial answers the same."""

import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

ZC, DEPS, SEED, SAMPLE = sys.argv[1:5]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "serve"))
import zcserve  # noqa: E402


def zc(*args, stdin=None):
    return subprocess.run([ZC, *args], capture_output=True, text=True, input=stdin)


def deps_of(ruleset):
    done = zc("deps", ruleset, "--json")
    assert done.returncode == 0, done.stderr
    return {c["clause"]: c for c in json.loads(done.stdout)["clauses"]}


class Scratch:
    def __init__(self):
        self.folder = tempfile.TemporaryDirectory()

    def record(self, record, name="record.json"):
        path = os.path.join(self.folder.name, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        return path


class DepsTest(unittest.TestCase):
    def scratch(self):
        scratch = Scratch()
        self.addCleanup(scratch.folder.cleanup)
        return scratch

    def test_what_each_clause_reads(self):
        deps = deps_of(DEPS)
        gate = ["区县", "失信"]
        self.assertEqual(deps["D-高企"]["fields"], gate + ["高企", "平台数"], "the 就高 ties it to D-平台's field")
        self.assertEqual(deps["D-高企"]["condition_fields"], gate + ["高企"])
        self.assertEqual(deps["D-高企"]["params"], ["高企奖励"])
        self.assertEqual(deps["D-高企"]["clauses"], ["D-平台"])
        self.assertEqual(deps["D-研发"]["fields"], gate + ["研发投入", "营业收入", "上年营业收入", "封顶额"],
                         "its 设 and the field its 封顶's limit reads")
        self.assertEqual(deps["D-研发"]["condition_fields"], gate + ["营业收入", "上年营业收入"])
        self.assertEqual(deps["D-研发"]["params"], [])
        self.assertEqual(deps["D-配套"]["fields"], deps["D-研发"]["fields"], "through the clause it names")
        self.assertEqual(deps["D-配套"]["condition_fields"], gate)
        self.assertEqual(deps["D-配套"]["clauses"], ["D-研发"])
        self.assertEqual(deps["P-项目"]["fields"], ["项目"])
        self.assertEqual(deps["P-项目"]["condition_fields"], ["项目"], "the item's own 条件")

    def test_text_and_one_clause(self):
        done = zc("deps", DEPS, "--clause", "D-配套")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("条款 D-配套（政策 D）", done.stdout)
        self.assertIn("字段 (fields): 区县、失信、研发投入、营业收入、上年营业收入、封顶额", done.stdout)
        self.assertNotIn("D-高企", done.stdout)
        wrong = zc("deps", DEPS, "--clause", "D-配逃")
        self.assertEqual(wrong.returncode, 1)
        self.assertIn("no clause 'D-配逃'; did you mean 'D-配套'?", wrong.stderr)

    def test_a_partial_record(self):
        scratch = self.scratch()
        record = {"id": "E1", "区县": "示范区", "失信": False, "研发投入": 200, "营业收入": 500}
        done = zc("eval", DEPS, "--input", scratch.record(record), "--partial", "--json")
        self.assertEqual(done.returncode, 0, done.stderr)
        verdicts = {c["clause"]: c for c in json.loads(done.stdout)["clauses"]}
        self.assertEqual(verdicts["D-高企"]["status"], "possible")
        self.assertEqual(verdicts["D-高企"]["missing"], ["高企", "平台数"])
        self.assertEqual(verdicts["D-研发"]["status"], "possible")
        self.assertEqual(verdicts["D-研发"]["missing"], ["上年营业收入", "封顶额"])
        self.assertEqual(verdicts["P-项目"]["missing"], ["项目"])
        # With 上年营业收入 given, the condition holds: eligible, the amount waiting on the 封顶's field.
        record["上年营业收入"] = 400
        done = zc("eval", DEPS, "--input", scratch.record(record), "--partial", "--json")
        verdicts = {c["clause"]: c for c in json.loads(done.stdout)["clauses"]}
        self.assertEqual(verdicts["D-研发"]["status"], "eligible")
        self.assertEqual(verdicts["D-研发"]["missing"], ["封顶额"])
        # An excluded enterprise: every clause of the policy is out, whatever is missing.
        done = zc("eval", DEPS, "--input", scratch.record({"id": "E2", "失信": True}), "--partial", "--json")
        verdicts = {c["clause"]: c for c in json.loads(done.stdout)["clauses"]}
        for clause in ("D-高企", "D-研发", "D-平台", "D-配套"):
            self.assertEqual(verdicts[clause]["status"], "not_eligible")
            self.assertEqual(verdicts[clause]["excluded_by"], "失信")
        text = zc("eval", DEPS, "--input", scratch.record({"id": "E2", "失信": True}), "--partial")
        self.assertIn("条款 D-高企: 不符合 (not eligible): 排除条件成立 失信", text.stdout)
        self.assertIn("还需提供 (still to provide): 项目", text.stdout)
        # Everything given: every clause decided, with the awards zc eval gives.
        whole = {"id": "E3", "名称": "", "区县": "示范区", "失信": False, "高企": True, "研发投入": 200, "营业收入": 500,
                 "上年营业收入": 400, "平台数": 2, "封顶额": 10, "项目": [{"编号": "A", "投资": 300}]}
        path = scratch.record(whole)
        done = zc("eval", DEPS, "--input", path, "--partial", "--json")
        full = json.loads(zc("eval", DEPS, "--input", path, "--json").stdout)
        verdicts = json.loads(done.stdout)["clauses"]
        self.assertTrue(all(v["status"] == "decided" for v in verdicts))
        by_clause = lambda awards: sorted(awards, key=lambda a: json.dumps(a, ensure_ascii=False))
        self.assertEqual(by_clause([a for v in verdicts for a in v["awards"]]), by_clause(full["awards"]))
        self.assertEqual(len(full["awards"]), 4, "D-高企 set aside by the 就高; the others pay")
        self.assertEqual(json.loads(done.stdout)["missing"], [])

    def test_an_alternative_that_holds_decides_when_the_others_cannot_fail(self):
        # CJ-Q 排除 主营属于限制淘汰类 或 近三年重大安全环保事故 或 严重失信或重大违法: the last one alone
        # excludes, since the flags before it are only read, which cannot fail.
        scratch = self.scratch()
        done = zc("eval", SEED, "--input", scratch.record({"id": "E1", "严重失信或重大违法": True}), "--partial", "--json")
        self.assertEqual(done.returncode, 0, done.stderr)
        cjq = [c for c in json.loads(done.stdout)["clauses"] if c["policy"] == "CJ-Q"]
        self.assertTrue(cjq)
        for c in cjq:
            self.assertEqual(c["status"], "not_eligible", c)
            self.assertIn("严重失信或重大违法", c["excluded_by"])
        done = zc("eval", SEED, "--input", scratch.record({"id": "E1", "严重失信或重大违法": False}), "--partial", "--json")
        self.assertTrue(all(c["status"] != "not_eligible" for c in json.loads(done.stdout)["clauses"]
                            if c["policy"] == "CJ-Q"), "the other two may still exclude it")

    def test_verdicts_agree_with_whole_records(self):
        """Sample enterprises with fields taken away at random: every verdict is checked against the whole record."""
        deps = deps_of(SEED)
        with open(SAMPLE, encoding="utf-8") as f:
            records = [json.loads(line) for line in f][:12]
        scratch = self.scratch()
        rng = random.Random(24)
        seen = {"decided": 0, "not_eligible": 0, "eligible": 0, "possible": 0}
        for record in records:
            path = scratch.record(record, "whole.json")
            full = json.loads(zc("eval", SEED, "--input", path, "--json").stdout)
            for share in (0.2, 0.5, 0.8):
                kept = {k: v for k, v in record.items() if k == "id" or rng.random() < share}
                removed = set(record) - set(kept)
                done = zc("eval", SEED, "--input", scratch.record(kept), "--partial", "--json")
                self.assertIn(done.returncode, (0, 2), done.stderr)
                for v in json.loads(done.stdout)["clauses"]:
                    clause = v["clause"]
                    seen[v["status"]] += 1
                    paid = [a for a in full["awards"] if a["clause"] == clause]
                    failed = [e for e in full.get("errors", []) if e["clause"] == clause]
                    with self.subTest(record=record["id"], clause=clause, kept=sorted(kept)):
                        if v["status"] == "decided":
                            self.assertEqual(v["awards"], paid)
                            self.assertEqual([e["message"] for e in v["errors"]], [e["message"] for e in failed])
                        elif v["status"] == "not_eligible":
                            self.assertEqual(paid, [])
                            self.assertEqual(failed, [])
                        else:
                            self.assertTrue(v["missing"])
                            # A field the sample leaves at its default is missing too, as the sample never gave it.
                            absent = removed | (set(deps[clause]["fields"]) - set(record))
                            self.assertLessEqual(set(v["missing"]), absent)
                            self.assertLessEqual(set(v["missing"]), set(deps[clause]["fields"]))
        for status, count in seen.items():
            self.assertGreater(count, 0, f"no clause was {status}: the sample proves nothing about it")

    def test_the_server_answers_the_same(self):
        scratch = self.scratch()
        record = {"id": "E1", "区县": "示范区", "失信": False, "研发投入": 200, "营业收入": 500, "未知": 1}
        expected = zc("eval", DEPS, "--input", scratch.record(record), "--partial", "--json")
        server = zcserve.Server(ZC, DEPS)
        try:
            for path in ("/partial", "/v1/partial"):
                status, headers, body = server.request("POST", path, json.dumps(record, ensure_ascii=False).encode(),
                                                       {"Content-Type": "application/json"})
                self.assertEqual(status, 200, body)
                self.assertEqual(body.decode(), expected.stdout)
                self.assertIn("未知", json.loads(headers["zc-warnings"])[0])
                self.assertEqual(len(headers["zc-source-hash"]), 64)
            status, _, body = server.request("POST", "/partial", '{"区县": "示范区"}'.encode(), {"Content-Type": "application/json"})
            self.assertEqual(status, 400)
            self.assertIn("id", json.loads(body)["error"])
            # Refused as /explain is: another media type, a body over --max-explain-body, another method.
            status, _, body = server.request("POST", "/partial", b'{"id": "E1"}', {"Content-Type": "text/plain"})
            self.assertEqual(status, 415, body)
            big = json.dumps({"id": "E1", "名称": "x" * (300 << 10)}).encode()
            status, _, body = server.request("POST", "/partial", big, {"Content-Type": "application/json"})
            self.assertEqual(status, 413, body)
            self.assertIn("--max-explain-body", json.loads(body)["error"])
            status, headers, _ = server.request("GET", "/partial")
            self.assertEqual((status, headers["allow"]), (405, "POST"))
            self.assertTrue(server.alive())
        finally:
            self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
