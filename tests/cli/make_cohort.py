#!/usr/bin/env python3
"""Writes answer files for a synthetic cohort (standard library only), for tests/cli/analyze.sh.

    make_cohort.py ITEMS.tsv N SEED OUTDIR

ITEMS.tsv is what tests/cli/quiz_items prints. Taker i has a true direction (the directions in
turn), an ability (low, middle, high in turn) and answers every item of the quiz in OUTDIR/i.yaml:
likert items keyed for the true direction high, others low or middling with noise; scenarios
the option weighted most for the true direction two times in three; knowledge items right with
a probability that grows with ability and is higher in the true direction; 3 % of items skipped.
One answer in a knowledge item of each profile is a wrong single option (credit 0).
"""
import random, sys

def load(path):
    dirs, items = [], []
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "#directions":
            dirs = f[1:]
            continue
        keys = {} if f[3] == "-" else {k: float(v) for k, v in (kv.split("=") for kv in f[3].split(","))}
        opts = []
        if f[4] != "-":
            for o in f[4].split(","):
                oid, ws = o.split(":", 1)
                opts.append((oid, {k: float(v) for k, v in (kv.split("=") for kv in ws.split("|"))} if ws else {}))
        items.append({"id": f[0], "kind": f[1], "keys": keys, "options": opts,
                      "answer": [] if f[5] == "-" else f[5].split("+")})
    return dirs, items

def answer(rng, it, true, ability, dirs):
    if rng.random() < 0.03:
        return "skip"
    if it["kind"] == "likert":
        w = it["keys"].get(true, 0)
        base = 3 + 1.6 * w if w else 2.4
        return str(min(5, max(1, round(base + rng.gauss(0, 0.9)))))
    if it["kind"] == "choice":
        best = max(it["options"], key=lambda o: o[1].get(true, 0))
        return best[0] if rng.random() < 0.67 else rng.choice(it["options"])[0]
    own = max(it["keys"], key=it["keys"].get) if it["keys"] else None
    p = [0.35, 0.6, 0.85][ability] + (0.1 if own == true else 0)
    if rng.random() < p:
        a = it["answer"]
        return a[0] if len(a) == 1 else "[" + ", ".join(a) + "]"
    wrong = [o[0] for o in it["options"] if o[0] not in it["answer"]]
    return rng.choice(wrong)

def main():
    dirs, items = load(sys.argv[1])
    n, seed, out = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    for i in range(n):
        true, ability = dirs[i % len(dirs)], (i // len(dirs)) % 3
        with open(f"{out}/{i}.yaml", "w", encoding="utf-8") as f:
            for it in items:
                f.write(f"{it['id']}: {answer(rng, it, true, ability, dirs)}\n")

main()
