"""The C ABI's _at functions against zc run: a library made by zc build, given
an input cut into parts of whole lines (tests/library/library_parts.c, in C),
writes for the parts, joined in order, exactly the bytes and exit code that
`zc run --format jsonl` gives for the whole input. A ruleset without a
资金池 or a 排名 (zhengce_evaluate_jsonl_at), one with two pools
(zhengce_pool_claims_at, zhengce_pool_settle, zhengce_evaluate_jsonl_settled_at),
one with two rankings (zhengce_rank_keys_at, zhengce_rank_settle,
zhengce_evaluate_jsonl_ranked_at) and one with both (the rankings' steps,
then zhengce_pool_claims_ranked_at, zhengce_pool_settle and
zhengce_evaluate_jsonl_ranked_settled_at), each on its records as they are
and with what moves line numbers about: a byte order mark, blank lines, a
line that is not JSON and a record with a bad field.

    library_parts_test.py ZC LIBRARY_PARTS [NAME LIBRARY RULESET RECORDS]...
"""

import os
import subprocess
import sys
import tempfile


def hostile(text):
    """The records with a byte order mark, blank lines, a bad line and a bad field among them."""
    lines = text.splitlines(keepends=True)
    middle = len(lines) // 2
    # BAD-RANGE: the seed schema's 营业收入 is 属于 [0, ∞), so the library refuses it as zc run does.
    bad = ['{"id": "BAD-FIELD", "区县": 7}\n', "not json at all\n", '{"id": "BAD-RANGE", "营业收入": -5}\n', "\n"]
    return "\ufeff" + "".join(lines[:middle]) + "\n" + "".join(bad) + "".join(lines[middle:]) + "\n"


def main():
    zc, parts_binary = sys.argv[1:3]
    rulesets = [tuple(sys.argv[i:i + 4]) for i in range(3, len(sys.argv), 4)]
    failures = 0
    checks = 0
    with tempfile.TemporaryDirectory(prefix="zc-library-parts-") as folder:
        for name, library, ruleset, records in rulesets:
            with open(records, encoding="utf-8") as f:
                text = f.read()
            for variant, content in (("as is", text), ("hostile", hostile(text))):
                path = os.path.join(folder, "%s-%s.jsonl" % (name, variant.replace(" ", "-")))
                with open(path, "w", encoding="utf-8") as f:
                    f.write(content)
                expected = subprocess.run([zc, "run", ruleset, "--input", path, "--format", "jsonl", "--quiet"],
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                if not expected.stdout:
                    print("FAIL %s, %s: zc run wrote nothing (exit %d)" % (name, variant, expected.returncode))
                    failures += 1
                    continue
                for parts in ("1", "2", "3", "0"):
                    got = subprocess.run([parts_binary, library, path, parts], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                    checks += 1
                    shown = "one part a line" if parts == "0" else parts + " part(s)"
                    if got.stdout != expected.stdout or got.returncode != expected.returncode:
                        failures += 1
                        print("FAIL %s, %s, %s: exit %d (zc run %d)\n%s" % (name, variant, shown, got.returncode,
                                                                           expected.returncode, got.stderr.decode(errors="replace")))
                        for a, b in zip(got.stdout.decode().splitlines(), expected.stdout.decode().splitlines()):
                            if a != b:
                                print("  library: %s\n  zc run:  %s" % (a, b))
                                break
                    else:
                        print("ok %s, %s, %s" % (name, variant, shown))
    print("%d passed, %d failed" % (checks - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
