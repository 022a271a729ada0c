"""How check and compile time grow with a ruleset's size:

    /usr/bin/python3 bench/ruleset_scale.py build/compiler/zc [CLAUSES...]   # default 1000 10000 100000

For each size, a ruleset of that many clauses (bench/large_ruleset.py: copies of the seed
policies) is checked (zc check), then run on the 40 sample records with the interpreter and
with the JIT (a fresh, empty object cache, so the JIT compiles). Prints wall seconds and
peak memory of each, and for each step up in size the growth of its time: a linear
compiler grows 10x for 10x the clauses. The two engines' results are checked to be the
same bytes. Ratios within one run are what count: run it on an otherwise quiet machine."""

import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import large_ruleset  # noqa: E402

RECORDS = os.path.join(HERE, "..", "tests", "data", "sample-enterprises.jsonl")


def timed(command, env):
    """(wall seconds, CPU seconds, peak resident MB so far) of the command, which must succeed.
    CPU seconds say more than wall seconds on a shared machine. The JIT compiles a ruleset of
    more than about 500 clauses once, a piece at a time (jit/ModuleParts.h); a smaller one
    twice, the quick code and the optimised code side by side."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("%s failed (%d):\n%s" % (" ".join(command), done.returncode, done.stderr.decode(errors="replace")[-2000:]))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of the children is the largest any has had so far: a later, larger run shows.
    return wall, cpu, after.ru_maxrss / 1024


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: ruleset_scale.py ZC [CLAUSES...]")
    zc = sys.argv[1]
    sizes = [int(n) for n in sys.argv[2:]] or [1000, 10000, 100000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="zc-ruleset-scale-") as folder:
        env = dict(os.environ, ZC_CACHE_DIR=os.path.join(folder, "cache"))
        for n in sizes:
            path = large_ruleset.write(n, os.path.join(folder, str(n)))
            check = timed([zc, "check", path], env)
            outputs = {}
            runs = {}
            for engine in ("interp", "jit"):
                outputs[engine] = os.path.join(folder, "%d-%s.jsonl" % (n, engine))
                runs[engine] = timed([zc, "run", path, "--input", RECORDS, "--engine", engine, "--output", outputs[engine],
                                      "--format", "jsonl", "--quiet"], env)
            with open(outputs["interp"], "rb") as a, open(outputs["jit"], "rb") as b:
                if a.read() != b.read():
                    sys.exit("the interpreter and the JIT disagree on the %d-clause ruleset" % n)
            rows.append((n, check, runs["interp"], runs["jit"]))
            print("%7d clauses: check %7.2f s (%7.2f CPU-s)   interp run %7.2f s (%7.2f)   jit run %7.2f s (%7.2f)"
                  "   peak RSS so far %.0f MB" % (n, check[0], check[1], runs["interp"][0], runs["interp"][1], runs["jit"][0],
                                                   runs["jit"][1], runs["jit"][2]), flush=True)
    fields = []
    for (n0, c0, i0, j0), (n1, c1, i1, j1) in zip(rows, rows[1:]):
        growth = n1 / n0
        print("%d -> %d clauses (x%g): CPU-s of check x%.1f, interp run x%.1f, jit run x%.1f (linear: x%g)" %
              (n0, n1, growth, c1[1] / c0[1], i1[1] / i0[1], j1[1] / j0[1], growth))
        fields.append("check_x%d=%.1f interp_x%d=%.1f jit_x%d=%.1f" % (n1, c1[1] / c0[1], n1, i1[1] / i0[1], n1, j1[1] / j0[1]))
    print("ruleset_scale: " + " ".join("check_%d_cpu_s=%.2f interp_%d_cpu_s=%.2f jit_%d_cpu_s=%.2f" % (n, c[1], n, i[1], n, j[1])
                                       for n, c, i, j in rows) + (" " + " ".join(fields) if fields else ""))


if __name__ == "__main__":
    main()
