"""How fast is ``draftdiff compare``, against all-pairs baselines, and at what accuracy?

For each size (default 28, 1,000, 5,000 and 20,000 points) the generator of bench/generator.py makes a
pair of drafts with ground truth (seed 1), written as Markdown under bench/out/speed/. Then, in one run:

* **CLI**: ``draftdiff compare OLD NEW --format json`` end to end through a subprocess, JSON to
  /dev/null: interpreter start, reading both files, comparing, rendering. Wall time, median of the
  runs; peak memory = the child's ru_maxrss (``os.wait4`` in a small launcher, see run_child). Its link F1 comes from one more run whose
  JSON goes to a file.
* **library**: ``draftdiff.compare.compare(old, new)`` on the Draft objects the generator built;
  median wall time (in this process, after a gc.collect()). Its memory is measured apart, in a
  child process that builds the same case and runs one compare: how far the call raises its resident
  memory above the level before it (Linux high-water mark reset through /proc/self/clear_refs), which
  counts C allocations (rapidfuzz matrices) too.
* **difflib baseline**: all-pairs ``difflib.SequenceMatcher.ratio`` (set_seq2 once per new point,
  as the difflib documentation advises), then greedy matching: pairs by falling score, each point
  used once, down to a cut-off.
* **rapidfuzz baseline**: all-pairs ``fuzz.ratio`` through ``rapidfuzz.process.cdist(workers=-1)``
  (its fastest scorer on all cores), then the same greedy matching.

Each baseline runs at a size only while its predicted time (quadratic from the last size it ran,
probing 200 points first) stays within ``--limit`` seconds (default 120); beyond, its time is
extrapolated with a least-squares fit t = a*n^2 + b*n over the sizes it ran (those from 1,000 up
when there are two), and marked "fit".
Baselines run up to 3 times per size (fewer where that would pass the limit). They match top-level
points only; their link F1 is given at their best cut-off (scanned
over 30..90), so they are shown at their best.

The "all-pairs optimum" of issue 7, at 1,000 points, is the better of two references:
(a) the engine itself with ``CompareOptions(exhaustive=True)``: its own scorer on every pair of
leftover points instead of the candidates its index proposes (what candidate generation could lose
is exactly the difference); (b) an optimal assignment (Hungarian algorithm, numpy) over all pairs
scored with rapidfuzz fuzz.ratio, token_sort_ratio or token_set_ratio, pairs under a cut-off
(40..80) forbidden, the best of these 15 settings against the truth.

Results are printed with the targets of issue 7 and written as JSON to bench/out/speed-*.json.

**Speed gate** (``--against REV``): the same compare, in one run, with the source of an older
revision and with the current source (the working tree, uncommitted changes included). REV is checked
out into a temporary ``git worktree`` (removed afterwards); both sources time the library call
``compare(old, new)`` (reading the two Markdown files not timed) on one generator case
(``--points``, default 20,000) in a child process each (``PYTHONPATH=<tree>/src``; the child checks it imported that source), the
runs interleaved, old and new in turn. It prints both medians and the ratio current / old, and exits
1 when the ratio exceeds ``--max-ratio`` (default 1.2). Without REV: the merge-base of ``main`` and
HEAD (HEAD~1 when HEAD is on main); any revision git knows works (``HEAD~3``, a hash).

    python bench/speed.py                   # the full run (several minutes)
    python bench/speed.py --against 132a85c # the speed gate: 20,000 points, old source vs current
    python bench/speed.py --quick           # 28, 1,000, 5,000 points, 2 runs, 30 s baseline limit
    python bench/speed.py --sizes 28,1000 --runs 3
"""

from __future__ import annotations

import argparse
import difflib
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import Counts, from_comparison, from_json, links_of
from generator import generate, write_case

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
GiB = 1 << 30
PROBE = 200


# --------------------------------------------------------------------------------------------
# Baselines


def greedy(matrix, cutoff: float, band: float = 5.0) -> list[tuple[int, int]]:
    """Greedy 1:1 matching: pairs by falling score (ties by position), each side used once, score >= cutoff.

    >>> import numpy as np
    >>> greedy(np.array([[90, 80], [85, 10]], dtype=np.float32), 50)
    [(0, 0)]
    >>> greedy(np.array([[90, 80], [85, 60]], dtype=np.float32), 50)
    [(0, 0), (1, 1)]
    """
    return [(r, c) for r, c, _ in greedy_scored(matrix, cutoff, band)]


def greedy_scored(matrix, cutoff: float, band: float = 5.0) -> list[tuple[int, int, float]]:
    """:func:`greedy` with the score of each pair, in the order taken.

    Works down the scores in bands of ``band`` points, looking only at rows still free, so that its
    memory stays near the size of the matrix: listing every pair above a low cut-off at once (400
    million at 20,000 points) would not fit. Greedy is prefix-consistent: the pairs it takes with a
    score >= c are exactly what it takes with cut-off c.
    """
    import numpy as np

    n, m = matrix.shape
    out: list[tuple[int, int, float]] = []
    if not n or not m:
        return out
    used_r = np.zeros(n, dtype=bool)
    used_c = np.zeros(m, dtype=bool)
    lo = float(matrix.max())
    while lo >= cutoff:
        lo = max(cutoff, lo - band)
        free_rows = np.flatnonzero(~used_r)
        if not free_rows.size or used_c.all():
            break
        sub = matrix if free_rows.size == n else matrix[free_rows]
        r_idx, c_idx = np.nonzero(sub >= lo)
        del sub
        keep = ~used_c[c_idx]  # a pair above the band with a free row has a taken column
        r_idx, c_idx = free_rows[r_idx[keep]], c_idx[keep]
        scores = matrix[r_idx, c_idx]
        order = np.argsort(-scores, kind="stable")
        for r, c, sc in zip(
            r_idx[order].tolist(), c_idx[order].tolist(), scores[order].tolist(), strict=True
        ):
            if used_r[r] or used_c[c]:
                continue
            used_r[r] = used_c[c] = True
            out.append((r, c, sc))
        if lo <= cutoff:
            break
    return out


def difflib_matrix(old: Sequence[str], new: Sequence[str]):
    import numpy as np

    m = np.zeros((len(old), len(new)), dtype=np.float32)
    sm = difflib.SequenceMatcher(autojunk=False)
    for j, b in enumerate(new):
        sm.set_seq2(b)
        for i, a in enumerate(old):
            sm.set_seq1(a)
            m[i, j] = 100.0 * sm.ratio()
    return m


def rapidfuzz_matrix(old: Sequence[str], new: Sequence[str], scorer=None):
    from rapidfuzz import fuzz, process

    return process.cdist(old, new, scorer=scorer or fuzz.ratio, workers=-1)


BASELINES: dict[str, Callable] = {"difflib": difflib_matrix, "rapidfuzz": rapidfuzz_matrix}
DEFAULT_CUTOFF = 60.0
CUTOFFS = tuple(range(30, 91, 5))


def hungarian(weights) -> list[tuple[int, int]]:
    """Maximum-weight assignment (rows <= cols padded as needed): the (row, col) pairs with positive weight.

    The same algorithm as ``draftdiff.align.hungarian`` (Kuhn-Munkres with potentials), with the inner
    loop over columns vectorised in numpy: the pure-Python one of the package (which may not use
    numpy) takes minutes on the 1,000 x 1,000 all-pairs matrices this script solves 15 times.

    >>> import numpy as np
    >>> sorted(hungarian(np.array([[90, 80], [85, 0]], dtype=float)))
    [(0, 1), (1, 0)]
    """
    import numpy as np

    w = np.asarray(weights, dtype=float)
    transposed = w.shape[0] > w.shape[1]
    if transposed:
        w = w.T
    n, m = w.shape
    cost = w.max(initial=0.0) - w  # minimise
    inf = float("inf")
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    p = np.zeros(m + 1, dtype=int)  # p[j]: row assigned to column j (1-based; 0 = none)
    way = np.zeros(m + 1, dtype=int)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(m + 1, inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            free = ~used
            free[0] = False
            cur = cost[i0 - 1] - u[i0] - v[1:]
            better = free[1:] & (cur < minv[1:])
            minv[1:][better] = cur[better]
            way[1:][better] = j0
            masked = np.where(free[1:], minv[1:], inf)
            j1 = int(np.argmin(masked)) + 1
            delta = masked[j1 - 1]
            u[p[used]] += delta
            v[used] -= delta
            minv[free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = [(int(p[j]) - 1, j - 1) for j in range(1, m + 1) if p[j]]
    pairs = [(r, c) for r, c in pairs if w[r, c] > 0]
    return [(c, r) for r, c in pairs] if transposed else pairs


# --------------------------------------------------------------------------------------------
# Measurements


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peak_bytes: int | None = None
    f1: float | None = None
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    def as_dict(self) -> dict:
        return {
            "median_s": self.median,
            "runs_s": self.seconds,
            "peak_bytes": self.peak_bytes,
            "f1": self.f1,
            "note": self.note,
        }


def draftdiff_cmd() -> list[str]:
    exe = shutil.which("draftdiff")
    return [exe] if exe else [sys.executable, "-m", "draftdiff"]


# A minimal launcher (no site, four modules) starts the measured command, times it from spawn to exit
# and reports its peak RSS. Measuring from this process instead would be wrong: Linux counts the
# image a child had before exec (this process, holding baseline matrices, once over 1 GiB) in the
# child's ru_maxrss. The launcher's own image (about 10 MiB) is the floor of the measurement.
_LAUNCHER = """
import json, os, sys, time
out = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
t0 = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, out, 1)])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - t0
print(json.dumps([wall, os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024]))
"""


def run_child(argv: list[str], stdout_path: str = os.devnull) -> tuple[float, int, int, str]:
    """Run argv (stdout to stdout_path); return (wall seconds, exit status, peak RSS bytes, first stderr line).

    The wall time runs from spawning the command to its exit (interpreter start-up included, the
    launcher's own start-up not).
    """
    proc = subprocess.run(
        [sys.executable, "-S", "-c", _LAUNCHER, stdout_path, *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0 and not proc.stdout.strip():
        return 0.0, proc.returncode, 0, (proc.stderr.strip().splitlines() or ["launcher failed"])[-1]
    wall, rc, peak = json.loads(proc.stdout.strip().splitlines()[-1])
    err = proc.stderr.strip().splitlines()
    return wall, rc, peak, err[0] if err else ""


def link_f1(truth, pairs: set[tuple[str, str]]) -> float:
    want = links_of(truth)
    return Counts(tp=len(want & pairs), fp=len(pairs - want), fn=len(want - pairs)).f1


def time_cli(old: Path, new: Path, runs: int, truth, want_f1: bool) -> Timing:
    t = Timing()
    argv = [*draftdiff_cmd(), "compare", str(old), str(new), "--format", "json"]
    peaks = []
    for _ in range(runs):
        wall, rc, peak, err = run_child(argv)
        if rc not in (0, 1):
            t.note = f"exit {rc}: {err}"
            return t
        t.seconds.append(wall)
        peaks.append(peak)
    t.peak_bytes = max(peaks) if peaks else None
    if want_f1:
        path = old.parent / "compare.json"
        _, rc, _, err = run_child(argv, str(path))
        if rc in (0, 1):
            found = from_json(json.loads(path.read_text(encoding="utf-8")))
            t.f1 = link_f1(truth, links_of(found))
    return t


def time_library(case, runs: int, measure_memory: bool) -> Timing:
    from draftdiff.compare import compare

    t = Timing()
    result = None
    for _ in range(runs):
        result = None
        gc.collect()
        t0 = time.perf_counter()
        result = compare(case.old, case.new)
        t.seconds.append(time.perf_counter() - t0)
    t.f1 = link_f1(case.truth, links_of(from_comparison(result)))
    del result
    if measure_memory:
        argv = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--lib-child",
            f"{len(case.old.points)},{case.seed}",
        ]
        out = subprocess.run(argv, capture_output=True, text=True, check=False)
        if out.returncode == 0:
            t.peak_bytes = json.loads(out.stdout)["growth_bytes"]
        else:
            t.note = f"memory child failed: {(out.stderr.strip().splitlines() or [''])[-1]}"
    return t


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def lib_child(spec: str) -> int:
    """In a fresh process: build the case, then report how far one compare() raises the resident memory.

    On Linux the high-water mark is reset first (``/proc/self/clear_refs``), after freed memory has been
    handed back (``malloc_trim``), so that the generator's temporaries do not hide the compare's peak.
    """
    import ctypes

    from draftdiff.compare import compare

    n, seed = (int(x) for x in spec.split(","))
    case = generate(n, seed)
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        Path("/proc/self/clear_refs").write_text("5")
        reset = True
    except OSError:
        reset = False
    before = _status_kib("VmRSS") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    compare(case.old, case.new)
    after = _status_kib("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth_bytes": (after - before) * 1024, "peak_bytes": after * 1024, "reset": reset}))
    return 0


def run_baseline(name: str, case, runs: int) -> Timing:
    old = [p.text for p in case.old.points]
    new = [p.text for p in case.new.points]
    t = Timing()
    matrix = None
    for _ in range(runs):
        t0 = time.perf_counter()
        matrix = BASELINES[name](old, new)
        greedy(matrix, DEFAULT_CUTOFF)
        t.seconds.append(time.perf_counter() - t0)
    best = (-1.0, 0)
    taken = greedy_scored(matrix, min(CUTOFFS))  # greedy is prefix-consistent: one run serves every cut-off
    del matrix
    for cutoff in CUTOFFS:
        pairs = {(old_id(case, i), new_id(case, j)) for i, j, sc in taken if sc >= cutoff}
        best = max(best, (link_f1(case.truth, pairs), cutoff))
    t.f1 = best[0]
    t.note = f"best cut-off {best[1]}"
    return t


def mem_available() -> int | None:
    """MemAvailable from /proc/meminfo, in bytes (None where there is no such file)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def old_id(case, i: int) -> str:
    return case.old.points[i].id


def new_id(case, j: int) -> str:
    return case.new.points[j].id


def exhaustive_f1(case) -> tuple[float, float] | None:
    """Link F1 and seconds of the engine scoring every leftover pair (None if it has no such option)."""
    import dataclasses

    from draftdiff.compare import CompareOptions, compare

    if "exhaustive" not in {f.name for f in dataclasses.fields(CompareOptions)}:
        return None
    t0 = time.perf_counter()
    result = compare(case.old, case.new, CompareOptions(exhaustive=True))
    return link_f1(case.truth, links_of(from_comparison(result))), time.perf_counter() - t0


def all_pairs_optimum(case) -> tuple[float, str]:
    """Best link F1 of an optimal text-only assignment over all pairs (see the module docstring)."""
    import numpy as np
    from rapidfuzz import fuzz

    old = [p.text for p in case.old.points]
    new = [p.text for p in case.new.points]
    best = (-1.0, "")
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio, fuzz.token_set_ratio):
        m = np.asarray(rapidfuzz_matrix(old, new, scorer), dtype=float)
        for cutoff in (40, 50, 60, 70, 80):
            w = np.where(m >= cutoff, m, 0.0)
            pairs = {(old_id(case, i), new_id(case, j)) for i, j in hungarian(w)}
            best = max(best, (link_f1(case.truth, pairs), f"{scorer.__name__}, cut-off {cutoff}"))
    return best


def quad_fit(points: dict[int, float]) -> Callable[[int], float] | None:
    """t = a n^2 + b n by least squares on relative error (None if < 2 sizes).

    Over the sizes from 1,000 up when there are two or more of them, else over all.
    """
    import numpy as np

    sizes = sorted(n for n, s in points.items() if s is not None and s > 0)
    if len(sizes) < 2:
        return None
    if sum(n >= 1000 for n in sizes) >= 2:  # tiny sizes measure overheads, not the trend
        sizes = [n for n in sizes if n >= 1000]
    x = np.array(sizes, dtype=float)
    y = np.array([points[n] for n in sizes], dtype=float)
    a_mat = np.stack([x * x / y, x / y], axis=1)
    (a, b), *_ = np.linalg.lstsq(a_mat, np.ones_like(y), rcond=None)
    if a <= 0:  # fall back to a pure quadratic through the largest size
        a, b = y[-1] / x[-1] ** 2, 0.0
    return lambda n: float(a * n * n + b * n)


# --------------------------------------------------------------------------------------------
# Report


def fmt_s(x: float | None, fit: bool = False) -> str:
    if x is None:
        return "-"
    s = f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s" if x < 100 else f"{x:.0f} s"
    return f"~{s} fit" if fit else s


def fmt_mem(b: int | None) -> str:
    return "-" if b is None else f"{b / (1 << 20):.1f} MiB" if b < 10 << 20 else f"{b / (1 << 20):.0f} MiB"


def fmt_x(r: float) -> str:
    return f"{r:.1f}x" if r < 10 else f"{r:.0f}x"


def fmt_f1(x: float | None) -> str:
    return "-" if x is None else f"{x:.4f}"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "PASS" if ok else "FAIL"


# --------------------------------------------------------------------------------------------
# The speed gate: the current source against an older revision's, in the same run

_AGAINST_CHILD = """
import gc, json, sys, time
import rapidfuzz  # (imported before the clock starts, as the engine's own imports are)
import draftdiff
from draftdiff.compare import compare
from draftdiff.read import read_draft
old, new = read_draft(sys.argv[1]), read_draft(sys.argv[2])
gc.collect()
t0 = time.perf_counter()
result = compare(old, new)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "module": draftdiff.__file__, "changes": len(result.changes)}))
"""


class GateError(Exception):
    """A speed-gate run that could not be made (bad revision, a source that fails): one line, exit 2."""


def git(*args: str) -> str:
    out = subprocess.run(["git", *args], cwd=BENCH.parent, capture_output=True, text=True, check=False)
    if out.returncode:
        msg = (out.stderr.strip().splitlines() or [f"exit {out.returncode}"])[-1]
        raise GateError(f"git {' '.join(args)}: {msg}")
    return out.stdout.strip()


def resolve_against(rev: str | None) -> tuple[str, str]:
    """The commit to compare with, and how it was chosen: REV as given, else the merge-base of main
    and HEAD (HEAD~1 when HEAD is on main, where the merge-base is HEAD itself)."""
    if rev:
        try:
            return git("rev-parse", "--verify", "--quiet", rev + "^{commit}"), rev
        except GateError:
            raise GateError(f"unknown revision {rev!r} (not a commit this repository knows)") from None
    head, base = git("rev-parse", "HEAD"), git("merge-base", "main", "HEAD")
    if base == head:
        return git("rev-parse", "HEAD~1"), "HEAD~1 (HEAD is on main)"
    return base, "merge-base of main and HEAD"


def time_source(src: Path, old: Path, new: Path) -> dict:
    """One compare of old -> new with the draftdiff package under ``src``, in a child process."""
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run(
        [sys.executable, "-c", _AGAINST_CHILD, str(old), str(new)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        msg = (out.stderr.strip().splitlines() or [f"exit {out.returncode}"])[-1]
        raise GateError(f"compare with the source under {src} failed: {msg}")
    doc = json.loads(out.stdout.strip().splitlines()[-1])
    if not Path(doc["module"]).resolve().is_relative_to(src.resolve()):
        raise GateError(f"the child imported {doc['module']}, not the source under {src}")
    return doc


def against_main(args) -> int:
    runs = args.runs or 3
    try:
        commit, how = resolve_against(args.against or None)
        case = generate(args.points, args.seed)
        old_md, new_md, _ = write_case(case, OUT / "speed-against")
        current = BENCH.parent / "src"
        print(
            f"draftdiff bench/speed --against  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  "
            f"python {platform.python_version()}  {os.cpu_count()} cores"
        )
        print(f"old source: {commit[:12]} ({how}); current: {current} (working tree)")
        print(
            f"case: bench/generator.py {args.points} --seed {args.seed} ({len(case.old.points)} -> "
            f"{len(case.new.points)} top-level points); {runs} runs each, interleaved; library call"
        )
        load_start = os.getloadavg()[0]
        times: dict[str, list[float]] = {"old": [], "current": []}
        changes: dict[str, int] = {}
        with tempfile.TemporaryDirectory(prefix="draftdiff-against-") as tmp:
            tree = Path(tmp) / "tree"
            git("worktree", "add", "--detach", "--quiet", str(tree), commit)
            try:
                for k in range(runs):
                    order = ("old", "current") if k % 2 == 0 else ("current", "old")
                    for which in order:
                        doc = time_source(tree / "src" if which == "old" else current, old_md, new_md)
                        times[which].append(doc["seconds"])
                        changes[which] = doc["changes"]
            finally:
                git("worktree", "remove", "--force", str(tree))
    except GateError as e:
        print(f"speed.py --against: {e}", file=sys.stderr)
        return 2
    old_s, cur_s = statistics.median(times["old"]), statistics.median(times["current"])
    ratio = cur_s / old_s
    ok = ratio <= args.max_ratio
    runs_txt = {k: ", ".join(f"{x:.2f}" for x in v) for k, v in times.items()}
    print(
        f"  old      {commit[:12]}  median {old_s:7.3f} s  (runs {runs_txt['old']}; {changes['old']} changes)"
    )
    print(
        f"  current  {'working tree':12}  median {cur_s:7.3f} s  (runs {runs_txt['current']}; "
        f"{changes['current']} changes)"
    )
    print(f"  ratio current / old: {ratio:.3f} (max {args.max_ratio})  {verdict(ok)}")
    print(f"load average: {load_start:.2f} at start, {os.getloadavg()[0]:.2f} at the end (1 min)")
    doc = {
        "stamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "against": commit,
        "chosen": how,
        "points": args.points,
        "seed": args.seed,
        "seconds": times,
        "median_s": {"old": old_s, "current": cur_s},
        "ratio": ratio,
        "max_ratio": args.max_ratio,
        "pass": ok,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "speed-against-latest.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Speed of draftdiff compare against all-pairs baselines.")
    ap.add_argument("--sizes", default="28,1000,5000,20000")
    ap.add_argument(
        "--runs",
        type=int,
        default=None,
        help="runs per measurement (default 5, at most 3 from 20,000 points; --against: 3 each)",
    )
    ap.add_argument("--limit", type=float, default=120.0, help="seconds a baseline may take at one size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--quick", action="store_true", help="28, 1,000, 5,000 points; 2 runs; 30 s baseline limit"
    )
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--no-memory", action="store_true", help="skip the memory run of the library")
    ap.add_argument("--lib-child", help=argparse.SUPPRESS)
    ap.add_argument(
        "--against",
        nargs="?",
        const="",
        metavar="REV",
        help="speed gate: the same compare with REV's source and the current one (default REV: the "
        "merge-base of main and HEAD); exit 1 when current / old > --max-ratio",
    )
    ap.add_argument("--points", type=int, default=20000, help="--against: the case size (default 20,000)")
    ap.add_argument("--max-ratio", type=float, default=1.2, help="--against: the largest ratio that passes")
    args = ap.parse_args(argv)
    if args.lib_child:
        return lib_child(args.lib_child)
    if args.against is not None:
        return against_main(args)
    if args.runs is None:
        args.runs = 5
    if args.quick:
        args.sizes, args.runs, args.limit = "28,1000,5000", 2, 30.0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s})
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())

    def runs_at(n: int) -> int:
        return max(1, min(args.runs, 3) if n >= 20000 else args.runs)

    print(
        f"draftdiff bench/speed  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  "
        f"python {platform.python_version()}  {os.cpu_count()} cores  {platform.machine()}"
    )
    print(f"cases: bench/generator.py, seed {args.seed}; CLI: {' '.join(draftdiff_cmd())}")
    load_start = os.getloadavg()
    print(
        f"load average at start: {load_start[0]:.2f} (1 min); timings are wall clock, so other work inflates them"
    )

    doc: dict = {"stamp": stamp, "cores": os.cpu_count(), "python": platform.python_version(), "sizes": {}}

    # start-up
    startup: dict[str, Timing] = {}
    cases = {}
    if not args.no_cli:
        startup["help"] = Timing()
        for _ in range(max(args.runs, 5)):
            wall, rc, _, err = run_child([*draftdiff_cmd(), "--help"])
            startup["help"].seconds.append(wall)
            if rc:
                startup["help"].note = f"exit {rc}: {err}"
        print(
            f"\nstart-up: draftdiff --help {fmt_s(startup['help'].median)} (median of "
            f"{len(startup['help'].seconds)})"
        )

    lib: dict[int, Timing] = {}
    cli: dict[int, Timing] = {}
    base: dict[str, dict[int, Timing]] = {name: {} for name in BASELINES}
    stopped: dict[str, bool] = dict.fromkeys(BASELINES, False)
    probe_done: dict[str, dict[int, float]] = {name: {} for name in BASELINES}

    def maybe_baseline(name: str, n: int, case, runs: int) -> None:
        if args.no_baselines or stopped[name]:
            return
        need = len(case.old.points) * len(case.new.points) * 4 * 3  # float32 matrix and its temporaries
        avail = mem_available()
        if avail is not None and need > avail // 2:
            stopped[name] = True
            print(
                f"    {name}: would need ~{fmt_mem(need)} of {fmt_mem(avail)} available: not run, extrapolated"
            )
            return
        measured = {k: v.median for k, v in base[name].items()} | probe_done[name]
        if measured:
            last = max(measured)
            predicted = measured[last] * (n / last) ** 2
            if predicted > args.limit:
                stopped[name] = True
                print(
                    f"    {name}: predicted {fmt_s(predicted)} > {args.limit:.0f} s limit: not run, extrapolated"
                )
                return
            if predicted * runs > args.limit:  # fewer runs where several would take too long
                runs = max(1, min(runs, int(args.limit // max(predicted, 1e-9))))
        base[name][n] = run_baseline(name, case, runs)
        b = base[name][n]
        print(f"    {name:9} {fmt_s(b.median):>10}  F1 {fmt_f1(b.f1)} ({b.note}; {len(b.seconds)} runs)")

    for n in sizes:
        case = generate(n, args.seed)
        if n == 1000:
            cases[n] = case  # kept for the all-pairs optimum; other sizes are let go
        folder = OUT / "speed" / str(n)
        old_md, new_md, _ = write_case(case, folder)
        runs = runs_at(n)
        print(
            f"\n{n} points ({len(case.new.points)} in the new draft; "
            f"{sum(1 for _ in case.old.walk())} + {sum(1 for _ in case.new.walk())} points at all depths), "
            f"{runs} runs"
        )
        if not args.no_cli:
            cli[n] = time_cli(old_md, new_md, runs, case.truth, want_f1=True)
            c = cli[n]
            print(
                f"    CLI       {fmt_s(c.median):>10}  peak {fmt_mem(c.peak_bytes)}  F1 {fmt_f1(c.f1)}"
                f"{'  ' + c.note if c.note else ''}"
            )
        lib[n] = time_library(case, runs, measure_memory=not args.no_memory)
        c = lib[n]
        print(f"    library   {fmt_s(c.median):>10}  peak growth {fmt_mem(c.peak_bytes)}  F1 {fmt_f1(c.f1)}")
        for name, matrix_of in BASELINES.items():
            if n > PROBE and PROBE not in base[name] and not probe_done[name] and not args.no_baselines:
                probe = generate(PROBE, args.seed)
                t0 = time.perf_counter()
                matrix_of([p.text for p in probe.old.points], [p.text for p in probe.new.points])
                probe_done[name][PROBE] = time.perf_counter() - t0
            maybe_baseline(name, n, case, min(runs, 3))

    # the all-pairs optimum at 1,000 points
    optimum = None
    if 1000 in cases and not args.no_baselines:
        print("\nall-pairs references at 1,000 points:")
        exh = exhaustive_f1(cases[1000])
        if exh:
            print(f"    engine, exhaustive=True       link F1 {exh[0]:.4f}  ({fmt_s(exh[1])})")
        t0 = time.perf_counter()
        hung = all_pairs_optimum(cases[1000])
        print(
            f"    Hungarian over all pairs      link F1 {hung[0]:.4f}  ({hung[1]}; best of 15; "
            f"{time.perf_counter() - t0:.0f} s)"
        )
        optimum = max((exh[0], "engine, exhaustive") if exh else (-1.0, ""), hung)

    fits = {}
    for name in BASELINES:
        pts = {k: v.median for k, v in base[name].items()} | probe_done[name]
        fits[name] = quad_fit(pts)

    def baseline_time(name: str, n: int) -> tuple[float | None, bool]:
        if n in base[name]:
            return base[name][n].median, False
        f = fits[name]
        return (f(n), True) if f else (None, False)

    # table
    print("\nSummary (wall time, medians; baselines match top-level points only)")
    head = (
        f"{'points':>7} | {'CLI':>10} {'peak':>9} {'F1':>7} | {'library':>10} {'F1':>7} | "
        f"{'difflib':>14} {'F1':>7} | {'rapidfuzz':>14} {'F1':>7} | {'x rapidfuzz (CLI/lib)':>21}"
    )
    print(head)
    print("-" * len(head))
    for n in sizes:
        c, lb = cli.get(n, Timing()), lib[n]
        row = f"{n:>7} | {fmt_s(c.median):>10} {fmt_mem(c.peak_bytes):>9} {fmt_f1(c.f1):>7} | "
        row += f"{fmt_s(lb.median):>10} {fmt_f1(lb.f1):>7} | "
        ratios = ""
        for name in BASELINES:
            bt, fit = baseline_time(name, n)
            bf = base[name][n].f1 if n in base[name] else None
            row += f"{fmt_s(bt, fit):>14} {fmt_f1(bf):>7} | "
            if name == "rapidfuzz" and bt:
                rc = fmt_x(bt / c.median) if c.median else "-"
                rl = fmt_x(bt / lb.median) if lb.median else "-"
                ratios = f"{rc} / {rl}"
        print(row + f"{ratios:>21}")
        doc["sizes"][str(n)] = {
            "cli": c.as_dict(),
            "library": lb.as_dict(),
            "baselines": {
                name: (
                    base[name][n].as_dict()
                    if n in base[name]
                    else {"median_s": baseline_time(name, n)[0], "extrapolated": True}
                )
                for name in BASELINES
            },
        }
    for name in BASELINES:
        ran = sorted(base[name])
        if ran and ran[-1] < sizes[-1]:
            used = sorted(set(ran) | set(probe_done[name]))
            used = [n for n in used if n >= 1000] if sum(n >= 1000 for n in used) >= 2 else used
            print(f"  {name}: ran up to {ran[-1]} points; beyond, quadratic fit a*n^2+b*n over {used}")

    # targets
    print("\nTargets (issue 7; this machine)")
    checks = []

    def check(label: str, value: str, ok: bool | None) -> None:
        checks.append((label, value, ok))
        print(f"  {label:44} {value:>24}  {verdict(ok)}")

    big, mid = max(sizes), (5000 if 5000 in sizes else None)
    if not args.no_cli and 20000 in cli and cli[20000].median:
        c = cli[20000]
        check("20,000 points end to end <= 10 s", fmt_s(c.median), c.median <= 10)
        check("20,000 points peak memory <= 1 GiB", fmt_mem(c.peak_bytes), (c.peak_bytes or 0) <= GiB)
    if not args.no_cli and mid and cli.get(mid) and cli[mid].median:
        check("5,000 points end to end <= 2 s", fmt_s(cli[mid].median), cli[mid].median <= 2)
    if not args.no_cli and 28 in cli and cli[28].median:
        check("28-point compare <= 0.3 s wall (with start-up)", fmt_s(cli[28].median), cli[28].median <= 0.3)
    if mid and 20000 in sizes:
        src = cli if not args.no_cli and cli.get(20000) and cli[20000].median else lib
        g = src[20000].median / src[mid].median
        check(f"5,000 -> 20,000 growth <= 6x ({'CLI' if src is cli else 'library'})", f"{g:.1f}x", g <= 6)
        lg = lib[20000].median / lib[mid].median
        print(f"  {'  (library call alone)':44} {lg:>23.1f}x")
    if 20000 in sizes:
        bt, fit = baseline_time("rapidfuzz", 20000)
        ours = cli[20000].median if cli.get(20000) and cli[20000].median else lib[20000].median
        if bt and ours:
            r = bt / ours
            check(
                f">= 20x faster than all-pairs rapidfuzz at 20k{' (fit)' if fit else ''}", fmt_x(r), r >= 20
            )
            if cli.get(20000) and cli[20000].median and lib[20000].median:
                rl = bt / lib[20000].median
                print(f"  {'  (library call alone, like for like)':44} {fmt_x(rl):>24}")
    if optimum and 1000 in lib:
        d = optimum[0] - lib[1000].f1
        check(
            "link F1 at 1,000 within 0.005 of all-pairs optimum",
            f"{lib[1000].f1:.4f} vs {optimum[0]:.4f}",
            d <= 0.005,
        )
    if big not in (20000,):
        print(f"  (largest size run: {big}; the 20,000-point targets need --sizes with 20000)")

    load_end = os.getloadavg()
    print(f"\nload average: {load_start[0]:.2f} at start, {load_end[0]:.2f} at the end (1 min)")
    doc["loadavg"] = {"start": load_start[0], "end": load_end[0]}
    doc["startup_help"] = startup["help"].as_dict() if "help" in startup else None
    doc["optimum_1000"] = {"f1": optimum[0], "setting": optimum[1]} if optimum else None
    doc["targets"] = [{"target": a, "value": b, "pass": c} for a, b, c in checks]
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"speed-{stamp}.json"
    path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    (OUT / "speed-latest.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {path.relative_to(BENCH.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
