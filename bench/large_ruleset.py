"""Writes a ruleset of about N clauses made of copies of the seed policies:

    /usr/bin/python3 bench/large_ruleset.py CLAUSES FOLDER   # prints the ruleset's path

Each copy k of the four seed documents (examples/seed-policies) is the same policy text
with its policy and clause ids renamed (CJ-Q -> CJ-Q~k, so CJ-Q-6 -> CJ-Q~k-6, and every
reference inside the copy follows), so the copies are as varied as the seed's 27 clauses
(tiers, matches, sums over lists, exclusions) and every clause fires on some records. The
seed's tests are left out; its schema and parameter are declared once. The last copy is cut
short so that the ruleset has exactly N clauses."""

import os
import re
import sys

SEED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "seed-policies")
DOCUMENTS = ["cj-q.zc", "cj-b.zc", "px-z.zc", "xj-y.zc"]
IDS = re.compile(r'"(CJ-Q|CJ-B|PX-Z|XJ-Y)')


def policy_text(path):
    """The document's 政策 block: from its first line to the "}" that closes it."""
    lines = open(path, encoding="utf-8").read().split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("政策 "))
    end = next(i for i in range(start, len(lines)) if lines[i] == "}")
    return lines[start : end + 1]


def clauses_of(block):
    """The block split into its head (up to the first 条款), each clause's lines, and its closing line."""
    head, clauses, current = [], [], None
    for line in block[:-1]:
        if line.startswith("  条款 "):
            current = [line]
            clauses.append(current)
        elif current is not None:
            current.append(line)
        else:
            head.append(line)
    return head, clauses, block[-1:]


def write(count, folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(SEED, "schema.zc"), encoding="utf-8") as f:
        schema = f.read()
    with open(os.path.join(folder, "schema.zc"), "w", encoding="utf-8") as f:
        f.write(schema)
    documents = [clauses_of(policy_text(os.path.join(SEED, name))) for name in DOCUMENTS]
    out = ['导入 "std/units.zc";', '导入 "std/policy.zc";', '导入 "schema.zc";', "",
           "参数 美元汇率: 元/美元 属于 (0, ∞) = 7.10 元/美元;", ""]
    written, copy = 0, 0
    while written < count:
        for head, clauses, tail in documents:
            if written >= count:
                break
            take = clauses[: count - written]
            renamed = lambda line: IDS.sub(lambda m: '"%s~%d' % (m.group(1), copy), line)
            for line in head + [line for clause in take for line in clause] + tail:
                out.append(renamed(line))
            out.append("")
            written += len(take)
        copy += 1
    path = os.path.join(folder, "ruleset-%d.zc" % count)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: large_ruleset.py CLAUSES FOLDER")
    print(write(int(sys.argv[1]), sys.argv[2]))
