"""Writes N generated records for tests/ranking/ranking.zc (its two 排名s) as JSON Lines on
stdout, the same for the same N and seed: many ties on both keys (so the tie rules are at
work), about one record in twenty without 年度用电量 (not in the 用电 ranking). For measuring a
ranked run at scale (docs/performance.md); the file is generated, never committed:

    python3 bench/ranking_records.py 10000000 > /tmp/ranked.jsonl"""

import random
import sys


def main():
    count = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 23)
    out = sys.stdout
    batch = []
    for i in range(count):
        used = "" if rng.random() < 0.05 else f'"年度用电量": {rng.randrange(1, 100000) / 10}, '
        day = 1 + rng.randrange(28)
        batch.append(f'{{"id": "E{i:08}", {used}"项目得分": {rng.randrange(0, 1000) / 10}, '
                     f'"申报日期": "2024-{1 + rng.randrange(12):02}-{day:02}"}}\n')
        if len(batch) == 10000:
            out.write("".join(batch))
            batch.clear()
    out.write("".join(batch))


if __name__ == "__main__":
    main()
