"""zc serve against hostile HTTP clients, on raw sockets (issue 25, docs/serve.md
"Limits"):
   python3 hostile_http_test.py ZC RULESET SAMPLE_RECORDS
- a refused request's body is never read as the next request: the
  connection closes after the refusal;
- the request line, a header line and the number of headers are bounded, and
  a body refused for its size is not read (the server's memory stays put);
- slow, idle and many clients hold no thread: a normal client beside them is
  answered within a stated bound, they are cut off at their deadlines, one
  address holds a bounded number of connections, and SIGTERM ends the server
  promptly with them attached;
- a port another zc serve holds is refused; the listen backlog is the system's;
- POST /explain's record is bounded;
- the smaller cases: a half-closed client is answered, HTTP/1.0, a negative or
  signed Content-Length and an unknown Content-Encoding get their documented
  answer.
Bounds in seconds below are generous ceilings for a loaded 2-core machine,
not measurements: the work they bound takes milliseconds."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import unittest

import zcserve

ZC, RULESET, SAMPLE = sys.argv[1:4]
with open(SAMPLE, "rb") as f:
    RECORD = f.readline().strip()

# A normal client beside hostile ones must be answered within this.
SERVED_WITHIN = 5.0


def Server(*args):
    return zcserve.Server(ZC, RULESET, *args)


def rss_kib(server):
    with open(f"/proc/{server.process.pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def connect(server, source="127.0.0.1", timeout=10):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", server.port))
    return s


def read_all(s):
    """Every byte until the server closes; raises on a timeout (the connection was kept)."""
    data = b""
    while True:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk


def post(path, body, content_type="application/json", extra=b""):
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n").encode() + extra + b"\r\n" + body


def served_in_time(test, server):
    """A normal request on a new connection, answered exactly and within SERVED_WITHIN."""
    start = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=SERVED_WITHIN * 4)
    connection.request("POST", "/evaluate", body=RECORD, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    body = response.read()
    elapsed = time.monotonic() - start
    connection.close()
    test.assertEqual(response.status, 200, body)
    test.assertIn(b'"awards"', body)
    test.assertLess(elapsed, SERVED_WITHIN)


SMUGGLED = b"GET /ruleset HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


class RefusalTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--max-body", "100000", "--max-explain-body", "50000", "--time-limit", "2", "--head-timeout", "2",
                            "--idle-timeout", "2")

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0

    def answers(self, request):
        """The answers to `request` sent whole; the connection must be closed by the server after them."""
        with connect(self.server) as s:
            s.sendall(request)
            data = read_all(s)
        return data

    def test_a_refused_body_is_not_run_as_the_next_request(self):
        cases = [
            (415, post("/evaluate", SMUGGLED, "text/plain")),
            (403, (b"POST /evaluate HTTP/1.1\r\nHost: attacker.example\r\nContent-Type: application/json\r\n"
                   b"Content-Length: %d\r\n\r\n" % len(SMUGGLED)) + SMUGGLED),
            (413, b"POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 200000\r\n\r\n" + SMUGGLED),
            (404, post("/nothing", SMUGGLED)),
            (405, b"PUT /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % len(SMUGGLED) + SMUGGLED),
        ]
        for status, request in cases:
            with self.subTest(status=status):
                data = self.answers(request)
                self.assertTrue(data.startswith(b"HTTP/1.1 %d " % status), data[:100])
                self.assertEqual(data.count(b"HTTP/1.1 "), 1, data)  # the body was not answered as a request
                self.assertIn(b"Connection: close", data)

    def test_long_lines_many_headers_and_broken_requests_are_refused_in_chinese(self):
        # What the HTTP layer refuses is said in Chinese like every other refusal, with a code.
        cases = [
            (414, "line_too_long", b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
             "请求行超过 8192 字节的上限"),
            (431, "headers_too_large",
             b"GET /ruleset HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + b"y" * 9000 + b"\r\n\r\n", "请求头中有一行超过 8192 字节"),
            (431, "headers_too_large",
             b"GET /ruleset HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(b"X%d: 1\r\n" % i for i in range(70)) + b"\r\n",
             "请求头超过 64 行的上限"),
            (400, "bad_request", b"GET /ruleset\r\nHost: 127.0.0.1\r\n\r\n", "请求行不是“方法 路径 HTTP/1.1”的形式"),
            (400, "bad_request", b"G(T /ruleset HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "请求的方法不是由字母组成的词"),
        ]
        for status, code, request, words in cases:
            with self.subTest(words=words):
                data = self.answers(request)
                self.assertTrue(data.startswith(b"HTTP/1.1 %d " % status), data[:100])
                body = json.loads(data.split(b"\r\n\r\n", 1)[1])
                self.assertIn(words, body["error"])
                self.assertEqual(body["code"], code)
                self.assertNotRegex(body["error"], r"\b(the|is|not|request|line|header)\b")

    def test_a_line_without_end_is_cut_off_and_costs_no_memory(self):
        before = rss_kib(self.server)
        with connect(self.server) as s:
            s.sendall(b"GET /")
            sent, refused = 0, False
            try:
                while sent < 256 << 20:
                    s.sendall(b"a" * (1 << 20))
                    sent += 1 << 20
            except (BrokenPipeError, ConnectionResetError):
                refused = True
        self.assertTrue(refused, "the server read 256 MiB of one request line")
        self.assertLess(rss_kib(self.server) - before, 32 << 10)
        served_in_time(self, self.server)

    def test_a_body_refused_for_its_size_is_not_read(self):
        before = rss_kib(self.server)
        with connect(self.server) as s:
            s.sendall(b"POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1073741824\r\n\r\n")
            answer = s.recv(65536)
            self.assertTrue(answer.startswith(b"HTTP/1.1 413 "), answer[:100])
            sent = 0
            try:
                while sent < 256 << 20:
                    s.sendall(b" " * (1 << 20))
                    sent += 1 << 20
            except (BrokenPipeError, ConnectionResetError):
                pass
        self.assertLess(sent, 256 << 20, "the server went on reading a body it had refused")
        self.assertLess(rss_kib(self.server) - before, 32 << 10)

    def test_smaller_cases_get_their_documented_answer(self):
        cases = [
            (400, b"GET /ruleset HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", "只接受 HTTP/1.1"),
            (400, post("/evaluate", b"", extra=b"").replace(b"Content-Length: 0", b"Content-Length: -5"), "不是以字节计的长度"),
            (400, post("/evaluate", RECORD).replace(b"Content-Length: ", b"Content-Length: +"), "不是以字节计的长度"),
            (415, post("/evaluate", RECORD, extra=b"Content-Encoding: zstd\r\n"), "zstd"),
            (400, b"GET /ruleset HTTP/1.1\r\n\r\n", "没有 Host"),
            (400, post("/evaluate", RECORD, extra=b"Transfer-Encoding: chunked\r\n"), "Transfer-Encoding"),
        ]
        for status, request, words in cases:
            with self.subTest(words=words):
                start = time.monotonic()
                data = self.answers(request)
                self.assertTrue(data.startswith(b"HTTP/1.1 %d " % status), data[:100])
                self.assertIn(words, json.loads(data.split(b"\r\n\r\n", 1)[1])["error"])
                self.assertLess(time.monotonic() - start, 1.5)  # at once, not at a deadline (2 s)

    def test_a_half_closed_client_is_answered(self):
        with connect(self.server) as s:
            s.sendall(post("/evaluate", RECORD))
            s.shutdown(socket.SHUT_WR)
            data = read_all(s)
        self.assertTrue(data.startswith(b"HTTP/1.1 200 "), data[:100])
        self.assertIn(b'"awards"', data)

    def test_pipelined_requests_are_answered_in_order(self):
        with connect(self.server) as s:
            s.sendall(b"GET /ruleset HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + post("/evaluate", RECORD) +
                      b"GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = read_all(s)
        self.assertEqual(re.findall(rb"HTTP/1\.1 (\d+) ", data), [b"200", b"200", b"404"])

    def test_an_explanation_is_bounded(self):
        big = json.loads(RECORD)
        big["x"] = "a" * 60_000
        body = json.dumps(big).encode()
        data = self.answers(post("/explain", body))
        self.assertTrue(data.startswith(b"HTTP/1.1 413 "), data[:100])
        self.assertIn(b"--max-explain-body", data)
        status, _, _ = self.server.request("POST", "/explain", RECORD, {"Content-Type": "application/json"})
        self.assertEqual(status, 200)


class SlowClientTest(unittest.TestCase):
    def test_slow_and_idle_clients_hold_no_thread(self):
        server = Server("--threads", "2", "--head-timeout", "3", "--idle-timeout", "3", "--max-client-connections", "200")
        try:
            idle = [connect(server) for _ in range(100)]
            slow = [connect(server) for _ in range(16)]
            for s in slow:
                s.sendall(b"POST /evaluate HTTP/1.1\r\n")
            stop = threading.Event()

            def trickle():
                while not stop.wait(0.5):
                    for s in slow:
                        try:
                            s.sendall(b"X")
                        except OSError:
                            pass

            dripper = threading.Thread(target=trickle)
            dripper.start()
            try:
                time.sleep(0.5)
                served_in_time(self, server)
                # Cut off at their deadlines (3 s), well before their own end.
                start = time.monotonic()
                answers = [read_all(s) for s in slow]
                self.assertLess(time.monotonic() - start, 3 + SERVED_WITHIN)
                for a in answers:
                    self.assertTrue(a.startswith(b"HTTP/1.1 408 ") or a == b"", a[:100])
                self.assertTrue(any(a.startswith(b"HTTP/1.1 408 ") for a in answers))
                self.assertTrue(all(read_all(s) == b"" for s in idle))  # closed after 3 s idle
            finally:
                stop.set()
                dripper.join()
                for s in idle + slow:
                    s.close()
        finally:
            self.assertEqual(server.stop(), 0)

    def test_one_address_holds_a_bounded_number_of_connections(self):
        server = Server("--max-client-connections", "10")
        try:
            held = [connect(server, "127.0.0.2") for _ in range(10)]
            time.sleep(0.3)
            with connect(server, "127.0.0.2") as extra:
                extra.sendall(b"GET /ruleset HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                data = read_all(extra)
            self.assertTrue(data == b"" or data.startswith(b"HTTP/1.1 503 "), data[:100])
            served_in_time(self, server)  # from 127.0.0.1, another address
            for s in held:
                s.close()
        finally:
            self.assertEqual(server.stop(), 0)

    def test_past_the_connection_bound_clients_wait_their_turn(self):
        # 5 idle connections fill --max-connections; the next waits in the backlog
        # until one is closed for idleness (3 s), then is answered.
        server = Server("--max-connections", "5", "--idle-timeout", "3")
        try:
            idle = [connect(server) for _ in range(5)]
            time.sleep(0.3)
            with connect(server) as waiting:
                time.sleep(0.3)
                listing = subprocess.run(["ss", "-ltnH", f"sport = :{server.port}"], capture_output=True, text=True)
                self.assertEqual(int(listing.stdout.split()[1]), 1)  # Recv-Q: not accepted yet
                waiting.sendall(post("/evaluate", RECORD, extra=b"Connection: close\r\n"))
                answer = read_all(waiting)
            self.assertTrue(answer.startswith(b"HTTP/1.1 200 "), answer[:100])
            for s in idle:
                self.assertEqual(read_all(s), b"")
                s.close()
        finally:
            self.assertEqual(server.stop(), 0)

    def test_sigterm_closes_slow_connections(self):
        server = Server("--head-timeout", "60", "--idle-timeout", "60")
        slow = [connect(server) for _ in range(8)]
        for s in slow:
            s.sendall(b"POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        time.sleep(0.3)
        start = time.monotonic()
        self.assertEqual(server.stop(), 0)
        self.assertLess(time.monotonic() - start, SERVED_WITHIN)
        for s in slow:
            s.close()


class ListenTest(unittest.TestCase):
    def test_a_port_in_use_is_refused(self):
        server = Server()
        try:
            done = subprocess.run([ZC, "serve", RULESET, "--port", str(server.port)], capture_output=True, timeout=60)
            self.assertEqual(done.returncode, 1)
            self.assertIn("cannot listen", done.stderr.decode())
            self.assertIn("in use", done.stderr.decode())
        finally:
            self.assertEqual(server.stop(), 0)

    def test_the_backlog_is_the_systems_and_200_clients_connect(self):
        server = Server("--max-client-connections", "256")
        try:
            listing = subprocess.run(["ss", "-ltnH", f"sport = :{server.port}"], capture_output=True, text=True).stdout
            backlog = int(listing.split()[2])  # Send-Q of a listening socket is its backlog
            with open("/proc/sys/net/core/somaxconn") as f:
                self.assertEqual(backlog, int(f.read()))
            sockets = []
            for _ in range(200):
                s = socket.create_connection(("127.0.0.1", server.port), timeout=30)
                sockets.append(s)
            for s in sockets:
                s.sendall(post("/evaluate", RECORD, extra=b"Connection: close\r\n"))
            answers = [read_all(s) for s in sockets]
            self.assertEqual(sum(a.startswith(b"HTTP/1.1 200 ") for a in answers), 200)
            for s in sockets:
                s.close()
        finally:
            self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
