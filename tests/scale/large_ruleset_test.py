"""Large rulesets (issue 25, item 19), checked for what they give, never for time:

- zc check accepts a ruleset of 100,000 clauses (bench/large_ruleset.py: copies of the
  seed policies) and says so;
- a ruleset of 1,000 clauses, large enough that the code generator splits it into parts
  (BatchCodegen.cpp), gives the same bytes on the interpreter, the JIT and a library zc
  build makes, and pays awards on the sample records.

    large_ruleset_test.py ZC LIBRARY_RUN RECORDS
"""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
import large_ruleset  # noqa: E402


def main():
    zc, library_run, records = sys.argv[1:4]
    failures, checks = 0, 0

    def expect(ok, what):
        nonlocal failures, checks
        checks += 1
        print(("ok " if ok else "FAIL ") + what, flush=True)
        failures += not ok

    with tempfile.TemporaryDirectory(prefix="zc-large-ruleset-") as folder:
        env = dict(os.environ, ZC_CACHE_DIR=os.path.join(folder, "cache"))
        big = large_ruleset.write(100000, os.path.join(folder, "big"))
        check = subprocess.run([zc, "check", big], capture_output=True, text=True, env=env)
        expect(check.returncode == 0 and "ok (100000 clauses" in check.stderr + check.stdout,
               "zc check of 100,000 clauses: exit %d, %s" % (check.returncode, (check.stderr + check.stdout).strip()[-300:]))

        path = large_ruleset.write(1000, os.path.join(folder, "parts"))
        outputs = {}
        for engine in ("interp", "jit"):
            run = subprocess.run([zc, "run", path, "--input", records, "--engine", engine, "--format", "jsonl", "--quiet"],
                                 capture_output=True, env=env)
            outputs[engine] = run.stdout
            expect(run.returncode == 0, "zc run --engine %s of 1,000 clauses: exit %d" % (engine, run.returncode))
        library = os.path.join(folder, "parts.so")
        build = subprocess.run([zc, "build", path, "-o", library], capture_output=True, text=True, env=env)
        expect(build.returncode == 0, "zc build of 1,000 clauses: exit %d %s" % (build.returncode, build.stderr[-300:]))
        outputs["library"] = subprocess.run([library_run, library, records], capture_output=True).stdout
        lines = outputs["interp"].decode().splitlines()
        expect(len(lines) == sum(1 for line in open(records, encoding="utf-8") if line.strip()),
               "one result line a record (%d)" % len(lines))
        expect(sum('"clause"' in line for line in lines) > 0, "some records are paid")
        expect(outputs["jit"] == outputs["interp"], "the JIT's bytes are the interpreter's")
        expect(outputs["library"] == outputs["interp"], "the library's bytes are the interpreter's")
    print("%d passed, %d failed" % (checks - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
