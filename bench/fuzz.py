"""A longer fuzz run: the properties and strategies of tests/test_fuzz_read.py and tests/test_fuzz_compare.py,
with many more examples, for as long as you like.

    python bench/fuzz.py                      # 2 minutes, split over the properties
    python bench/fuzz.py --minutes 30 --seed 7
    python bench/fuzz.py --only reader,pairs  # some properties only
    python bench/fuzz.py --matrix             # also the whole bad-input matrix, big inputs through the engine

The time is shared out in rounds (ROUND examples of one property, then the next ...) until it is spent.
Each round has its own seed (derived from --seed), so a failure is reproducible: the falsifying example is
printed with the property and seed, and the run stops with exit status 1. At the end: examples per property,
the longest single example, and a JSON summary in bench/out/fuzz-latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "src")]

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import test_fuzz_compare as fc
import test_fuzz_read as fr

ROUND = 200

#: name -> (strategies, property): the same pairs as the suite's tests.
PROPERTIES = {
    "reader": ((fr.documents, st.booleans()), fr.reader_property),
    "bytes": ((fr.document_bytes(),), fr.bytes_property),
    "encodings": ((fr.documents, st.sampled_from(["utf-8-sig", "utf-16", "utf-32"])), fr.encoding_property),
    "json": ((fr.structured_docs, st.sampled_from([None, "json"])), fr.structured_property),
    "pairs": ((fc.draft_pairs(),), lambda pair: fc.pair_property(*pair)),
    "self": ((fc.items.map(fc.to_markdown),), fc.self_property),
}


def run_round(name: str, stats: fr.Stats, round_seed: int, examples: int, deadline: float) -> None:
    strategies, prop = PROPERTIES[name]

    def named(*args: object) -> None:
        prop(*args)

    named.__name__ = name  # Stats counts by this name

    def body(args: tuple[object, ...]) -> None:
        if time.monotonic() > deadline:
            return  # time is up: the remaining examples of the round are skipped
        stats.run(named, *args)

    test = seed(round_seed)(
        settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            print_blob=True,
        )(given(st.tuples(*strategies))(body))
    )
    test()


def run_matrix() -> dict[str, object]:
    """The bad-input matrix with the big inputs through every command; its summary."""
    env = dict(os.environ, DRAFTDIFF_BIG_MATRIX="1")
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        str(REPO / "tests" / "test_bad_input_matrix.py"),
    ]
    proc = subprocess.run(cmd, cwd=REPO, env=env, check=False)
    summary_file = Path(tempfile.gettempdir()) / "draftdiff-robustness" / "matrix.json"
    summary = json.loads(summary_file.read_text(encoding="utf-8")) if summary_file.exists() else {}
    summary["pytest_exit"] = proc.returncode
    summary.pop("rows", None)
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=2.0, help="how long to fuzz (default 2)")
    ap.add_argument("--seed", type=int, default=0, help="base seed (each round adds its number)")
    ap.add_argument("--only", default="", help=f"comma-separated properties: {', '.join(PROPERTIES)}")
    ap.add_argument(
        "--matrix", action="store_true", help="also run the whole bad-input matrix (big inputs too)"
    )
    args = ap.parse_args(argv)

    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(PROPERTIES)
    unknown = [n for n in names if n not in PROPERTIES]
    if unknown:
        ap.error(f"unknown properties {unknown}; choose from {', '.join(PROPERTIES)}")

    stats = fr.Stats("fuzz_bench")
    start = time.monotonic()
    deadline = start + args.minutes * 60
    rounds = 0
    status = 0
    while time.monotonic() < deadline:
        name = names[rounds % len(names)]
        round_seed = args.seed + rounds
        try:
            run_round(name, stats, round_seed, ROUND, deadline)
        except Exception as exc:  # noqa: BLE001 - a property failed: hypothesis printed the falsifying example
            print(
                f"\nFAILED: property {name!r}, seed {round_seed}: {type(exc).__name__}: {exc}",
                file=sys.stderr,
            )
            status = 1
            break
        rounds += 1
        done = stats.summary()
        print(
            f"[{time.monotonic() - start:6.0f} s] round {rounds}: {name}; {done['examples']} examples so far",
            flush=True,
        )

    summary = {
        "minutes": args.minutes,
        "seed": args.seed,
        "rounds": rounds,
        "seconds": round(time.monotonic() - start, 1),
        "failed": bool(status),
        **stats.summary(),
    }
    if args.matrix and not status:
        summary["matrix"] = run_matrix()
        if summary["matrix"].get("pytest_exit"):
            status = 1
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "fuzz-latest.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return status


if __name__ == "__main__":
    sys.exit(main())
