#!/usr/bin/env python3
"""Whole-process benchmarks of signpost, for tools/bench.sh (standard library only).

  procs.py start SIGNPOST QUIZ [RUNS]   time to the first question against `signpost --version`
  procs.py memory SIGNPOST FILE [RUNS]  peak RSS of `signpost check FILE` against the file's size

Each case runs once to warm up, then RUNS times (default 7), and prints the median, minimum
and maximum, and the ratio the benchmark's goal is about.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def summary(label, values, unit):
    med = statistics.median(values)
    print(f"{label:<28} median {med:9.3f} {unit}  (min {min(values):9.3f}, "
          f"max {max(values):9.3f}; {len(values)} runs)")
    return med


def first_question(signpost, quiz, env):
    """Seconds from exec to the first question on the terminal side (stderr when piped)."""
    t0 = time.perf_counter()
    p = subprocess.Popen([signpost, "take", "--quiz", quiz, "--seed", "1"],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    seen = b""
    while b"1 of" not in seen and b"\xe7\xac\xac 1" not in seen:
        chunk = os.read(p.stderr.fileno(), 65536)
        if not chunk:
            raise SystemExit("procs.py: signpost take ended before the first question")
        seen += chunk
    t1 = time.perf_counter()
    p.kill()
    p.wait()
    return t1 - t0


def version(signpost, env):
    t0 = time.perf_counter()
    subprocess.run([signpost, "--version"], stdout=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - t0


def start(signpost, quiz, runs):
    with tempfile.TemporaryDirectory() as state:
        env = dict(os.environ, SIGNPOST_STATE_DIR=state, LC_ALL="C.UTF-8", NO_COLOR="1")
        first_question(signpost, quiz, env)
        version(signpost, env)
        q, v = [], []
        for _ in range(runs):
            q.append(first_question(signpost, quiz, env) * 1e3)
            v.append(version(signpost, env) * 1e3)
    mq = summary("time to the first question", q, "ms")
    mv = summary("signpost --version", v, "ms")
    print(f"ratio (first question / --version, medians): {mq / mv:.2f}")


def peak_rss_kib(cmd):
    """Peak RSS of one run of cmd, measured in a child of a fresh child so that earlier runs
    do not count (ru_maxrss of RUSAGE_CHILDREN is a maximum over every waited child)."""
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code] + cmd, capture_output=True, text=True,
                         check=True)
    return int(out.stdout)


def memory(signpost, path, runs):
    size = os.path.getsize(path)
    peak_rss_kib([signpost, "check", path])
    rss = [peak_rss_kib([signpost, "check", path]) / 1024 for _ in range(runs)]
    print(f"file {path}: {size / 2**20:.1f} MiB")
    med = summary("peak RSS of check", rss, "MiB")
    print(f"ratio (peak RSS / file size, medians): {med * 2**20 / size:.2f}")


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("start", "memory"):
        raise SystemExit(__doc__)
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    (start if sys.argv[1] == "start" else memory)(sys.argv[2], sys.argv[3], runs)


if __name__ == "__main__":
    main()
