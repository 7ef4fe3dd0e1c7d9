#!/usr/bin/env python3
"""Whole-process benchmarks of signpost, for tools/bench.sh (standard library only).

  procs.py start SIGNPOST QUIZ [RUNS]   time to the first question against `signpost --version`,
                                        with the quiz cache warm, cold (emptied before each run;
                                        the run fills it) and off (--no-cache)
  procs.py memory SIGNPOST FILE [RUNS]  peak RSS of `signpost check FILE` against the file's size
  procs.py percall SIGNPOST PUBFILE QUIZ N FILE...
                                        CPU time (user + sys) of one `signpost verify -p PUBFILE
                                        --quiz QUIZ FILE` process per file (a full replay) against one `minisign -Vm
                                        FILE.body -p PUBFILE` per file, over the first N files
  procs.py whole SIGNPOST PUBFILE QUIZ DIR
                                        wall and CPU time of `signpost analyze DIR` as one
                                        process against `signpost verify` of the same files

Each timed case runs once to warm up, then RUNS times (default 7), and prints the median,
minimum and maximum, and the ratio the benchmark's goal is about. The first question is seen on
standard error, where take writes its questions when standard output is not a terminal: the
cheapest honest driver, with no pseudo-terminal to set up.
"""
import glob
import shutil
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


def prime(signpost, quiz, env):
    """Fills the cache: take runs to its first prompt, where it writes the cache files (it defers
    them until then), and ends there, its standard input at its end."""
    subprocess.run([signpost, "take", "--quiz", quiz, "--seed", "1"], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    folder = os.path.join(env["XDG_CACHE_HOME"], "signpost")
    if len(glob.glob(os.path.join(folder, "quiz-*.bin"))) < 2:
        raise SystemExit("procs.py: take did not fill the quiz cache")


def start(signpost, quiz, runs):
    with tempfile.TemporaryDirectory() as state, tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, SIGNPOST_STATE_DIR=state, XDG_CACHE_HOME=cache, LC_ALL="C.UTF-8",
                   NO_COLOR="1")
        env.pop("SIGNPOST_NO_CACHE", None)
        off = dict(env, SIGNPOST_NO_CACHE="1")
        first_question(signpost, quiz, env)
        version(signpost, env)
        warm, cold, none, v = [], [], [], []
        for _ in range(runs):
            # A run killed at its first question may not have written the cache yet.
            prime(signpost, quiz, env)
            warm.append(first_question(signpost, quiz, env) * 1e3)
            shutil.rmtree(os.path.join(cache, "signpost"), ignore_errors=True)
            cold.append(first_question(signpost, quiz, env) * 1e3)
            none.append(first_question(signpost, quiz, off) * 1e3)
            v.append(version(signpost, env) * 1e3)
    mw = summary("first question, cache warm", warm, "ms")
    mc = summary("first question, cache cold", cold, "ms")
    mn = summary("first question, --no-cache", none, "ms")
    mv = summary("signpost --version", v, "ms")
    print(f"ratio (first question warm / --version, medians): {mw / mv:.2f}")
    print(f"ratio (first question cold / --version, medians): {mc / mv:.2f}")
    print(f"ratio (first question --no-cache / --version, medians): {mn / mv:.2f}")


def cpu_of(cmd, env):
    """User + system CPU seconds of one run of cmd (its exit status is not checked here)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def percall(signpost, pub, quiz, n, files):
    """One process per file: signpost verify against minisign -Vm, CPU summed over the files."""
    files = files[:n]
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache, LC_ALL="C.UTF-8", NO_COLOR="1")
        env.pop("SIGNPOST_NO_CACHE", None)
        bodies = []
        for i, f in enumerate(files):
            copy = os.path.join(tmp, f"r{i}.signpost")
            shutil.copy(f, copy)
            subprocess.run([signpost, "export", "--minisign", copy], check=True,
                           stdout=subprocess.DEVNULL, env=env)
            bodies.append(copy + ".body")
        verify = [signpost, "verify", "-p", pub, "--quiz", quiz]
        out = subprocess.run(verify + [files[0]], capture_output=True, text=True, env=env)
        if ": verified" not in out.stdout:  # it also fills the cache
            raise SystemExit(f"procs.py: {files[0]} does not verify: {out.stdout}{out.stderr}")
        off = dict(env, SIGNPOST_NO_CACHE="1")
        sp = cold = ms = 0.0
        # Interleaved file by file, so that a change in the machine's load moves all three alike.
        for f, b in zip(files, bodies):
            sp += cpu_of(verify + [f], env)
            ms += cpu_of(["minisign", "-Vm", b, "-p", pub, "-q"], env)
            cold += cpu_of(verify + [f], off)
    k = len(files)
    print(f"signpost verify, cache warm  {sp / k * 1e3:9.3f} ms CPU per file ({k} processes)")
    print(f"signpost verify, --no-cache  {cold / k * 1e3:9.3f} ms CPU per file ({k} processes)")
    print(f"minisign -Vm                 {ms / k * 1e3:9.3f} ms CPU per file ({k} processes)")
    print(f"ratio (signpost verify warm / minisign, CPU): {sp / ms:.2f}")
    print(f"ratio (signpost verify --no-cache / minisign, CPU): {cold / ms:.2f}")


def timed(cmd, env):
    """Wall and CPU seconds of one run of cmd, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole(signpost, pub, quiz, folder):
    """analyze of a folder as one process against verify of the same files as one process."""
    files = sorted(glob.glob(os.path.join(folder, "r*.signpost")))
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache, LC_ALL="C.UTF-8", NO_COLOR="1")
        env.pop("SIGNPOST_NO_CACHE", None)
        # verify takes its files as arguments: xargs keeps to one process when they fit. The
        # names come from find, not a shell glob, which 100,000 files would overflow (and an
        # empty verify would then be timed); xargs must run verify and it may only exit 0 or 1.
        verify = ["sh", "-c", f'find "$1" -name "r*.signpost" | sort | xargs -r "$0" verify '
                  f'-p "$2" --quiz "$3" >/dev/null; [ $? -le 123 ]', signpost, folder, pub, quiz]
        analyze = [signpost, "analyze", "-p", pub, "--quiz", quiz, folder]
        timed(verify, env)
        vw, vc = timed(verify, env)
        if vc < 0.0001 * len(files):  # no verify of a signed file takes under 0.1 ms
            sys.exit(f"verify of {len(files)} files took {vc:.3f} s of CPU: it did not run")
        aw, ac = timed(analyze, env)
    print(f"files {len(files)}")
    print(f"verify, one process          {vw:9.3f} s wall, {vc:9.3f} s CPU")
    print(f"analyze, one process         {aw:9.3f} s wall, {ac:9.3f} s CPU")
    print(f"ratio (analyze / verify, wall): {aw / vw:.2f}")
    print(f"ratio (analyze / verify, CPU): {ac / vc:.2f}")


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
    if len(sys.argv) < 4 or sys.argv[1] not in ("start", "memory", "percall", "whole"):
        raise SystemExit(__doc__)
    if sys.argv[1] == "percall":
        percall(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6:])
        return
    if sys.argv[1] == "whole":
        whole(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
        return
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    (start if sys.argv[1] == "start" else memory)(sys.argv[2], sys.argv[3], runs)


if __name__ == "__main__":
    main()
