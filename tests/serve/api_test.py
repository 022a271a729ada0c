"""zc serve's HTTP API against servers started on free loopback ports and
stopped after (docs/serve.md):
   python3 api_test.py ZC TESTS_DIR RULESET
- GET /ruleset describes the ruleset;
- POST /evaluate gives the bytes zc run --format jsonl writes, for the sample
  enterprises, every evaluation golden, every hostile JSON Lines input and
  line ends, byte order marks and blank lines, and with --param;
- POST /explain gives what zc eval --explain=json prints;
- hostile requests are refused with a 4xx and a reason, and the server lives
  on and stops cleanly on SIGTERM."""

import glob
import gzip
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import zcserve

ZC, TESTS, RULESET = sys.argv[1:4]
SAMPLE = os.path.join(TESTS, "data", "sample-enterprises.jsonl")
EXPECTED = os.path.join(TESTS, "data", "sample-expected.jsonl")
NDJSON = {"Content-Type": "application/x-ndjson"}
JSON = {"Content-Type": "application/json"}


def Server(ruleset, *args, cwd=None):
    return zcserve.Server(ZC, ruleset, *args, cwd=cwd)


def zc_run(ruleset, data, *args, cwd=None):
    """What zc run --format jsonl writes for these bytes as a file (in the
    system's temporary folder, never beside the test's inputs)."""
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as f:
        f.write(data)
        f.flush()
        done = subprocess.run([ZC, "run", ruleset, "--input", f.name, "--format", "jsonl", "--quiet", *args], cwd=cwd,
                              capture_output=True)
        return done.stdout


class SeedServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(RULESET)
        with open(SAMPLE, "rb") as f:
            cls.records = f.read()
        with open(EXPECTED, "rb") as f:
            cls.expected = f.read()

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0

    def test_stops_cleanly_while_its_optimised_code_compiles(self):
        # An empty object cache: the server starts on quick code while the
        # optimised code compiles on a thread of its own, which must not
        # take the SIGTERM meant for the server.
        with tempfile.TemporaryDirectory() as cache:
            server = zcserve.Server(ZC, RULESET, env=dict(os.environ, ZC_CACHE_DIR=cache))
            self.assertEqual(server.stop(), 0)

    def test_ruleset_describes_policies_clauses_fields_and_parameters(self):
        status, headers, body = self.server.request("GET", "/ruleset")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("application/json"))
        ruleset = json.loads(body)
        self.assertEqual(ruleset["name"], "all")
        self.assertEqual(len(ruleset["source_hash"]), 64)
        self.assertEqual(ruleset["beneficiaries"], [{"name": "企业", "total_key": "total_enterprise"},
                                                    {"name": "园区", "total_key": "total_park"}])
        policies = {p["id"]: p["title"] for p in ruleset["policies"]}
        self.assertIn("CJ-Q", policies)
        self.assertIn("昌江区", policies["CJ-Q"])
        clauses = {c["id"]: c for c in ruleset["clauses"]}
        self.assertEqual(clauses["CJ-Q-6"]["beneficiary"], "园区")
        self.assertEqual(clauses["CJ-Q-6"]["policy"], "CJ-Q")
        self.assertIn("美元", clauses["CJ-Q-6"]["source"])
        for c in ruleset["clauses"]:
            self.assertIn(c["policy"], policies)
            self.assertIn(c["kind"], ("award", "eligible", "manual"))
        # What each clause reads, as zc deps says it: the page groups its fields by it.
        deps = json.loads(subprocess.run([ZC, "deps", RULESET, "--json"], capture_output=True, check=True).stdout)
        self.assertEqual({c["id"]: (c["fields"], c["condition_fields"]) for c in ruleset["clauses"]},
                         {c["clause"]: (c["fields"], c["condition_fields"]) for c in deps["clauses"]})
        self.assertTrue(any("营业收入" in c["fields"] for c in ruleset["clauses"]))
        fields = {f["name"]: f for f in ruleset["fields"]}
        self.assertEqual(ruleset["fields"][ruleset["key_field"]]["name"], "id")
        self.assertEqual((fields["省级高成长奖励"]["type"], fields["省级高成长奖励"]["unit"]), ("dec", "万元"))
        self.assertTrue(fields["高成长认定"]["optional"])
        # An optional field left out is absent: no invented default (issue 24).
        self.assertEqual((fields["高成长认定"]["default"], fields["高成长认定"]["value"]), (None, None))
        for f in ruleset["fields"]:
            if f["optional"]:
                self.assertIsNone(f["default"], f["name"])
        self.assertIn("潜在瞪羚", fields["高成长认定"]["enum"])
        self.assertEqual((fields["新认定创新平台级别"]["type"], fields["新认定创新平台级别"]["list"]), ("enum", True))
        self.assertEqual(fields["认定日期"]["type"], "date")
        items = fields["获得项目扶持资金"]
        self.assertEqual((items["type"], items["list"]), ("record", True))
        self.assertTrue(items["fields"])
        self.assertEqual(fields["年度"]["default"], "0")
        rate = ruleset["params"][0]
        self.assertEqual((rate["name"], rate["unit"], rate["default"], rate["range"]), ("美元汇率", "元/美元", "7.1", "(0, ∞)"))

    def test_evaluate_a_batch_gives_the_bytes_zc_run_writes(self):
        status, headers, body = self.server.request("POST", "/evaluate", self.records, NDJSON)
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("application/x-ndjson"))
        self.assertEqual(body, self.expected)
        self.assertEqual(headers["zc-records"], str(self.expected.count(b"\n")))
        self.assertEqual(headers["zc-failed-records"], "0")

    def test_evaluate_one_record_gives_its_line(self):
        lines = self.records.splitlines()
        expected = self.expected.splitlines(keepends=True)
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        for record, line in list(zip(lines, expected))[:40]:
            status, _, body = self.server.request("POST", "/evaluate", record, JSON, connection)
            self.assertEqual(status, 200)
            self.assertEqual(body, line)
        connection.close()

    def test_evaluate_reads_lines_as_zc_run_does(self):
        lines = self.records.splitlines(keepends=True)[:5]
        bodies = [
            b"\xef\xbb\xbf" + b"".join(lines),                       # a byte order mark
            b"".join(l.replace(b"\n", b"\r\n") for l in lines),      # CR LF
            b"\n  \n" + lines[0] + b"\t\n" + lines[1].rstrip(b"\n"),  # blank lines, no final LF
            lines[0] + lines[1].replace(b",", b",\r", 1) + lines[2],  # a lone CR
            '{"id": "x", "营业收入": "abc"}\n{"id": \n\n'.encode() + lines[3],  # bad records among good ones
            b"",
        ]
        for body in bodies:
            status, headers, answer = self.server.request("POST", "/evaluate", body, NDJSON)
            self.assertEqual(status, 200)
            self.assertEqual(answer, zc_run(RULESET, body))
        self.assertEqual(headers["zc-records"], "0")

    def test_explain_gives_what_zc_eval_prints(self):
        for record in self.records.splitlines()[:5]:
            status, _, body = self.server.request("POST", "/explain", record, JSON)
            self.assertEqual(status, 200)
            trace = json.loads(body)
            self.assertEqual(trace["schema"], "zhengce-explain/2")
            self.assertIn(json.dumps(trace["result"], ensure_ascii=False).encode() + b"\n",
                          self.expected.splitlines(keepends=True))
            clauses = [c for p in trace["policies"] for c in p["clauses"]]
            paid = {c["id"]: c["paid"] for c in clauses if c["verdict"] == "paid"}
            self.assertEqual(paid, {a["clause"]: a["amount"] for a in trace["result"]["awards"] if a["amount"]})
            with tempfile.NamedTemporaryFile(suffix=".json") as f:
                f.write(record)
                f.flush()
                done = subprocess.run([ZC, "eval", RULESET, "--input", f.name, "--explain=json"], capture_output=True)
            self.assertEqual(body, done.stdout)

    def test_many_clients_at_once_each_get_their_answer(self):
        lines = self.records.splitlines()
        expected = self.expected.splitlines(keepends=True)
        failures = []

        def client(offset):
            connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
            for i in range(offset, len(lines), 8):
                status, _, body = self.server.request("POST", "/evaluate", lines[i], JSON, connection)
                if status != 200 or body != expected[i]:
                    failures.append((i, status, body))
            connection.close()

        threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])

    def test_versioned_paths_answer_as_the_plain_ones(self):
        for path in ("/ruleset", "/openapi.json", "/"):
            self.assertEqual(self.server.request("GET", "/v1" + path)[::2], self.server.request("GET", path)[::2])
        record = self.records.splitlines()[0]
        self.assertEqual(self.server.request("POST", "/v1/evaluate", record, JSON)[::2],
                         self.server.request("POST", "/evaluate", record, JSON)[::2])
        self.assertEqual(self.server.request("POST", "/v1/explain", record, JSON)[::2],
                         self.server.request("POST", "/explain", record, JSON)[::2])
        status, _, body = self.server.request("GET", "/v2/ruleset")
        self.assertEqual(status, 404, body)

    def test_openapi_describes_every_route(self):
        status, headers, body = self.server.request("GET", "/openapi.json")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("application/json"))
        api = json.loads(body)
        self.assertTrue(api["openapi"].startswith("3."))
        self.assertEqual(sorted(api["paths"]), ["/v1/evaluate", "/v1/explain", "/v1/openapi.json", "/v1/partial", "/v1/ruleset"])

    def test_unknown_fields_come_back_as_warnings(self):
        record = json.loads(self.records.splitlines()[0])
        typo = dict(record, 营业收人=1200)  # 人 for 入
        body = json.dumps(typo, ensure_ascii=False).encode()
        status, headers, answer = self.server.request("POST", "/evaluate", body, JSON)
        self.assertEqual(status, 200)
        self.assertEqual(answer, zc_run(RULESET, body + b"\n"))  # the row is zc run's still
        self.assertEqual(json.loads(headers["zc-warnings"]), ["规则集中没有字段“营业收人”，已忽略"])
        status, headers, _ = self.server.request("POST", "/explain", body, JSON)
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(headers["zc-warnings"]), ["规则集中没有字段“营业收人”，已忽略"])
        batch = self.records.splitlines(keepends=True)[0] + body + b"\n" + body + b"\n"
        status, headers, _ = self.server.request("POST", "/evaluate", batch, NDJSON)
        self.assertEqual(json.loads(headers["zc-warnings"]), ["第 2 行：规则集中没有字段“营业收人”，已忽略"])
        status, headers, _ = self.server.request("POST", "/evaluate", self.records.splitlines()[0], JSON)
        self.assertNotIn("zc-warnings", headers)

    def test_the_page_is_served(self):
        status, headers, body = self.server.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertIn("default-src 'none'", headers["content-security-policy"])
        self.assertIn("政策计算器".encode(), body)


class GoldenEquivalenceTest(unittest.TestCase):
    """Every JSON Lines input the evaluation goldens and the hostile-record
    cases hold, through a server on its ruleset: what zc run writes for it."""

    def check_folder(self, folder, cases):
        for ruleset, inputs in cases.items():
            server = Server(ruleset, cwd=folder)
            try:
                for name in inputs:
                    with open(os.path.join(folder, name), "rb") as f:
                        data = f.read()
                    with self.subTest(input=name):
                        status, _, body = server.request("POST", "/evaluate", data, NDJSON)
                        self.assertEqual(status, 200)
                        self.assertEqual(body, zc_run(ruleset, data, cwd=folder))
            finally:
                self.assertEqual(server.stop(), 0)

    def test_evaluation_goldens(self):
        folder = os.path.join(TESTS, "eval")
        cases = {}
        for path in sorted(glob.glob(os.path.join(folder, "*.jsonl"))):
            name = os.path.basename(path)
            cases.setdefault(name[:-len(".jsonl")] + ".zc", []).append(name)
            with open(os.path.join(folder, name[:-len(".jsonl")] + ".out"), "rb") as f:
                golden = f.read()
            with open(path, "rb") as f:
                self.assertEqual(zc_run(name[:-len(".jsonl")] + ".zc", f.read(), cwd=folder), golden)
        self.assertGreaterEqual(len(cases), 8)
        self.check_folder(folder, cases)

    def test_hostile_records(self):
        folder = os.path.join(TESTS, "hostile", "records")
        inputs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(folder, "*.jsonl")))
        self.assertGreaterEqual(len(inputs), 10)
        self.check_folder(folder, {"rules.zc": inputs})


class ParamTest(unittest.TestCase):
    def test_param_applies_as_in_zc_run(self):
        with open(SAMPLE, "rb") as f:
            records = f.read()
        server = Server(RULESET, "--param", "美元汇率=7.3")
        try:
            status, _, body = server.request("POST", "/evaluate", records, NDJSON)
            self.assertEqual(status, 200)
            self.assertEqual(body, zc_run(RULESET, records, "--param", "美元汇率=7.3"))
            with open(EXPECTED, "rb") as f:
                self.assertNotEqual(body, f.read())
            # /explain reads the parameter in force too.
            line = next(l for l in records.splitlines() if b"CJ-Q-6" in zc_run(RULESET, l))
            status, _, trace = server.request("POST", "/explain", line, JSON)
            self.assertIn("美元汇率 (7.3 元/美元)", trace.decode())
        finally:
            self.assertEqual(server.stop(), 0)

    def test_param_outside_its_range_is_refused_at_start(self):
        done = subprocess.run([ZC, "serve", RULESET, "--port", "0", "--param", "美元汇率=-1"], capture_output=True,
                              timeout=60)
        self.assertEqual(done.returncode, 1)
        self.assertIn("outside the range (0, ∞)", done.stderr.decode())


class LibraryHeaderTest(unittest.TestCase):
    def test_optional_fields_have_no_default_in_the_library_header(self):
        # The header zc build writes says what GET /ruleset says (issue 24): an optional field is optional.
        with tempfile.TemporaryDirectory() as folder:
            header = os.path.join(folder, "all.h")
            done = subprocess.run([ZC, "build", RULESET, "-o", os.path.join(folder, "liball.so"), "--header", header],
                                  capture_output=True, timeout=300)
            self.assertEqual(done.returncode, 0, done.stderr.decode())
            with open(header, encoding="utf-8") as f:
                lines = f.read().splitlines()
        line = next(l for l in lines if re.match(r"\s*\*\s+高成长认定:", l))
        self.assertIn("optional", line)
        self.assertNotIn("default", line)
        self.assertIn("default 0", next(l for l in lines if re.match(r"\s*\*\s+年度:", l)))
        # A declared range (营业收入: 万元 属于 [0, ∞)) is said too: the library refuses a value outside it.
        self.assertIn("in the range [0, ∞)", next(l for l in lines if re.match(r"\s*\*\s+营业收入:", l)))


class HostileRequestTest(unittest.TestCase):
    """Small limits, so each is reached quickly."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(RULESET, "--max-body", "100000", "--max-batch", "50", "--time-limit", "1")
        with open(SAMPLE, "rb") as f:
            cls.record = f.readline()

    @classmethod
    def tearDownClass(cls):
        assert cls.server.alive()
        status, _, _ = cls.server.request("GET", "/ruleset")
        assert status == 200
        assert cls.server.stop() == 0

    def refused(self, status, body, expected, words, code=None):
        """The status, its words in the message, which is Chinese, and the code that programs read."""
        self.assertEqual(status, expected, body)
        answer = json.loads(body)
        message = answer["error"]
        for word in words:
            self.assertIn(word, message)
        self.assertRegex(message, "[\u4e00-\u9fff]")
        self.assertNotRegex(message, r"\b(the|is|not|expected|found|than|takes|request)\b", "no English sentence")
        if code:
            self.assertEqual(answer["code"], code)
        self.assertTrue(self.server.alive())
        return answer

    def test_bad_json(self):
        for body in (b"{", b"{\"id\": \"E1\",}", b"[1, 2]", b"", b"null", b"\xff\xfe{}", b"{\"id\": \"E1\"} {}"):
            for path in ("/evaluate", "/explain"):
                with self.subTest(body=body, path=path):
                    status, _, answer = self.server.request("POST", path, body, JSON)
                    self.refused(status, answer, 400, [])

    def test_wrong_field_types_name_the_field(self):
        cases = [({"id": "E1", "营业收入": "abc"}, "营业收入"), ({"id": "E1", "年度": 2021.5}, "年度"),
                 ({"id": "E1", "高成长认定": "独角兽王"}, "高成长认定"), ({"id": "E1", "认定日期": "2023-02-30"}, "认定日期"),
                 ({"id": "E1", "新认定创新平台级别": "国家级"}, "新认定创新平台级别"), ({"id": "E1", "规上企业": "yes"}, "规上企业"),
                 ({"id": 7}, "id"), ({"营业收入": 1}, "id")]
        for record, field in cases:
            for path in ("/evaluate", "/explain"):
                with self.subTest(record=record, path=path):
                    status, _, body = self.server.request("POST", path, json.dumps(record, ensure_ascii=False).encode(), JSON)
                    answer = self.refused(status, body, 400, [field])
                    self.assertEqual(answer["field"], field)

    def test_deep_nesting_and_long_texts(self):
        # An unknown field is ignored, but must be JSON a reader can take.
        deep = b"{\"id\": \"E1\", \"x\": " + b"[" * 45000 + b"]" * 45000 + b"}"
        status, _, body = self.server.request("POST", "/evaluate", deep, JSON)
        self.refused(status, body, 400, ["1024"], "invalid_json")
        long = '{"id": "E1", "区县": "%s", "行业": "制造业"}' % ("昌" * 30000)
        status, _, body = self.server.request("POST", "/evaluate", long.encode(), JSON)
        self.assertEqual(status, 200, body)
        self.assertTrue(self.server.alive())

    def test_huge_bodies(self):
        big = b" " * 200000
        self.refused(*self.server.request("POST", "/evaluate", big, JSON)[::2], 413, ["100000 字节"], "too_large")
        # Chunked (http.client's way with an iterable body): no length announced.
        status, _, body = self.server.request("POST", "/evaluate", iter([big[:60000], big[60000:]]), NDJSON)
        self.refused(status, body, 413, ["100000 字节"], "too_large")
        # Compressed: small on the wire, large once inflated.
        bomb = gzip.compress(b" " * 50_000_000)
        self.assertLess(len(bomb), 100000)
        status, _, body = self.server.request("POST", "/evaluate", bomb, {**NDJSON, "Content-Encoding": "gzip"})
        self.refused(status, body, 413, ["100000 字节"], "too_large")
        # A body on a GET: over the limit, refused before it is read.
        status, _, body = self.server.request("GET", "/ruleset", big)
        self.assertIn(status, (200, 400, 413))
        self.assertTrue(self.server.alive())

    def test_batch_over_the_limit(self):
        status, _, body = self.server.request("POST", "/evaluate", self.record * 51, NDJSON)
        self.refused(status, body, 413, ["50 条"], "too_many_records")
        status, _, body = self.server.request("POST", "/evaluate", self.record * 50, NDJSON)
        self.assertEqual(status, 200)
        self.assertEqual(body.count(b"\n"), 50)

    def test_unknown_paths_and_wrong_methods(self):
        for method, path in (("GET", "/nothing"), ("POST", "/evaluate/x"), ("GET", "/../../etc/passwd"),
                             ("GET", "/ruleset.json")):
            status, _, body = self.server.request(method, path)
            self.refused(status, body, 404, ["GET /ruleset", "POST /evaluate"], "not_found")
        for method, path, allow in (("GET", "/evaluate", "POST"), ("PUT", "/explain", "POST"),
                                    ("DELETE", "/ruleset", "GET, HEAD"), ("POST", "/", "GET, HEAD"),
                                    ("OPTIONS", "/evaluate", "POST")):
            status, headers, body = self.server.request(method, path, b"{}" if method != "GET" else None, JSON)
            self.refused(status, body, 405, [method, allow], "method_not_allowed")
            self.assertEqual(headers["allow"], allow)

    def test_content_types(self):
        for headers in ({"Content-Type": "text/plain"}, {"Content-Type": "application/x-www-form-urlencoded"}, {}):
            status, _, body = self.server.request("POST", "/evaluate", self.record, headers)
            self.refused(status, body, 415, ["application/json", "application/x-ndjson"], "unsupported_media_type")
        status, _, body = self.server.request("POST", "/explain", self.record, NDJSON)
        self.refused(status, body, 415, ["application/json"], "unsupported_media_type")
        status, _, body = self.server.request("POST", "/evaluate", self.record, {"Content-Type": "Application/JSON; charset=UTF-8"})
        self.assertEqual(status, 200)

    def test_a_foreign_host_is_refused(self):
        status, _, body = self.server.request("GET", "/ruleset", headers={"Host": "attacker.example"})
        self.refused(status, body, 403, ["attacker.example"], "forbidden_host")
        status, _, _ = self.server.request("GET", "/ruleset", headers={"Host": "localhost:1"})
        self.assertEqual(status, 200)

    def test_a_slow_body_is_cut_off(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(b"POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      b"Transfer-Encoding: chunked\r\n\r\n")
            for _ in range(4):
                s.sendall(b"1\r\n \r\n")
                time.sleep(0.5)
            s.sendall(b"1\r\n \r\n")
            answer = s.recv(65536)
        self.assertIn(b" 408 ", answer.split(b"\r\n")[0])
        self.assertIn("1 秒的时限".encode(), answer)

    def test_not_http(self):
        for garbage in (b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X: " + b"y" * 20000 + b"\r\n\r\n",
                        b"\x00\x01\x02\x03" * 100, b"BREW /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
                s.sendall(garbage)
                s.shutdown(socket.SHUT_WR)
                answer = s.recv(65536)
            self.assertTrue(answer == b"" or re.match(rb"HTTP/1\.1 4\d\d ", answer), answer[:200])
            self.assertTrue(self.server.alive())

    def test_a_connection_goes_on_after_a_refusal(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        status, _, _ = self.server.request("POST", "/evaluate", b"{", JSON, connection)
        self.assertEqual(status, 400)
        status, _, body = self.server.request("POST", "/evaluate", self.record, JSON, connection)
        self.assertEqual(status, 200)
        self.assertIn(b"\"awards\"", body)
        connection.close()


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
