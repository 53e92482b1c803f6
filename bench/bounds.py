"""Bounded time on lopsided and huge inputs (issue 12): `draftdiff compare` as a subprocess, 3 sizes a case.

    python bench/bounds.py                 # all cases, text report
    python bench/bounds.py --format json   # the same through the JSON renderer
    python bench/bounds.py --quick         # the smallest size of each case only

Cases: a 2-point draft against one point of N words (one long line), against N points, and against a
draft of about N megabytes. Each run prints seconds and peak memory (ru_maxrss of the child), and the
ratio of the largest size's time to the smallest (near-linear growth: about the ratio of the sizes).
Exit 1 when a run of the largest size takes over LIMIT seconds or fails.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIMIT = 10.0
VOCAB = [
    "army",
    "border",
    "shall",
    "the",
    "of",
    "treaty",
    "sanctions",
    "region",
    "council",
    "peace",
    "review",
    "forces",
    "parties",
    "agree",
    "within",
    "days",
    "zone",
    "monitor",
    "report",
    "guarantee",
]
GOOD = "1. The parties shall agree to a ceasefire within ten days.\n2. Sanctions shall be reviewed by the council.\n"


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n))


def long_line(n: int) -> str:
    return "1. " + words(random.Random(n), n) + "\n"


def many_points(n: int) -> str:
    rng = random.Random(n)
    return "".join(f"{i}. {words(rng, 12)}.\n" for i in range(1, n + 1))


def megabytes(n: int) -> str:
    """About ``n`` MB in points of 40 words (about 270 bytes each)."""
    rng = random.Random(n)
    count = n * 1_000_000 // 270
    return "".join(f"{i}. {words(rng, 40)}.\n" for i in range(1, count + 1))


CASES = {
    "one long line (words)": (long_line, (500_000, 1_000_000, 2_000_000)),
    "many points": (many_points, (25_000, 50_000, 100_000)),
    "big draft (MB)": (megabytes, (12, 25, 50)),
}


def run(old: Path, new: Path, fmt: str) -> tuple[float, float, int]:
    """(seconds, peak MB of the child, exit status)."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "draftdiff", "compare", "-f", fmt, "--color", "never", str(old), str(new)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far, in KB
    if proc.returncode:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
    return took, max(peak, before) / 1024, proc.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--format", default="text", choices=["text", "json"])
    ap.add_argument("--quick", action="store_true", help="the smallest size of each case only")
    args = ap.parse_args(argv)
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        good = Path(tmp) / "good.md"
        good.write_text(GOOD, encoding="utf-8")
        for name, (make, sizes) in CASES.items():
            times = []
            for n in sizes[:1] if args.quick else sizes:
                path = Path(tmp) / "new.md"
                path.write_text(make(n), encoding="utf-8")
                mb = path.stat().st_size / 1e6
                took, peak, code = run(good, path, args.format)
                times.append(took)
                print(f"{name:24} {n:>10,}  {mb:6.1f} MB  {took:6.2f} s  peak <= {peak:7.0f} MB  exit {code}")
                if code or (n == sizes[-1] and took > LIMIT):
                    status = 1
            if len(times) > 1:
                print(
                    f"{'':24} time ratio largest/smallest {times[-1] / times[0]:.2f} (sizes x{sizes[-1] / sizes[0]:.0f})"
                )
    print("OK" if not status else f"FAILED: a run failed or the largest took over {LIMIT:.0f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
