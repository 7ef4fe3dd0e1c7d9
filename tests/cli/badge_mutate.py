#!/usr/bin/env python3
"""badge_mutate.py BADGE OUTDIR: writes one copy of BADGE per single change: every scalar value
replaced (a string gets one more character, a number, a boolean flipped), every member of an
object removed, every array element removed; each with a .what file saying what changed."""
import copy, json, os, sys

doc = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
n = 0


def emit(d, what):
    global n
    n += 1
    path = os.path.join(out, f"{n:04d}.json")
    json.dump(d, open(path, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
    open(path + ".what", "w").write(what)


def changed(v):
    if isinstance(v, bool):
        return not v
    if isinstance(v, (int, float)):
        return v + 1
    if isinstance(v, str):
        return v[:-1] + ("A" if not v.endswith("A") else "B") if v else "x"
    return None


def walk(v, path):
    items = v.items() if isinstance(v, dict) else enumerate(v) if isinstance(v, list) else []
    for k, child in list(items):
        p = path + [k]
        d = copy.deepcopy(doc)
        target = d
        for step in path:
            target = target[step]
        del target[k]
        emit(d, f"removed {p}")
        if isinstance(child, (dict, list)):
            walk(child, p)
        else:
            d = copy.deepcopy(doc)
            target = d
            for step in path:
                target = target[step]
            target[k] = changed(child)
            emit(d, f"changed {p}")


walk(doc, [])
