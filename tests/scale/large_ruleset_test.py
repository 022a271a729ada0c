"""Large rulesets (issue 25, item 19), checked for what they give, never for time:

- zc check accepts a ruleset of 100,000 clauses (bench/large_ruleset.py: copies of the
  seed policies) and says so;
- zc run with the default engine, auto, runs it on the interpreter and says so in one line
  on stderr, and its output is the interpreter's;
- a ruleset of 1,000 clauses, large enough that the code generator splits it into parts
  (BatchCodegen.cpp) and the JIT compiles it in pieces (jit/ModuleParts.cpp), gives the
  same bytes on the interpreter, the JIT (compiled, then from its cache), auto (which
  compiles it, silently) and a library zc build makes, and pays awards on the sample
  records;
- zc test of that ruleset with a test added runs it on both engines, the JIT's optimised
  code compiled in pieces, and they agree;
- a ruleset of 300 clauses, split into parts but small enough for the JIT to compile whole
  (both tiers), gives the interpreter's bytes on the JIT.

    large_ruleset_test.py ZC LIBRARY_RUN RECORDS [CLAUSES]

CLAUSES (100,000 unless given) is the size of the large ruleset: the sanitized build
(build-asan) gives 25,000, still past what auto compiles, since there each 100,000-clause
run costs minutes and finds nothing the smaller one does not.
"""

import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
import large_ruleset  # noqa: E402


def main():
    zc, library_run, records = sys.argv[1:4]
    size = int(sys.argv[4]) if len(sys.argv) > 4 else 100000
    failures, checks = 0, 0

    def expect(ok, what):
        nonlocal failures, checks
        checks += 1
        print(("ok " if ok else "FAIL ") + what, flush=True)
        failures += not ok

    with tempfile.TemporaryDirectory(prefix="zc-large-ruleset-") as folder:
        env = dict(os.environ, ZC_CACHE_DIR=os.path.join(folder, "cache"))
        big = large_ruleset.write(size, os.path.join(folder, "big"))
        check = subprocess.run([zc, "check", big], capture_output=True, text=True, env=env)
        expect(check.returncode == 0 and "ok (%d clauses" % size in check.stderr + check.stdout,
               "zc check of %d clauses: exit %d, %s" % (size, check.returncode, (check.stderr + check.stdout).strip()[-300:]))

        def run(ruleset, *engine):
            return subprocess.run([zc, "run", ruleset, "--input", records, "--format", "jsonl", "--quiet", *engine],
                                  capture_output=True, env=env)

        chosen = run(big)
        said = chosen.stderr.decode(errors="replace").splitlines()
        expect(chosen.returncode == 0, "zc run of %d clauses, engine auto: exit %d" % (size, chosen.returncode))
        expect(len(said) == 1 and "%d clauses" % size in said[0] and "running on the interpreter" in said[0]
               and big in said[0], "auto says in one line that it runs %d clauses on the interpreter, naming them: %r" % (size, said))
        changed = subprocess.run([zc, "diff", big, "--param", "美元汇率=7.2", "--input", records, "--format", "json"],
                                 capture_output=True, env=env)
        said = changed.stderr.decode(errors="replace").splitlines()
        expect(changed.returncode == 0 and len([line for line in said if "running on the interpreter" in line]) == 1,
               "zc diff of one ruleset with a parameter changed says once that auto runs it on the interpreter: %r" % said)
        interp = run(big, "--engine", "interp")
        expect(chosen.stdout == interp.stdout and interp.stderr == b"", "auto's bytes for %d clauses are the interpreter's" % size)

        whole = large_ruleset.write(300, os.path.join(folder, "whole"))
        jit, interp = run(whole, "--engine", "jit"), run(whole, "--engine", "interp")
        expect(jit.returncode == 0 and jit.stdout == interp.stdout and b'"clause"' in interp.stdout,
               "the JIT's bytes for 300 clauses, compiled whole, are the interpreter's")

        path = large_ruleset.write(1000, os.path.join(folder, "parts"))
        env["ZC_CACHE_DIR"] = os.path.join(folder, "parts-cache")
        outputs = {}
        def cache_entries(cache):
            jit = os.path.join(cache, "jit")
            return [name for name in os.listdir(jit) if name.endswith(".zcjit")] if os.path.isdir(jit) else []

        for name, engine in (("interp", ["--engine", "interp"]), ("jit", ["--engine", "jit"]),
                             ("jit, cached", ["--engine", "jit"])):
            done = run(path, *engine)
            outputs[name] = done.stdout
            expect(done.returncode == 0, "zc run (%s) of 1,000 clauses: exit %d" % (name, done.returncode))
        expect(len(cache_entries(env["ZC_CACHE_DIR"])) == 1, "the JIT's pieces are one cache entry")
        # auto in a cache of its own: the entry it leaves shows that it compiled.
        env["ZC_CACHE_DIR"] = os.path.join(folder, "auto-cache")
        done = run(path)
        outputs["auto"] = done.stdout
        expect(done.returncode == 0 and done.stderr == b"",
               "auto runs 1,000 clauses without a word: exit %d %r" % (done.returncode, done.stderr[-300:]))
        expect(len(cache_entries(env["ZC_CACHE_DIR"])) == 1, "auto compiled 1,000 clauses with the JIT")
        # The seed's test of CJ-Q-3a, which only that clause pays, here in each copy: zc test
        # runs it on the interpreter and on the JIT's optimised code (the light pipeline, in
        # pieces), which must agree.
        tested = os.path.join(folder, "parts", "tested.zc")
        with open(path, encoding="utf-8") as source:
            text = source.read()
        paid = sorted(set(re.findall(r'"(CJ-Q~\d+-3a)"', text)))
        with open(tested, "w", encoding="utf-8") as out:
            out.write(text + '\n测试 "三级平台各奖一次" {\n'
                      '  输入 { 区县: "昌江区", 新认定创新平台级别: [国家级, 省级, 市级, 国家级] };\n' +
                      "".join('  期望 "%s" 企业 = 75 万元;\n' % clause for clause in paid) + "}\n")
        test = subprocess.run([zc, "test", "--engine", "both", tested], capture_output=True, text=True, env=env)
        expect(test.returncode == 0 and "1 passed, 0 failed" in test.stdout + test.stderr,
               "zc test --engine both of 1,000 clauses: exit %d %s" % (test.returncode, (test.stdout + test.stderr)[-300:]))
        library = os.path.join(folder, "parts.so")
        build = subprocess.run([zc, "build", path, "-o", library], capture_output=True, text=True, env=env)
        expect(build.returncode == 0, "zc build of 1,000 clauses: exit %d %s" % (build.returncode, build.stderr[-300:]))
        outputs["library"] = subprocess.run([library_run, library, records], capture_output=True).stdout
        lines = outputs["interp"].decode().splitlines()
        expect(len(lines) == sum(1 for line in open(records, encoding="utf-8") if line.strip()),
               "one result line a record (%d)" % len(lines))
        expect(sum('"clause"' in line for line in lines) > 0, "some records are paid")
        expect(outputs["jit"] == outputs["interp"], "the JIT's bytes are the interpreter's")
        expect(outputs["jit, cached"] == outputs["interp"], "the cached JIT's bytes are the interpreter's")
        expect(outputs["auto"] == outputs["jit"], "auto's bytes for 1,000 clauses are the JIT's")
        expect(outputs["library"] == outputs["interp"], "the library's bytes are the interpreter's")
    print("%d passed, %d failed" % (checks - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
