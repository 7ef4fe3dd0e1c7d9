#!/usr/bin/env python3
"""Checks `signpost analyze --json` against an independent computation (standard library only).

    analyze_check.py ITEMS.tsv REPORT.json RESULT...

ITEMS.tsv is what tests/cli/quiz_items prints for the quiz. The result files are read directly
(the body after the signature block): the answers for the item statistics, the recorded scores
and advice for the cohort. Every figure is computed here from the definitions of
docs/analyze.md, without signpost's code, and compared with the report; differences are
printed and the exit status is 1.
"""
import itertools, json, math, sys

TOL = 2e-4
# The report pairs the sorted values bin by bin (64 bins over 0..1, docs/analyze.md); this
# script pairs them exactly, so the two may differ a little when a bin holds several values.
TOL_DE = 0.5

def load_items(path):
    dirs, items = [], {}
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
        items[f[0]] = {"kind": f[1], "keys": keys, "options": opts,
                       "answer": set() if f[5] == "-" else set(f[5].split("+"))}
    return dirs, items

def load_result(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines[0].startswith("untrusted comment:"):
        lines = lines[4:]
    r = {"answers": {}, "scores": {}}
    section = None
    for line in lines:
        if not line.startswith("  "):
            section = line.split(":")[0]
            value = line.split(": ", 1)[1] if ": " in line else ""
            if section in ("primary", "flat", "level"):
                r[section] = value
            elif section == "near_tie":
                r[section] = [x for x in value.strip("[]").split(", ") if x]
            continue
        key, value = line.strip().split(": ", 1)
        if section == "answers":
            r["answers"][key] = value.strip("[]").split(", ") if value.startswith("[") else value
        elif section == "scores":
            fields = dict(kv.split(": ") for kv in value.strip("{}").split(", "))
            r["scores"][key] = {k: None if v == "null" else float(v) for k, v in fields.items()}
    return r

def credit(it, ans):
    if ans == "skip":
        return 0.0
    chosen = set(ans) if isinstance(ans, list) else {ans}
    right = it["answer"]
    wrong = len(it["options"]) - len(right)
    c = len(chosen & right) / len(right) - (len(chosen - right) / wrong if wrong else 0)
    return max(0.0, c)

def part(it, ans, d):
    """(is knowledge, value, low, high) of an answer for direction d, or None."""
    if it["kind"] == "knowledge":
        k = it["keys"].get(d, 0)
        return (True, k * credit(it, ans), k, 0) if k > 0 else None
    if ans == "skip":
        return None
    if it["kind"] == "likert":
        w = it["keys"].get(d, 0)
        return (False, w * (int(ans) - 3) / 2, -abs(w), abs(w)) if w else None
    ws = [o[1].get(d, 0) for o in it["options"]]
    if max(ws) <= min(ws):
        return None
    return (False, dict(it["options"])[ans].get(d, 0), min(ws), max(ws))

def scale_score(parts, knowledge):
    ps = [p for p in parts if p[0] == knowledge]
    if knowledge:
        w = sum(p[2] for p in ps)
        return sum(p[1] for p in ps) / w if w > 1e-9 else None
    lo, hi = sum(p[2] for p in ps), sum(p[3] for p in ps)
    return (sum(p[1] for p in ps) - lo) / (hi - lo) if hi - lo > 1e-9 else None

def pearson(xs, ys):
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    vx = sum((x - mx) ** 2 for x in xs); vy = sum((y - my) ** 2 for y in ys)
    if vx <= 1e-12 or vy <= 1e-12:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(vx * vy)

def sd(xs):
    if len(xs) < 2:
        return None
    m = sum(xs) / len(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))

def efficiency(xs, ys):
    """Moodle's discriminative efficiency: 100 C / Cmax, Cmax pairing both sorted."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    cmax = sum((x - mx) * (y - my) for x, y in zip(sorted(xs), sorted(ys)))
    return 100 * cov / cmax if cmax > 1e-12 else None

def own_dir(it, dirs):
    best, most = None, 0
    for d in dirs:
        if it["kind"] == "choice":
            ws = [o[1].get(d, 0) for o in it["options"]]
            m = max(ws) - min(ws)
        else:
            m = abs(it["keys"].get(d, 0))
        if m > most + 1e-9:
            best, most = d, m
    return best

class Checker:
    def __init__(self):
        self.errors, self.checked = [], 0

    def eq(self, what, got, want, tol=TOL):
        self.checked += 1
        if want is None or got is None:
            if want is not got:
                self.errors.append(f"{what}: report {got}, expected {want}")
        elif abs(got - want) > tol:
            self.errors.append(f"{what}: report {got}, expected {want}")

def check_cohort(c, rep, results, dirs):
    co = rep["cohort"]
    c.eq("results", co["results"], len(results))
    c.eq("near_tie", co["near_tie"], sum(1 for r in results if r["near_tie"]))
    c.eq("flat close", co["flat"]["close_fits"], sum(1 for r in results if r["flat"] == "close-fits"))
    c.eq("flat same", co["flat"]["same_likert"], sum(1 for r in results if r["flat"] == "same-likert"))
    for level in ("entry", "advanced", "professional", "expert"):
        c.eq(f"level {level}", co["levels"][level], sum(1 for r in results if r["level"] == level))
    for dd in co["directions"]:
        d = dd["id"]
        c.eq(f"primary {d}", dd["primary"], sum(1 for r in results if r["primary"] == d))
        fits = [r["scores"][d]["fit"] for r in results if r["scores"][d]["fit"] is not None]
        c.eq(f"fit mean {d}", dd["fit_mean"], sum(fits) / len(fits) if fits else None)
        c.eq(f"fit sd {d}", dd["fit_sd"], sd(fits))

def check_item(c, j, it, results, dirs):
    iid = j["id"]
    seen = [r for r in results if iid in r["answers"]]
    c.eq(f"{iid} seen", j["seen"], len(seen))
    c.eq(f"{iid} skipped", j["skipped"], sum(1 for r in seen if r["answers"][iid] == "skip"))
    own = own_dir(it, dirs)
    if it["kind"] == "knowledge":
        cs = [credit(it, r["answers"][iid]) for r in seen]
        c.eq(f"{iid} facility", j["facility"], 100 * sum(cs) / len(cs) if cs else None)
    elif it["kind"] == "likert":
        vs = [int(r["answers"][iid]) for r in seen if r["answers"][iid] != "skip"]
        c.eq(f"{iid} mean", j["mean"], sum(vs) / len(vs) if vs else None)
        c.eq(f"{iid} sd", j["sd"], sd(vs))
    for d in dirs:
        xs, ys = [], []
        for r in seen:
            ans = r["answers"][iid]
            if it["kind"] != "knowledge" and ans == "skip":
                continue
            others = [part(items[k], a, d) for k, a in r["answers"].items() if k != iid]
            rest = scale_score([p for p in others if p], it["kind"] == "knowledge")
            if rest is None:
                continue
            x = credit(it, ans) if it["kind"] == "knowledge" else int(ans) if it["kind"] == "likert" \
                else dict(it["options"])[ans].get(d, 0)
            xs.append(x); ys.append(rest)
        s = next(s for s in j["scales"] if s["direction"] == d)
        c.eq(f"{iid} n {d}", s["n"], len(xs))
        c.eq(f"{iid} r {d}", s["r"], pearson(xs, ys))
        if it["kind"] == "knowledge" and d == own:
            r = pearson(xs, ys)
            c.eq(f"{iid} DI", j["discrimination"], None if r is None else 100 * r)
            c.eq(f"{iid} DE", j["efficiency"], efficiency(xs, ys), tol=TOL_DE)

def check_scales(c, rep, results, dirs):
    for s in rep["scales"]:
        d, knowledge = s["direction"], s["scale"] == "knowledge"
        per = []
        for r in results:
            ps = {k: part(items[k], a, d) for k, a in r["answers"].items()}
            ps = {k: p for k, p in ps.items() if p and p[0] == knowledge}
            if ps:
                per.append(ps)
        c.eq(f"{d} {s['scale']} results", s["results"], len(per))
        if not per:
            continue
        k = sum(len(p) for p in per) / len(per)
        c.eq(f"{d} {s['scale']} per form", s["form_items"], k)
        vw = vn = cw = cn = 0
        names = sorted({i for p in per for i in p})
        for i in names:
            v = [p[i][1] for p in per if i in p]
            if len(v) >= 2:
                vw += len(v) * sd(v) ** 2; vn += len(v)
        for i, i2 in itertools.combinations(names, 2):
            both = [(p[i][1], p[i2][1]) for p in per if i in p and i2 in p]
            n = len(both)
            if n >= 2:
                mx = sum(b[0] for b in both) / n; my = sum(b[1] for b in both) / n
                cw += n * sum((a - mx) * (b - my) for a, b in both) / (n - 1); cn += n
        if vn and cn and k > 1:
            v, cov = vw / vn, cw / cn
            c.eq(f"{d} {s['scale']} alpha", s["alpha"], k * cov / (v + (k - 1) * cov))

dirs, items = load_items(sys.argv[1])
report = json.load(open(sys.argv[2], encoding="utf-8"))
results = [load_result(p) for p in sys.argv[3:]]
c = Checker()
assert len(report["quizzes"]) == 1, "one quiz expected"
rep = report["quizzes"][0]
check_cohort(c, rep, results, dirs)
for j in rep["items"]:
    check_item(c, j, items[j["id"]], results, dirs)
check_scales(c, rep, results, dirs)
for e in c.errors[:40]:
    print(e)
print(f"{c.checked} figures checked, {len(c.errors)} differ")
sys.exit(1 if c.errors else 0)
