"""A bounded load test of zc serve on loopback:
   /usr/bin/python3 bench/serve_load.py ZC RULESET RECORDS EXPECTED [CLIENTS] [REQUESTS] [--explain]
starts zc serve on a free port, runs CLIENTS threads each sending REQUESTS
single-record POST /evaluate requests over one kept-alive connection (the
sample enterprises in turn), requires every answer to be exactly that
record's expected line, and prints requests/s and latency percentiles. With
--explain, every tenth request is a POST /explain whose result must match.
Exit code 1 on any error or wrong answer. The clients are Python threads on
the same machine, so the figures bound zc serve's speed from below."""

import http.client
import json
import os
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

with open(RECORDS, "rb") as f:
    records = f.read().splitlines()
with open(EXPECTED, "rb") as f:
    expected = f.read().splitlines(keepends=True)
assert len(records) == len(expected)


def client(index, latencies, problems):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    for n in range(REQUESTS):
        i = (index * REQUESTS + n) % len(records)
        explain = EXPLAIN and n % 10 == 9
        start = time.perf_counter()
        try:
            connection.request("POST", "/explain" if explain else "/evaluate", body=records[i],
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as e:
            problems.append(f"client {index} request {n}: {e!r}")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
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


server = zcserve.Server(ZC, RULESET)
try:
    latencies = [[] for _ in range(CLIENTS)]
    problems = []
    threads = [threading.Thread(target=client, args=(k, latencies[k], problems)) for k in range(CLIENTS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    alive = server.alive()
finally:
    code = server.stop()

every = sorted(l for per in latencies for l in per)


def percentile(p):
    return every[min(len(every) - 1, int(p / 100 * len(every)))] * 1000


print(f"serve_load: clients={CLIENTS} requests={len(every)} errors={len(problems)} "
      f"requests_per_s={len(every) / elapsed:.0f} p50_ms={percentile(50):.2f} p99_ms={percentile(99):.2f} "
      f"max_ms={every[-1] * 1000:.2f}{' explain_every=10' if EXPLAIN else ''}")
for problem in problems[:10]:
    print(problem, file=sys.stderr)
ok = not problems and len(every) == CLIENTS * REQUESTS and alive and code == 0
sys.exit(0 if ok else 1)
