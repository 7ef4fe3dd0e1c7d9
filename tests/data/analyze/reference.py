#!/usr/bin/env python3
"""An independent computation of the worked example of docs/analyze.md (standard library only).

The six takers of tests/unit/test_analyze.c answer the items of banks/w.yaml; this script
computes every figure that test checks straight from the definitions, without signpost's code:
run it to see where the test's numbers come from.
"""
import itertools, math

DIRS = ["infra", "agents"]
LIKERT = {"w.like.infra": {"infra": 1}, "w.like.agents": {"agents": 1}, "w.like.flat": {"agents": 0.5}}
CHOICE = {"w.scene": {"a": {"infra": 2}, "b": {"agents": 2}, "c": {"infra": 1, "agents": 1}, "d": {}}}
KNOW = {"w.know.k1": ("abcd", {"a"}), "w.know.k2": ("abc", {"b"}), "w.know.k3": ("abcd", {"a", "c"}),
        "w.know.unseen": ("ab", {"a"})}
S = "skip"
TAKERS = [
    {"w.like.infra": 5, "w.like.agents": 1, "w.like.flat": 3, "w.scene": "a", "w.know.k1": "a", "w.know.k2": "b", "w.know.k3": "ac"},
    {"w.like.infra": 4, "w.like.agents": 2, "w.like.flat": 3, "w.scene": "a", "w.know.k1": "a", "w.know.k2": "c", "w.know.k3": "a"},
    {"w.like.infra": 2, "w.like.agents": 4, "w.like.flat": 3, "w.scene": "b", "w.know.k1": "b", "w.know.k2": "b", "w.know.k3": "ab"},
    {"w.like.infra": 1, "w.like.agents": 5, "w.like.flat": 3, "w.scene": "b", "w.know.k1": "c", "w.know.k2": "a", "w.know.k3": S},
    {"w.like.infra": 3, "w.like.agents": 3, "w.like.flat": 3, "w.scene": "c", "w.know.k1": "a", "w.know.k2": "b", "w.know.k3": "acd"},
    {"w.like.infra": 4, "w.like.agents": S, "w.like.flat": 3, "w.know.k1": "a"},
]

def credit(item, ans):
    opts, right = KNOW[item]
    if ans == S:
        return 0.0
    wrong = len(opts) - len(right)
    c = len(set(ans) & right) / len(right) - (len(set(ans) - right) / wrong if wrong else 0)
    return max(0.0, c)

def parts(t, d):
    """Per item: (knowledge?, contribution, low, high) for direction d."""
    out = {}
    for i, a in t.items():
        if i in KNOW:
            if d == "infra":
                out[i] = (True, credit(i, a), 0, 1)
        elif a == S:
            continue
        elif i in LIKERT and d in LIKERT[i]:
            w = LIKERT[i][d]
            out[i] = (False, w * (a - 3) / 2, -abs(w), abs(w))
        elif i in CHOICE:
            ws = [o.get(d, 0) for o in CHOICE[i].values()]
            if max(ws) > min(ws):
                out[i] = (False, CHOICE[i][a].get(d, 0), min(ws), max(ws))
    return out

def scale(p, knowledge, without=None):
    it = [v for k, v in p.items() if v[0] == knowledge and k != without]
    if knowledge:
        return sum(v[1] for v in it) / len(it) if it else None
    lo, hi = sum(v[2] for v in it), sum(v[3] for v in it)
    return (sum(v[1] for v in it) - lo) / (hi - lo) if hi > lo else None

def pearson(xs, ys):
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    vx = sum((x - mx) ** 2 for x in xs); vy = sum((y - my) ** 2 for y in ys)
    if vx == 0 or vy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(vx * vy)

def sd(xs):
    n = len(xs); m = sum(xs) / n
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))

def item_score(i, a, d):
    if i in KNOW: return credit(i, a)
    if i in LIKERT: return a
    return CHOICE[i][a].get(d, 0)

def item_vs(i, d):
    xs, ys = [], []
    for t in TAKERS:
        if i not in t or (i not in KNOW and t[i] == S):
            continue
        p = parts(t, d)
        rest = scale(p, i in KNOW, without=i)
        if rest is None:
            continue
        xs.append(item_score(i, t[i], d)); ys.append(rest)
    return xs, ys

print("== items")
for i in list(KNOW) + list(LIKERT) + list(CHOICE):
    seen = [t[i] for t in TAKERS if i in t]
    line = f"{i}: seen {len(seen)} skipped {seen.count(S)}"
    if i in KNOW:
        cs = [credit(i, a) for a in seen]
        opts, right = KNOW[i]
        if len(right) == 1:
            guess = 100 / len(opts)
        else:
            sets = [c for r in range(1, len(opts) + 1) for c in itertools.combinations(opts, r)]
            guess = 100 * sum(credit(i, "".join(s)) for s in sets) / len(sets)
        line += f" facility {100 * sum(cs) / len(cs) if cs else None} guess {guess}"
        if len(cs) > 1:
            line += f" sd {sd(cs)}"
        xs, ys = item_vs(i, "infra")
        r = pearson(xs, ys)
        line += f" n {len(xs)} DI {None if r is None else 100 * r}"
        if r is not None:
            n = len(xs); mx, my = sum(xs) / n, sum(ys) / n
            c = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (n - 1)
            cmax = sum((x - mx) * (y - my) for x, y in zip(sorted(xs), sorted(ys))) / (n - 1)
            line += f" DE {100 * c / cmax}"
    elif i in LIKERT:
        vs = [a for a in seen if a != S]
        line += f" mean {sum(vs) / len(vs)} sd {sd(vs)}"
    print(line)
    for d in DIRS:
        xs, ys = item_vs(i, d)
        print(f"    {d}: n {len(xs)} r {pearson(xs, ys)}")
    if i in CHOICE:
        for o in CHOICE[i]:
            for d in DIRS:
                xs, ys = item_vs(i, d)
                chose = [1 if t[i] == o else 0 for t in TAKERS if i in t and t[i] != S and scale(parts(t, d), False, i) is not None]
                print(f"    option {o} vs {d}: r {pearson(chose, ys)}")

print("== scales")
for d in DIRS:
    for knowledge in (True, False):
        ps = [parts(t, d) for t in TAKERS]
        ps = [{k: v for k, v in p.items() if v[0] == knowledge} for p in ps]
        ps = [p for p in ps if p]
        if not ps:
            print(f"{d} {'knowledge' if knowledge else 'interest'}: no items"); continue
        scores = [scale(p, knowledge) for p in ps]
        items = sorted({k for p in ps for k in p})
        vw = vn = cw = cn = 0
        for i in items:
            v = [p[i][1] for p in ps if i in p]
            if len(v) >= 2:
                vw += len(v) * sd(v) ** 2; vn += len(v)
        for i, j in itertools.combinations(items, 2):
            both = [(p[i][1], p[j][1]) for p in ps if i in p and j in p]
            n = len(both)
            if n >= 2:
                mx = sum(b[0] for b in both) / n; my = sum(b[1] for b in both) / n
                cw += n * sum((a - mx) * (b - my) for a, b in both) / (n - 1); cn += n
        k = sum(len(p) for p in ps) / len(ps)
        v, c = vw / vn, cw / cn
        alpha = k * c / (v + (k - 1) * c)
        pool = len(items) * c / (v + (len(items) - 1) * c)
        print(f"{d} {'knowledge' if knowledge else 'interest'}: results {len(ps)} k {k} mean {sum(scores) / len(scores)} "
              f"sd {sd(scores)} v {v} c {c} alpha {alpha} pool({len(items)}) {pool} sem {sd(scores) * math.sqrt(1 - alpha)}")

print("== cohort")
for d in DIRS:
    fits = []
    for t in TAKERS:
        p = parts(t, d)
        i, k = scale(p, False), scale(p, True)
        fit = 0.8 * i + 0.2 * k if i is not None and k is not None else i if i is not None else k
        if fit is not None:
            fits.append(fit)
    print(f"{d}: fits {[round(f, 4) for f in fits]} mean {sum(fits) / len(fits)} sd {sd(fits)}")
