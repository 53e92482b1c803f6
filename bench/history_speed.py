"""Time ``draftdiff.history.build_history`` on a long synthetic series, and its peak memory.

The series is made by chaining edits: draft 0 is a base draft of bench/generator.py (its word banks,
sub-points and all), and every later draft is an edit of the one before: a few points dropped, added
(fresh provisions from the generator), reworded, revised (a number changed), moved, merged, split,
deferred to "Deferred to leaders' talks", and now and then a dropped point restored, reworded.

Baseline (same process, same series): the bare pairwise comparisons ``compare(d[i], d[i+1])``. The
ratio history / baseline is what chaining and the restore look-up cost on top of the engine.

    python bench/history_speed.py                 # 50 drafts of 500 points
    python bench/history_speed.py --drafts 10 --points 200 --seed 3
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import resource
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from draftdiff.compare import CompareOptions, compare
from draftdiff.history import Fate, build_history
from draftdiff.model import Draft, Point
from generator import DEFERRED_TRACK, generate

_SWAPS = (
    ("shall", "will"),
    ("must", "shall"),
    ("may", "might"),
    ("within", "no later than"),
    ("the ", "all "),
)


def _renumber(main: list[Point], parked: list[Point], source: str) -> Draft:
    out = []
    for k, p in enumerate(main + parked, 1):
        kids = tuple(replace(c, id=f"{k}.{c.label}") for c in p.points)
        out.append(replace(p, id=str(k), label=str(k), marker=f"{k}.", points=kids))
    return Draft(source=source, points=tuple(out))


def _reword(rng: random.Random, text: str) -> str:
    for a, b in rng.sample(_SWAPS, len(_SWAPS)):
        if a in text:
            return text.replace(a, b, 1)
    return "As agreed, " + text[:1].lower() + text[1:]


def _revise(rng: random.Random, text: str) -> str:
    m = re.search(r"\d[\d,]*", text)
    if not m:
        return text + " This applies within 30 days."
    return text[: m.start()] + str(rng.randint(2, 900)) + text[m.end() :]


def make_series(n_drafts: int, n_points: int, seed: int) -> tuple[list[Draft], set[tuple[int, str]]]:
    """n_drafts drafts of about n_points points, each an edit of the one before; and the dropped
    provisions brought back, as (draft index, text)."""
    rng = random.Random(seed)
    base = generate(n_points, seed=seed).old
    pool = [
        p for p in generate(max(400, n_drafts * n_points // 40), seed=seed + 1).old.points if not p.points
    ]
    main = [p for p in base.points if p.track is None]
    parked: list[Point] = []
    dropped: list[Point] = []
    drafts = [_renumber(main, parked, "d01.md")]
    planted: set[tuple[int, str]] = set()
    for k in range(2, n_drafts + 1):
        main = list(main)
        earlier = list(dropped)  # only provisions dropped from an earlier draft can come back
        for _ in range(max(1, n_points // 50)):  # drops
            if len(main) > 2:
                dropped.append(main.pop(rng.randrange(len(main))))
        for _ in range(max(1, n_points // 50)):  # additions
            if pool:
                main.insert(rng.randrange(len(main) + 1), pool.pop())
        for _ in range(max(1, n_points // 20)):
            i = rng.randrange(len(main))
            main[i] = replace(main[i], text=_reword(rng, main[i].text))
        for _ in range(max(1, n_points // 50)):
            i = rng.randrange(len(main))
            main[i] = replace(main[i], text=_revise(rng, main[i].text))
        for _ in range(max(1, n_points // 100)):  # moves
            p = main.pop(rng.randrange(len(main)))
            main.insert(rng.randrange(len(main) + 1), p)
        if rng.random() < 0.5:  # a merge of two neighbours without sub-points
            i = rng.randrange(len(main) - 1)
            if not main[i].points and not main[i + 1].points:
                main[i : i + 2] = [replace(main[i], text=main[i].text + " " + main[i + 1].text)]
        if rng.random() < 0.5:  # a split of a two-sentence point
            i = rng.randrange(len(main))
            parts = re.split(r"(?<=\.) (?=[A-Z])", main[i].text, maxsplit=1)
            if len(parts) == 2 and not main[i].points:
                main[i : i + 1] = [replace(main[i], text=parts[0]), replace(main[i], text=parts[1])]
        if earlier and rng.random() < 0.3:  # a dropped provision comes back, reworded
            back = earlier.pop(rng.randrange(len(earlier)))
            dropped.remove(back)
            back = replace(back, text=_reword(rng, back.text))
            planted.add((k - 1, back.text))
            main.insert(rng.randrange(len(main) + 1), back)
        if rng.random() < 0.3:  # deferral
            p = main.pop(rng.randrange(len(main)))
            parked.append(replace(p, track=DEFERRED_TRACK, section=DEFERRED_TRACK))
        drafts.append(_renumber(main, parked, f"d{k:02d}.md"))
    return drafts, planted


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drafts", type=int, default=50)
    ap.add_argument("--points", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tracemalloc", action="store_true", help="also measure Python allocations (slower)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    drafts, planted = make_series(args.drafts, args.points, args.seed)
    made = time.perf_counter() - t0
    sizes = [len(d.points) for d in drafts]
    print(
        f"series: {len(drafts)} drafts, {min(sizes)}-{max(sizes)} top-level points "
        f"({sum(1 for d in drafts for _ in d.walk())} points in all); made in {made:.2f} s"
    )

    options = CompareOptions(diff=False)
    t0 = time.perf_counter()
    for a, b in itertools.pairwise(drafts):
        compare(a, b, options)
    baseline = time.perf_counter() - t0
    print(f"baseline, {len(drafts) - 1} pairwise comparisons: {baseline:.2f} s")

    if args.tracemalloc:
        tracemalloc.start()
    t0 = time.perf_counter()
    hist = build_history(drafts, options=options)
    elapsed = time.perf_counter() - t0
    peak_alloc = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    found = {
        (s.draft, s.text or "")
        for ln in hist.lineages
        if ln.depth == 0
        for s in ln.steps
        if s.fate is Fate.RESTORED and s.source == "restore"
    }
    print(
        f"history: {elapsed:.2f} s, {len(hist.lineages)} lineages; ratio to baseline {elapsed / baseline:.2f}"
    )
    print(
        f"restores: {len(planted)} dropped provisions brought back, {len(found & planted)} of them found; "
        f"{len(found - planted)} false restores"
    )
    print(
        f"peak memory (process RSS): {rss_mb:.0f} MiB"
        + (f"; Python allocations during the build: {peak_alloc / 2**20:.0f} MiB" if peak_alloc else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
