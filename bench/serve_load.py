"""A bounded load test of zc serve on loopback:
   /usr/bin/python3 bench/serve_load.py ZC RULESET RECORDS EXPECTED [CLIENTS] [REQUESTS]
                    [--explain] [--new-connections] [--attacks]
starts zc serve on a free port, runs CLIENTS threads each sending REQUESTS
single-record POST /evaluate requests (the sample enterprises in turn) over
one kept-alive connection each, or with --new-connections a new connection
a request, requires every answer to be exactly that record's expected line,
and prints requests/s, latency percentiles and the connections reset or
refused. With --explain, every tenth request is a POST /explain whose result
must match. With --attacks, the server's memory (VmRSS) is printed before the
load, after it, after each attack of docs/serve.md's limits (slow and idle
clients, lines without end, a refused 1 GiB body, large bodies read whole),
and once the server has been quiet for two seconds.
Exit code 1 on any error, reset or wrong answer. The clients are Python
threads on the same machine, so the figures bound zc serve's speed from below."""

import http.client
import json
import os
import re
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "serve"))
import zcserve  # noqa: E402

arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
ZC, RULESET, RECORDS, EXPECTED = arguments[:4]
CLIENTS = int(arguments[4]) if len(arguments) > 4 else 8
REQUESTS = int(arguments[5]) if len(arguments) > 5 else 2000
EXPLAIN = "--explain" in sys.argv
NEW_CONNECTIONS = "--new-connections" in sys.argv
ATTACKS = "--attacks" in sys.argv

with open(RECORDS, "rb") as f:
    records = f.read().splitlines()
with open(EXPECTED, "rb") as f:
    expected = f.read().splitlines(keepends=True)
assert len(records) == len(expected)


def new_connection():
    return http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)


def client(index, latencies, problems, resets):
    connection = new_connection()
    for n in range(REQUESTS):
        i = (index * REQUESTS + n) % len(records)
        explain = EXPLAIN and n % 10 == 9
        start = time.perf_counter()
        try:
            if NEW_CONNECTIONS:
                connection = new_connection()
            connection.request("POST", "/explain" if explain else "/evaluate", body=records[i],
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            body = response.read()
            if NEW_CONNECTIONS:
                connection.close()
        except (OSError, http.client.HTTPException) as e:
            resets.append(f"client {index} request {n}: {e!r}")
            connection.close()
            connection = new_connection()
            continue
        latencies.append(time.perf_counter() - start)
        if response.status != 200:
            problems.append(f"client {index} request {n}: HTTP {response.status} {body[:200]!r}")
        elif explain:
            result = json.dumps(json.loads(body)["result"], ensure_ascii=False).encode() + b"\n"
            if result != expected[i]:
                problems.append(f"client {index} request {n}: /explain's result differs for record {i + 1}")
        elif body != expected[i]:
            problems.append(f"client {index} request {n}: wrong answer for record {i + 1}: {body[:200]!r}")
    connection.close()


def rss_mib():
    with open(f"/proc/{server.process.pid}/status") as f:
        status = f.read()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def at_once(count, attack):
    threads = [threading.Thread(target=attack) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def send_quietly(s, data):
    try:
        s.sendall(data)
        return True
    except OSError:
        return False


def slow_and_idle():
    """16 clients sending a byte every half second and 100 idle ones, for 4 s."""
    idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(100)]
    slow = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(16)]
    for _ in range(8):
        for s in slow:
            send_quietly(s, b"P")
        time.sleep(0.5)
    for s in idle + slow:
        s.close()


def line_without_end():
    with socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(b"GET /")
        for _ in range(64):
            if not send_quietly(s, b"a" * (1 << 20)):
                break


def refused_gigabyte():
    with socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(b"POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1073741824\r\n\r\n")
        for _ in range(64):
            if not send_quietly(s, b" " * (1 << 20)):
                break


def large_bodies():
    """A body just under the 16 MiB limit, read whole and refused as JSON."""
    connection = new_connection()
    connection.request("POST", "/evaluate", body=b"{" + b" " * ((16 << 20) - 2),
                       headers={"Content-Type": "application/json"})
    connection.getresponse().read()
    connection.close()


server = zcserve.Server(ZC, RULESET, "--max-client-connections", "1024", "--max-connections", "1024")
memory = []
try:
    memory.append(("at start", rss_mib()))
    latencies = [[] for _ in range(CLIENTS)]
    problems, resets = [], []
    threads = [threading.Thread(target=client, args=(k, latencies[k], problems, resets)) for k in range(CLIENTS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    memory.append(("after the load", rss_mib()))
    if ATTACKS:
        for name, count, attack in (("16 slow + 100 idle clients", 1, slow_and_idle),
                                    ("16 lines of 64 MiB without end", 16, line_without_end),
                                    ("16 refused bodies of 1 GiB", 16, refused_gigabyte),
                                    ("16 bodies of 16 MiB read whole", 16, large_bodies)):
            at_once(count, attack)
            memory.append((f"after {name}", rss_mib()))
        time.sleep(2.5)
        memory.append(("quiet for 2 s", rss_mib()))
    alive = server.alive()
finally:
    code = server.stop()

every = sorted(l for per in latencies for l in per)


def percentile(p):
    return every[min(len(every) - 1, int(p / 100 * len(every)))] * 1000


print(f"serve_load: clients={CLIENTS} requests={len(every)} errors={len(problems)} resets={len(resets)} "
      f"requests_per_s={len(every) / elapsed:.0f} p50_ms={percentile(50):.2f} p99_ms={percentile(99):.2f} "
      f"max_ms={every[-1] * 1000:.2f}{' explain_every=10' if EXPLAIN else ''}"
      f"{' new_connections' if NEW_CONNECTIONS else ' kept_connections'}")
for name, mib in memory:
    print(f"serve_load: memory {name}: {mib:.0f} MiB")
for problem in (problems + resets)[:10]:
    print(problem, file=sys.stderr)
ok = not problems and not resets and len(every) == CLIENTS * REQUESTS and alive and code == 0
sys.exit(0 if ok else 1)
