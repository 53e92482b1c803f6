"""How right is ``draftdiff.compare``? Precision, recall and F1 against known answers.

Three sources of known answers:

* synthetic pairs from bench/generator.py (its modes: a negotiation round, paraphrase, rewrites in
  place, flat <-> nested restructures, moved splits), whose ground truth comes from the edits;
* hand-written documents in bench/texts (two independent wordings, points rewritten in place);
* real pairs from ../shared/corpus. Both of the latter are labelled by hand in bench/labels/*.toml.

The default run scores the **sets** of issue 11 (:data:`SETS`: wordings, rewrites, cross-depth,
paraphrase, moved-splits, synthetic-200, synthetic-1000, corpus), each in a tuned part and a
held-out part (``--heldout``), against the targets in :data:`TARGETS_11`; ``--legacy`` prints the
issue-3 report. See bench/README.md.

What is scored (see bench/README.md for the long form):

links        an old->new id pair taken from every matched change (unchanged, reworded, revised,
             merged, split, deferred) at the top level: a merge of 3 into 1 gives 3 links, a split of
             1 into 2 gives 2. Sub-point links (``12.a -> 10.a``) are the same thing inside matched
             parents, counted separately; a sub-point link only counts where the parents are linked.
kinds        per kind, a change of the engine counts as right when a truth entry has the same old and
             the same new ids and accepts the engine's kind (top level). Recall = right / truth of
             that kind; precision = right / engine changes of that kind.
flags        for every expected substance flag (at any level), the engine's change with exactly the
             same ids carries a flag of that type. Precision counts every flag the engine reported.

The scorer works on anything with ``kind``, ``old``, ``new``, ``flags`` and ``children``: the truth
(:class:`generator.Expected`), a :class:`draftdiff.changes.Comparison` (see :func:`from_comparison`) or the
``--format json`` output of the CLI (see :func:`from_json`).

>>> from generator import Expected as E
>>> truth = [E("unchanged", ("1",), ("1",)), E("dropped", ("2",)), E("added", (), ("2",))]
>>> found = [E("unchanged", ("1",), ("1",)), E("reworded", ("2",), ("2",))]
>>> s = score(truth, found)
>>> s.links.tp, s.links.fp, s.links.fn
(1, 1, 0)
>>> round(s.links.f1, 3)
0.667
>>> s.kinds["dropped"].recall
0.0
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from typing import Self

from generator import KINDS, MATCHED_KINDS, Expected, generate

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    tomllib = None  # type: ignore[assignment]

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
LABELS = BENCH / "labels"
TEXTS = BENCH / "texts"

#: The targets of issue 3, checked on the 200-point synthetic drafts with the default rates.
TARGETS = {
    "link F1": ("links", "f1", 0.98),
    "dropped recall": ("dropped", "recall", 0.95),
    "added recall": ("added", "recall", 0.95),
    "merged recall": ("merged", "recall", 0.85),
    "split recall": ("split", "recall", 0.85),
    "flag recall": ("flags", "recall", 0.95),
}
TARGET_SIZE = 200


@dataclass
class Counts:
    """True positives, false positives, false negatives; precision, recall and F1 from them.

    An empty denominator counts as perfect (nothing expected and nothing found is right).

    >>> c = Counts(tp=8, fp=2, fn=0)
    >>> c.precision, c.recall, round(c.f1, 4)
    (0.8, 1.0, 0.8889)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def expected(self) -> int:
        return self.tp + self.fn

    def __iadd__(self, other: Counts) -> Self:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def _counts(expected: set, found: set) -> Counts:
    return Counts(tp=len(expected & found), fp=len(found - expected), fn=len(expected - found))


@dataclass
class Score:
    links: Counts = field(default_factory=Counts)
    sub_links: Counts = field(default_factory=Counts)
    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    flags: Counts = field(default_factory=Counts)
    cases: int = 0

    def __iadd__(self, other: Score) -> Self:
        self.links += other.links
        self.sub_links += other.sub_links
        for k in KINDS:
            self.kinds[k] += other.kinds[k]
        self.flags += other.flags
        self.cases += other.cases
        return self

    def metric(self, what: str, measure: str) -> float:
        counts = {"links": self.links, "flags": self.flags, "sub_links": self.sub_links}.get(what)
        return getattr(counts if counts is not None else self.kinds[what], measure)

    def as_dict(self) -> dict:
        return {
            "cases": self.cases,
            "links": self.links.as_dict(),
            "sub_links": self.sub_links.as_dict(),
            "flags": self.flags.as_dict(),
            "kinds": {k: c.as_dict() for k, c in self.kinds.items()},
        }


# ---------------------------------------------------------------------------------------------
# Engine output -> the scorer's shape (Expected objects; accept/edits unused)


@dataclass(frozen=True)
class Found(Expected):
    """An engine change in the scorer's shape, with what the truth has no use for: the engine's
    confidence in the pairing and the new ids of its alternatives (near ties, candidates of a drop)."""

    confidence: float | None = None
    alternatives: tuple[tuple[str, ...], ...] = ()


def from_comparison(cmp) -> list[Expected]:
    """The changes of a draftdiff Comparison as :class:`Found` objects (flags reduced to their types)."""

    def conv(c) -> Expected:
        return Found(
            kind=str(getattr(c.kind, "value", c.kind)),
            old=tuple(c.old),
            new=tuple(c.new),
            flags=tuple(sorted(f.type for f in c.flags)),
            track=c.track,
            children=tuple(conv(x) for x in c.children),
            confidence=getattr(c, "confidence", None),
            alternatives=tuple(tuple(a.new) for a in getattr(c, "alternatives", ())),
        )

    return [conv(c) for c in cmp.changes]


def from_json(doc: dict) -> list[Expected]:
    """The changes of a ``draftdiff compare --format json`` document as Expected objects."""

    def conv(c: dict) -> Expected:
        return Expected(
            kind=c["kind"],
            old=tuple(c.get("old", ())),
            new=tuple(c.get("new", ())),
            flags=tuple(sorted(f["type"] for f in c.get("flags", ()))),
            track=c.get("track"),
            children=tuple(conv(x) for x in c.get("children", ())),
        )

    return [conv(c) for c in doc["changes"]]


# ---------------------------------------------------------------------------------------------
# Scoring


def links_of(changes: Iterable) -> set[tuple[str, str]]:
    """Every old->new id pair of the matched changes (top level only).

    >>> sorted(links_of([Expected("merged", ("1", "2"), ("1",)), Expected("dropped", ("3",))]))
    [('1', '1'), ('2', '1')]
    """
    return {(o, n) for c in changes if c.kind in MATCHED_KINDS for o in c.old for n in c.new}


def sub_links_of(changes: Iterable) -> set[tuple[str, str]]:
    """Links among sub-points (any depth), inside matched parents."""
    out: set[tuple[str, str]] = set()

    def visit(cs: Iterable, top: bool) -> None:
        for c in cs:
            if c.kind not in MATCHED_KINDS:
                continue
            if not top:
                out.update((o, n) for o in c.old for n in c.new)
            visit(c.children, False)

    visit(changes, True)
    return out


def _key(c) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(sorted(c.old)), tuple(sorted(c.new))


def score(truth: Sequence[Expected], found: Sequence) -> Score:
    """Score the engine's changes ``found`` against the ``truth`` (both lists of top-level changes)."""
    s = Score(cases=1)
    s.links = _counts(links_of(truth), links_of(found))
    s.sub_links = _counts(sub_links_of(truth), sub_links_of(found))

    truth_by_key = {_key(t): t for t in truth}
    for t in truth:
        s.kinds[t.kind].fn += 1  # turned into tp below when found
    for c in found:
        k = c.kind if c.kind in s.kinds else None
        t = truth_by_key.get(_key(c))
        ok = t is not None and c.kind in (t.accept or (t.kind,))
        if ok:
            s.kinds[t.kind].fn -= 1
            s.kinds[t.kind].tp += 1  # an accepted other kind (revised for a paraphrase) counts for t.kind
        elif k is not None:
            s.kinds[k].fp += 1

    found_by_key = {_key(c): c for c in _walk(found)}
    truth_all = {_key(t): t for t in _walk(truth)}
    for t in truth_all.values():
        c = found_by_key.get(_key(t))
        got = set(c.flags) if c is not None else set()
        for f in t.flags:
            if f in got:
                s.flags.tp += 1
            else:
                s.flags.fn += 1
    for key, c in found_by_key.items():
        t = truth_all.get(key)
        want = set(t.flags) if t is not None else set()
        s.flags.fp += sum(1 for f in set(c.flags) if f not in want)
    return s


def _walk(changes: Iterable) -> list:
    out = []
    for c in changes:
        out.append(c)
        out.extend(_walk(c.children))
    return out


# ---------------------------------------------------------------------------------------------
# Hand-labelled corpus pairs


def load_labels(path: Path) -> tuple[dict, list[Expected]]:
    """A bench/labels/*.toml file: the pair it describes and its truth as a flat list of Expected objects.

    Format (ids as ``draftdiff show`` prints them, at any depth)::

        old = "semver/02-v1.0.0.md"          # relative to ../shared/corpus
        new = "semver/03-v2.0.0-rc.1.md"
        links = [["1", "1"], ["4", "10"]]     # 1:1 pairs: unchanged, reworded, revised or deferred
        dropped = ["tagging-specification-semvertag/1"]
        added = ["11"]
        ambiguous_old = ["2"]                 # optional: ids left out of the score (both sides)
        ambiguous_new = ["2"]
        [[merged]]                            # optional, as many as needed; likewise [[split]]
        old = ["7", "10"]
        new = ["7"]

    An optional ``[kinds]`` table (``"4" = "revised"``, keyed by old id) pins the kind of a link.
    Corpus pairs are scored flat (:func:`score_flat`): every change at every depth is one entry.
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    kinds = data.get("kinds", {})
    truth: list[Expected] = []
    one_to_one = ("unchanged", "reworded", "revised", "deferred")
    for o, n in data.get("links", []):
        k = kinds.get(o)
        truth.append(Expected(k or "reworded", (o,), (n,), accept=(k,) if k else one_to_one))
    for o in data.get("dropped", []):
        truth.append(Expected("dropped", (o,)))
    for n in data.get("added", []):
        truth.append(Expected("added", (), (n,)))
    for kind in ("merged", "split"):
        for m in data.get(kind, []):
            truth.append(Expected(kind, tuple(m["old"]), tuple(m["new"])))
    return data, truth


def flatten(changes: Iterable) -> list[Expected]:
    """Every change at every depth as one entry without children (how corpus pairs are scored)."""
    return [
        Expected(
            c.kind, tuple(c.old), tuple(c.new), flags=tuple(c.flags), accept=tuple(getattr(c, "accept", ()))
        )
        for c in _walk(changes)
    ]


def score_flat(truth: Sequence[Expected], found: Sequence, ignore_old=(), ignore_new=()) -> Score:
    """Score at every depth at once; changes of the engine touching an ignored id are left out.

    >>> truth = [Expected("reworded", ("1",), ("1.2",), accept=("reworded",)), Expected("added", (), ("1",))]
    >>> found = [Expected("added", (), ("1",), children=(Expected("added", (), ("1.2",)),)),
    ...          Expected("dropped", ("1",)), Expected("reworded", ("9",), ("9",))]
    >>> s = score_flat(truth, found, ignore_old={"9"})
    >>> (s.links.fn, s.kinds["added"].tp, s.kinds["added"].fp, s.kinds["dropped"].fp)
    (1, 1, 1, 1)
    """
    ignore_old, ignore_new = set(ignore_old), set(ignore_new)
    kept = [c for c in flatten(found) if not (ignore_old & set(c.old) or ignore_new & set(c.new))]
    return score(flatten(truth), kept)


def corpus_dir() -> Path:
    import os

    return Path(os.environ.get("DRAFTDIFF_SHARED", REPO.parent / "shared")) / "corpus"


def label_sets(data: dict) -> tuple[str, ...]:
    """The sets a label file belongs to (``sets = [...]``; a file without it is a corpus pair)."""
    return tuple(data.get("sets", ("corpus",)))


def pair_paths(data: dict) -> tuple[Path, Path]:
    """The two drafts a label file names: under bench/texts (``root = "texts"``) or under the corpus."""
    root = TEXTS if data.get("root") == "texts" else corpus_dir()
    return root / data["old"], root / data["new"]


# ---------------------------------------------------------------------------------------------
# Reports


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def report(label: str, s: Score, out=sys.stdout, kinds: bool = True) -> None:
    print(f"\n{label}  ({s.cases} case{'s' if s.cases != 1 else ''})", file=out)
    print(f"  {'':16} {'n':>6} {'P':>6} {'R':>6} {'F1':>6}", file=out)
    rows = [("links", s.links), ("sub-point links", s.sub_links)]
    if kinds:
        rows += [(k, s.kinds[k]) for k in KINDS]
    rows.append(("flags", s.flags))
    for name, c in rows:
        print(
            f"  {name:16} {c.expected:6d} {_fmt(c.precision):>6} {_fmt(c.recall):>6} {_fmt(c.f1):>6}",
            file=out,
        )


def check_targets(s: Score, out=sys.stdout) -> bool:
    ok_all = True
    print(f"\nTargets (issue 3; synthetic, {TARGET_SIZE} points, default rates):", file=out)
    for name, (what, measure, target) in TARGETS.items():
        value = s.metric(what, measure)
        ok = value >= target
        ok_all &= ok
        print(f"  {name:16} {value:.4f}  >= {target:.2f}  {'PASS' if ok else 'FAIL'}", file=out)
    return ok_all


def _parse_list(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        elif part:
            out.append(int(part))
    return out


def show_errors(truth: Sequence[Expected], found: Sequence, old, new, limit: int, out=sys.stdout) -> None:
    """Print up to ``limit`` truth entries the engine missed and engine changes the truth lacks, with texts."""
    found_keys = {_key(c): c for c in found}
    truth_keys = {_key(t): t for t in truth}

    def texts(c) -> None:
        for side, draft, ids in (("old", old, c.old), ("new", new, c.new)):
            for i in ids:
                print(f"      {side} {i}: {draft.point(i).text[:110]}", file=out)

    missed = [t for k, t in truth_keys.items() if k not in found_keys or found_keys[k].kind not in t.accept]
    extra = [c for k, c in found_keys.items() if k not in truth_keys]
    for t in missed[:limit]:
        got = found_keys.get(_key(t))
        said = f" (engine said {got.kind})" if got else ""
        print(f"   MISSED {t.kind} {list(t.old)}->{list(t.new)} edits={list(t.edits)}{said}", file=out)
        texts(t)
    for c in extra[:limit]:
        print(f"   ENGINE {c.kind} {list(c.old)}->{list(c.new)} flags={list(c.flags)}", file=out)
        texts(c)


def run_synthetic(
    sizes: Sequence[int],
    seeds: Sequence[int],
    compare,
    options=None,
    big_seeds: int = 3,
    verbose: bool = False,
    errors: int = 0,
) -> dict[int, Score]:
    results: dict[int, Score] = {}
    for n in sizes:
        pooled = Score(cases=0)
        use = seeds if n < 1000 else seeds[:big_seeds]
        t0 = time.perf_counter()
        for seed in use:
            case = generate(n, seed)
            cmp = compare(case.old, case.new, options)
            found = from_comparison(cmp)
            s = score(case.truth, found)
            if errors and seed == use[0]:
                print(f"\n  errors, {n} points, seed {seed} (python bench/generator.py {n} --seed {seed}):")
                show_errors(case.truth, found, case.old, case.new, errors)
            if verbose:
                print(f"  n={n} seed={seed}: link F1 {s.links.f1:.4f}", file=sys.stderr)
            pooled += s
        results[n] = pooled
        report(
            f"Synthetic, {n} points, seeds {','.join(map(str, use))}  [{time.perf_counter() - t0:.1f} s]",
            pooled,
        )
    return results


def run_corpus(compare, options=None) -> dict[str, Score] | None:
    corpus = corpus_dir()
    if not corpus.is_dir():
        print(f"\nCorpus: skipped, {corpus} not found (set DRAFTDIFF_SHARED to the shared/ folder).")
        return None
    try:
        from draftdiff.read import read_draft
    except ImportError as exc:
        print(f"\nCorpus: skipped, draftdiff.read.read_draft is not available ({exc}).")
        return None
    results: dict[str, Score] = {}
    pooled = Score(cases=0)
    top = Counts()
    print("\nCorpus pairs (hand-labelled, bench/labels; scored at every depth, links across depths included)")
    for path in sorted(LABELS.glob("*.toml")):
        data, truth = load_labels(path)
        if "corpus" not in label_sets(data) or data.get("heldout"):
            continue  # the held-out corpus pair is scored only by the sets (--heldout)
        old_path, new_path = pair_paths(data)
        old, new = read_draft(str(old_path)), read_draft(str(new_path))
        found = from_comparison(compare(old, new, options))
        ign_o, ign_n = data.get("ambiguous_old", []), data.get("ambiguous_new", [])
        s = score_flat(truth, found, ign_o, ign_n)
        results[path.stem] = s
        pooled += s
        tops_old, tops_new = {p.id for p in old.points}, {p.id for p in new.points}
        kept = [c for c in found if not (set(ign_o) & set(c.old) or set(ign_n) & set(c.new))]
        want = {(o, n) for o, n in links_of(truth) if o in tops_old and n in tops_new}
        got = {(o, n) for o, n in links_of(kept) if o in tops_old and n in tops_new}
        top += _counts(want, got)
        c = s.links
        print(
            f"  {path.stem:42} links P {_fmt(c.precision)} R {_fmt(c.recall)} F1 {_fmt(c.f1)}"
            f"  dropped R {_fmt(s.kinds['dropped'].recall)}  added R {_fmt(s.kinds['added'].recall)}"
        )
    if results:
        print(f"\nCorpus pairs pooled ({pooled.cases} pairs)")
        print(f"  {'':16} {'n':>6} {'P':>6} {'R':>6} {'F1':>6}")
        c = pooled.links
        print(
            f"  {'links, any depth':16} {c.expected:6d} {_fmt(c.precision):>6} {_fmt(c.recall):>6} {_fmt(c.f1):>6}"
        )
        print(
            f"  {'links, top level':16} {top.expected:6d} {_fmt(top.precision):>6} {_fmt(top.recall):>6} "
            f"{_fmt(top.f1):>6}"
        )
        for k in ("dropped", "added", "merged", "split"):
            c = pooled.kinds[k]
            if c.expected:
                print(f"  {k:16} {c.expected:6d} {_fmt(c.precision):>6} {_fmt(c.recall):>6} {_fmt(c.f1):>6}")
        results["(all)"] = pooled
    return results


def legacy_main(argv: list[str] | None = None) -> int:
    """The report of issue 3 (``--legacy``): synthetic sizes and seeds, then the corpus pairs."""
    ap = argparse.ArgumentParser(description="Accuracy of draftdiff.compare (the issue-3 report).")
    ap.add_argument("--sizes", default="28,200,1000", help="synthetic sizes (default 28,200,1000)")
    ap.add_argument("--seeds", default="1-5", help="seeds, e.g. 1-5 or 1,4,9 (default 1-5)")
    ap.add_argument("--big-seeds", type=int, default=3, help="how many seeds at 1,000 points and more")
    ap.add_argument("--no-corpus", action="store_true", help="skip the hand-labelled corpus pairs")
    ap.add_argument(
        "--json",
        metavar="PATH",
        help="write the figures as JSON here too (always: bench/out/accuracy-latest.json)",
    )
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    ap.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N missed and N spurious changes (first seed of each size)",
    )
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--legacy", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    from draftdiff.compare import compare

    sizes = _parse_list(args.sizes)
    seeds = _parse_list(args.seeds)
    print("draftdiff bench/accuracy: links are old->new id pairs of matched changes at the top level;")
    print("sub-point links are counted apart; kinds at the top level; flags at every level.")
    synthetic = run_synthetic(
        sizes, seeds, compare, big_seeds=args.big_seeds, verbose=args.verbose, errors=args.errors
    )
    ok = True
    if TARGET_SIZE in synthetic:
        ok = check_targets(synthetic[TARGET_SIZE])
        print(f"  overall: {'PASS' if ok else 'FAIL'}")
    else:
        print(f"\nTargets not checked: they apply to {TARGET_SIZE} points, which was not run.")
    corpus = None if args.no_corpus else run_corpus(compare)
    doc = {
        "stamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "synthetic": {str(n): s.as_dict() for n, s in synthetic.items()},
        "corpus": {k: s.as_dict() for k, s in (corpus or {}).items()},
        "targets_pass": ok,
    }
    for path in [BENCH / "out" / "accuracy-latest.json"] + ([Path(args.json)] if args.json else []):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return 1 if args.strict and not ok else 0


# ---------------------------------------------------------------------------------------------
# Sets (issue 11): what the engine is calibrated on, each with a tuned and a held-out part.

#: Generator seeds of the tuned parts and of the held-out parts (never tune on the latter).
TUNED_SEEDS = (1, 2, 3, 4, 5)
HELDOUT_SEEDS = (101, 102, 103, 104, 105)


@dataclass(frozen=True)
class SetSpec:
    """A set: label files whose ``sets`` name it, and generator modes (mode, points)."""

    about: str
    labels: bool = False
    modes: tuple[tuple[str, int], ...] = ()
    flat: bool = True  # score every change at every depth (else: top level + sub-point links)
    per_pair: bool = False  # print every generated pair (each seed), not only the pooled row of its mode


SETS: dict[str, SetSpec] = {
    "wordings": SetSpec(
        "hand-written documents in two independent wordings (bench/texts, a -> b)", labels=True
    ),
    "wordings-shift": SetSpec(
        "hand-written wording A -> wording B renumbered (a point deleted, one inserted: numbers shift)",
        labels=True,
    ),
    "rewrites": SetSpec(
        "points rewritten in place: hand-written (a -> rewrite) and generator mode rewrite, 200 points",
        labels=True,
        modes=(("rewrite", 200),),
    ),
    "cross-depth": SetSpec(
        "flat <-> nested: corpus pairs, hand-written a -> nested, generator restructure and flatten (200 points)",
        labels=True,
        modes=(("restructure", 200), ("flatten", 200)),
        per_pair=True,
    ),
    "paraphrase": SetSpec(
        "generator modes paraphrase and paraphrase-shift (5% dropped, 5% added), 200 points: every point reworded",
        modes=(("paraphrase", 200), ("paraphrase-shift", 200)),
    ),
    "moved-splits": SetSpec(
        "generator mode moved-split, 200 points: splits whose pieces land elsewhere",
        modes=(("moved-split", 200),),
        flat=False,
    ),
    "synthetic-200": SetSpec(
        "generator, default negotiation round, 200 points", modes=(("default", 200),), flat=False
    ),
    "synthetic-1000": SetSpec(
        "generator, default negotiation round, 1,000 points", modes=(("default", 1000),), flat=False
    ),
    "corpus": SetSpec("hand-labelled corpus pairs (bench/labels, ../shared/corpus)", labels=True),
}

#: The targets of issue 11, one row each: (set, metric, comparison, threshold). They apply to the
#: tuned and to the held-out part of a set alike; metrics are methods of :class:`SetResult`.
TARGETS_11: tuple[tuple[str, str, str, float], ...] = (
    ("wordings", "false_drops", "<=", 0),
    ("wordings", "link_f1", ">=", 0.97),
    ("rewrites", "rewritten_linked", ">=", 1.0),
    ("cross-depth", "corpus_link_f1", ">=", 0.9),
    ("synthetic-200", "link_f1", ">=", 0.99),
    ("synthetic-200", "merge_split_recall", ">=", 0.95),
    ("synthetic-1000", "link_f1", ">=", 0.987),
)
#: A held-out part may fall at most this far below its tuned part (see :func:`gap_metrics`).
HELDOUT_GAP = 0.02


def gap_metrics(set_name: str) -> list[str]:
    """The metrics a held-out part is compared on: the set's target metrics (false-drop counts aside:
    they grow with the size of a part), else its link F1."""
    metrics = [m for s, m, _, _ in TARGETS_11 if s == set_name and m != "false_drops"]
    return list(dict.fromkeys(metrics)) or ["link_f1"]


@dataclass
class Pair:
    """One scored pair of drafts with its truth."""

    name: str
    group: str  # "hand-written", "corpus" or "generator MODE"
    old: object
    new: object
    truth: list
    ignore_old: tuple[str, ...] = ()
    ignore_new: tuple[str, ...] = ()
    rewritten: tuple[tuple[str, str], ...] = ()  # truth links of points rewritten in place


@dataclass
class SetResult:
    """The figures of one part (tuned or held-out) of one set."""

    name: str
    heldout: bool
    pooled: Score = field(default_factory=lambda: Score(cases=0))
    groups: dict[str, Score] = field(default_factory=dict)
    rows: list[tuple[str, Score, list[str], list[str]]] = field(
        default_factory=list
    )  # name, score, drops, adds
    false_drop_ids: list[str] = field(default_factory=list)
    false_add_ids: list[str] = field(default_factory=list)
    rewritten: Counts = field(default_factory=Counts)  # tp: linked, fn: not linked
    rewritten_revised: int = 0
    conf_right: list[float] = field(default_factory=list)  # engine confidence of right 1:1 links
    conf_wrong: list[float] = field(default_factory=list)  # ... and of wrong ones
    drops_with_candidate: int = 0  # false drops whose alternatives name a right new id
    cross: Counts = field(default_factory=Counts)  # truth links between points of different depths
    skipped: list[str] = field(default_factory=list)

    def link_f1(self) -> float:
        return self.pooled.links.f1

    def false_drops(self) -> float:
        return len(self.false_drop_ids)

    def rewritten_linked(self) -> float:
        return self.rewritten.recall

    def corpus_link_f1(self) -> float | None:
        g = self.groups.get("corpus")
        return g.links.f1 if g is not None else None

    def merge_split_recall(self) -> float:
        m, sp = self.pooled.kinds["merged"], self.pooled.kinds["split"]
        return Counts(tp=m.tp + sp.tp, fn=m.fn + sp.fn).recall

    def as_dict(self) -> dict:
        return {
            "heldout": self.heldout,
            "pooled": self.pooled.as_dict(),
            "groups": {k: v.as_dict() for k, v in self.groups.items()},
            "pairs": {name: sc.as_dict() for name, sc, _, _ in self.rows},
            "false_drops": self.false_drop_ids,
            "false_adds": self.false_add_ids,
            "rewritten": self.rewritten.as_dict(),
            "rewritten_revised": self.rewritten_revised,
            "confidence_right": _summary(self.conf_right),
            "confidence_wrong": _summary(self.conf_wrong),
            "false_drops_with_candidate": self.drops_with_candidate,
            "cross_depth_links": self.cross.as_dict(),
            "merge_split_recall": self.merge_split_recall(),
            "skipped": self.skipped,
        }


def _summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "mean": sum(values) / len(values) if values else 0.0,
        "high": sum(v >= 0.8 for v in values),
    }


def _depth(pid: str) -> int:
    return pid.split("/")[-1].count(".")


def _flat_links(changes: Iterable) -> set[tuple[str, str]]:
    return links_of(flatten(changes))


def label_pairs(set_name: str, heldout: bool, skipped: list[str]) -> list[Pair]:
    """The hand-labelled pairs of a set (label files whose ``sets`` name it), tuned or held-out part."""
    from draftdiff.read import read_draft

    out = []
    for path in sorted(LABELS.glob("*.toml")):
        data, truth = load_labels(path)
        if set_name not in label_sets(data) or bool(data.get("heldout")) != heldout:
            continue
        old_path, new_path = pair_paths(data)
        if not (old_path.is_file() and new_path.is_file()):
            skipped.append(f"{path.stem} ({old_path.parent} not found; set DRAFTDIFF_SHARED)")
            continue
        rewritten = tuple((o, n) for o, n in data.get("links", []) if o in set(data.get("rewritten", [])))
        out.append(
            Pair(
                path.stem,
                "hand-written" if data.get("root") == "texts" else "corpus",
                read_draft(str(old_path)),
                read_draft(str(new_path)),
                truth,
                tuple(data.get("ambiguous_old", [])),
                tuple(data.get("ambiguous_new", [])),
                rewritten,
            )
        )
    return out


def generator_pairs(mode: str, n: int, seeds: Sequence[int]) -> list[Pair]:
    from generator import generate_mode

    out = []
    for seed in seeds:
        case = generate_mode(mode, n, seed)
        rewritten = tuple((x.old[0], x.new[0]) for e in case.truth for x in e.walk() if "rewrite" in x.edits)
        out.append(
            Pair(
                f"{mode}-{n}-seed{seed}",
                f"generator {mode}",
                case.old,
                case.new,
                list(case.truth),
                rewritten=rewritten,
            )
        )
    return out


def score_pair(pair: Pair, found: Sequence, flat: bool) -> tuple[Score, list[str], list[str]]:
    """The pair's score, and the ids the engine dropped (added) although the truth links them."""
    ign_o, ign_n = set(pair.ignore_old), set(pair.ignore_new)
    s = score_flat(pair.truth, found, ign_o, ign_n) if flat else score(pair.truth, found)
    truth_links = _flat_links(pair.truth)
    linked_old = {o for o, _ in truth_links}
    linked_new = {n for _, n in truth_links}
    everything = flatten(found)
    drops = [c.old[0] for c in everything if c.kind == "dropped" and c.old[0] in linked_old - ign_o]
    adds = [c.new[0] for c in everything if c.kind == "added" and c.new[0] in linked_new - ign_n]
    return s, drops, adds


def confidence_figures(pair: Pair, found: Sequence) -> tuple[list[float], list[float], int, int]:
    """Confidences of the engine's 1:1 links that the truth has (right) and lacks (wrong), at any
    depth; and of the false drops, how many list a right new id among their alternatives.

    >>> pair = Pair("p", "x", None, None, [Expected("reworded", ("1",), ("1",)), Expected("reworded", ("2",), ("2",))])
    >>> found = [Found("reworded", ("1",), ("1",), confidence=0.9), Found("dropped", ("2",), alternatives=(("2",),)),
    ...          Found("added", (), ("2",))]
    >>> confidence_figures(pair, found)
    ([0.9], [], 1, 1)
    """
    truth_links = _flat_links(pair.truth)
    ign_o, ign_n = set(pair.ignore_old), set(pair.ignore_new)
    right: list[float] = []
    wrong: list[float] = []
    drops = listed = 0
    for c in _walk(found):
        if set(c.old) & ign_o or set(c.new) & ign_n:
            continue
        conf = getattr(c, "confidence", None)
        if c.kind in MATCHED_KINDS and len(c.old) == len(c.new) == 1 and conf is not None:
            (right if (c.old[0], c.new[0]) in truth_links else wrong).append(conf)
        elif c.kind == "dropped":
            targets = {n for o, n in truth_links if o == c.old[0]}
            if targets:
                drops += 1
                listed += any(set(a) & targets for a in getattr(c, "alternatives", ()))
    return right, wrong, drops, listed


def run_set(name: str, heldout: bool, compare, errors: int = 0, quiet: bool = False) -> SetResult:
    spec = SETS[name]
    res = SetResult(name, heldout)
    pairs: list[Pair] = label_pairs(name, heldout, res.skipped) if spec.labels else []
    for mode, n in spec.modes:
        pairs += generator_pairs(mode, n, HELDOUT_SEEDS if heldout else TUNED_SEEDS)
    for pair in pairs:
        raw = compare(pair.old, pair.new)
        found = raw if isinstance(raw, list) else from_comparison(raw)  # a list: already Expected objects
        s, drops, adds = score_pair(pair, found, spec.flat)
        right, wrong, _, listed = confidence_figures(pair, found)
        res.conf_right += right
        res.conf_wrong += wrong
        res.drops_with_candidate += listed
        if errors and pair is next(p for p in pairs if p.group == pair.group):
            print(f"\n  errors, {pair.name}:")
            show_errors(
                flatten(pair.truth) if spec.flat else pair.truth,
                flatten(found) if spec.flat else found,
                pair.old,
                pair.new,
                errors,
            )
        res.pooled += s
        res.groups.setdefault(pair.group, Score(cases=0))
        res.groups[pair.group] += s
        res.rows.append((pair.name, s, drops, adds))
        res.false_drop_ids += [f"{pair.name}:{i}" for i in drops]
        res.false_add_ids += [f"{pair.name}:{i}" for i in adds]
        got = _flat_links(found)
        for link in pair.rewritten:
            if link in got:
                res.rewritten.tp += 1
            else:
                res.rewritten.fn += 1
        kinds = {_key(c): c.kind for c in flatten(found)}
        res.rewritten_revised += sum(kinds.get(((o,), (n,))) == "revised" for o, n in pair.rewritten)
        cross = {(o, n) for o, n in _flat_links(pair.truth) if _depth(o) != _depth(n)}
        res.cross.tp += len(cross & got)
        res.cross.fn += len(cross - got)
    if not quiet:
        report_set(res, spec)
    return res


def label_compare(old, new, options=None) -> list[Expected]:
    """A naive engine for comparison: a point pairs with the point of the same id under the paired
    parent (unchanged when the text is the same, else reworded); the rest is dropped or added.

    >>> from draftdiff.model import Draft, Point
    >>> a = Draft(source="a", points=(Point(id="1", label="1", text="x"), Point(id="2", label="2", text="y")))
    >>> b = Draft(source="b", points=(Point(id="1", label="1", text="z"),))
    >>> [(c.kind, c.old, c.new) for c in label_compare(a, b)]
    [('reworded', ('1',), ('1',)), ('dropped', ('2',), ())]
    """

    def pair(olds, news) -> list[Expected]:
        by_id = {q.id: q for q in news}
        out = []
        for p in olds:
            q = by_id.pop(p.id, None)
            if q is None:
                out.append(Expected("dropped", (p.id,), children=tuple(pair(p.points, ()))))
            else:
                kind = "unchanged" if p.text == q.text else "reworded"
                out.append(Expected(kind, (p.id,), (q.id,), children=tuple(pair(p.points, q.points))))
        out += [Expected("added", (), (q.id,), children=tuple(pair((), q.points))) for q in by_id.values()]
        return out

    return pair(old.points, new.points)


def report_set(res: SetResult, spec: SetSpec, out=sys.stdout) -> None:
    part = "HELD-OUT" if res.heldout else "tuned"
    how = "flat, every depth" if spec.flat else "top level, sub-point links apart"
    print(f"\n== {res.name} ({part}): {spec.about}; scored {how}", file=out)
    for note in res.skipped:
        print(f"  skipped: {note}", file=out)
    if not res.rows:
        print("  (nothing to score)", file=out)
        return
    print(f"  {'':46} {'links':>6} {'P':>6} {'R':>6} {'F1':>6}  false drops / adds", file=out)
    generated = [r for r in res.rows if "-seed" in r[0]]
    named = [r for r in res.rows if "-seed" not in r[0]]
    for name, s, drops, adds in named + (generated if spec.per_pair else []):
        c = s.links
        ids = ", ".join(drops[:8]) + (" ..." if len(drops) > 8 else "")
        print(
            f"  {name:46} {c.expected:6d} {_fmt(c.precision)} {_fmt(c.recall)} {_fmt(c.f1)}"
            f"  {len(drops)} / {len(adds)}{'  dropped: ' + ids if drops else ''}",
            file=out,
        )
    for group, s in res.groups.items():
        if group.startswith("generator "):
            mode = group.split(" ", 1)[1]
            rows = [r for r in generated if r[0].split("-seed")[0].rsplit("-", 1)[0] == mode]
            seeds = sorted({r[0].split("-seed")[1] for r in rows}, key=int)
            label = f"{rows[0][0].split('-seed')[0]} seeds {','.join(seeds)}"
        else:
            rows = [r for r in named if _group_of(r[0]) == group]
            label = f"{group}, pooled ({len(rows)})"
        c = s.links
        nd = sum(len(r[2]) for r in rows)
        na = sum(len(r[3]) for r in rows)
        print(
            f"  {label:46} {c.expected:6d} {_fmt(c.precision)} {_fmt(c.recall)} {_fmt(c.f1)}  {nd} / {na}",
            file=out,
        )
    c = res.pooled.links
    print(
        f"  {'ALL':46} {c.expected:6d} {_fmt(c.precision)} {_fmt(c.recall)} {_fmt(c.f1)}"
        f"  {len(res.false_drop_ids)} / {len(res.false_add_ids)}",
        file=out,
    )
    kinds = [
        (k, res.pooled.kinds[k]) for k in KINDS if res.pooled.kinds[k].expected or res.pooled.kinds[k].fp
    ]
    print(
        "  kinds (n P R): "
        + "; ".join(f"{k} {c.expected} {_fmt(c.precision)} {_fmt(c.recall)}" for k, c in kinds),
        file=out,
    )
    if res.rewritten.expected:
        print(
            f"  rewritten points linked: {res.rewritten.tp}/{res.rewritten.expected}"
            f" (called revised: {res.rewritten_revised})",
            file=out,
        )
    if res.cross.expected:
        print(f"  links across depths found: {res.cross.tp}/{res.cross.expected}", file=out)
    if res.conf_right or res.conf_wrong:
        r, w = _summary(res.conf_right), _summary(res.conf_wrong)
        print(
            f"  confidence of 1:1 links: right {r['n']} (mean {r['mean']:.2f}), wrong {w['n']} (mean {w['mean']:.2f},"
            f" {w['high']} at >= 0.8); false drops naming the right candidate: {res.drops_with_candidate}"
            f"/{len(res.false_drop_ids)}",
            file=out,
        )
    if res.pooled.kinds["merged"].expected or res.pooled.kinds["split"].expected:
        print(f"  merge/split recall: {_fmt(res.merge_split_recall())}", file=out)


_GROUPS: dict[str, str] = {}


def _group_of(stem: str) -> str:
    if not _GROUPS:
        for path in LABELS.glob("*.toml"):
            data, _ = load_labels(path)
            _GROUPS[path.stem] = "hand-written" if data.get("root") == "texts" else "corpus"
    return _GROUPS.get(stem, "generator")


def check_targets_11(results: dict[tuple[str, bool], SetResult], out=sys.stdout) -> bool:
    """Print the issue-11 targets for every part that was run, then the held-out gaps; True when all pass."""
    ok_all = True
    print("\nTargets (issue 11; each part of a set that was run):", file=out)
    for set_name, metric, op, threshold in TARGETS_11:
        for heldout in (False, True):
            res = results.get((set_name, heldout))
            if res is None or not res.rows:
                continue
            value = getattr(res, metric)()
            part = "held-out" if heldout else "tuned"
            if value is None:
                print(
                    f"  {set_name:15} {part:8} {metric:20} not measured (no pair of that kind ran)", file=out
                )
                continue
            ok = value <= threshold if op == "<=" else value >= threshold
            ok_all &= ok
            print(
                f"  {set_name:15} {part:8} {metric:20} {value:8.4f} {op} {threshold:<6g} {'PASS' if ok else 'FAIL'}",
                file=out,
            )
    for set_name in SETS:
        tuned, held = results.get((set_name, False)), results.get((set_name, True))
        if not (tuned and held and tuned.rows and held.rows):
            continue
        for metric in gap_metrics(set_name):
            a, b = getattr(tuned, metric)(), getattr(held, metric)()
            if a is None or b is None:
                continue
            ok = a - b <= HELDOUT_GAP
            ok_all &= ok
            print(
                f"  {set_name:15} held-out {metric} {b:.4f} vs tuned {a:.4f}: {b - a:+.4f} (>= -{HELDOUT_GAP})"
                f" {'PASS' if ok else 'FAIL'}",
                file=out,
            )
    print(f"  overall: {'PASS' if ok_all else 'FAIL'}", file=out)
    return ok_all


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if "--legacy" in argv:
        return legacy_main([a for a in argv if a != "--legacy"])
    ap = argparse.ArgumentParser(
        description="Accuracy of draftdiff.compare per set (issue 11); --legacy for the issue-3 report.",
        epilog="Sets: " + "; ".join(f"{k}: {v.about}" for k, v in SETS.items()),
    )
    ap.add_argument(
        "--sets", default=",".join(SETS), help=f"comma-separated (default: all: {','.join(SETS)})"
    )
    ap.add_argument(
        "--heldout", action="store_true", help="only the held-out parts (default: only the tuned parts)"
    )
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target of issue 11 fails")
    ap.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N missed/spurious changes per source"
    )
    ap.add_argument("--json", metavar="PATH", help="write the figures as JSON here too (always: bench/out/)")
    ap.add_argument(
        "--engine",
        choices=("draftdiff", "label"),
        default="draftdiff",
        help="label: a naive pairing by printed id under paired parents, for comparison",
    )
    ap.add_argument(
        "--legacy", action="store_true", help="the issue-3 report (--sizes, --seeds, --no-corpus ...)"
    )
    args = ap.parse_args(argv)
    names = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in names if s not in SETS]
    if unknown:
        print(f"accuracy.py: unknown set {', '.join(unknown)}; known: {', '.join(SETS)}", file=sys.stderr)
        return 2

    if args.engine == "label":
        compare = label_compare
    else:
        from draftdiff.compare import compare

    part = "held-out parts only" if args.heldout else "tuned parts (held-out parts: --heldout)"
    engine = "draftdiff.compare" if args.engine == "draftdiff" else "pairing by printed id (--engine label)"
    print(f"draftdiff bench/accuracy, sets: {', '.join(names)}; {part}; engine: {engine}.")
    print("links: old->new id pairs of matched changes; false drops: a point the truth links, dropped.")
    t0 = time.perf_counter()
    results: dict[tuple[str, bool], SetResult] = {}
    for name in names:
        results[(name, args.heldout)] = run_set(name, args.heldout, compare, errors=args.errors)
    if args.heldout and args.strict:
        # the gap rule needs the tuned figures: computed, summarised by the gap lines only
        for name in names:
            results[(name, False)] = run_set(name, False, compare, quiet=True)
    ok = check_targets_11(results)
    print(f"\n[{time.perf_counter() - t0:.1f} s]")
    doc = {
        "stamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "sets": {f"{n}{' (held-out)' if h else ''}": r.as_dict() for (n, h), r in results.items()},
        "targets_pass": ok,
    }
    name = "accuracy-heldout-latest.json" if args.heldout else "accuracy-latest.json"
    if args.engine != "draftdiff":
        name = name.replace("accuracy-", f"accuracy-{args.engine}-")
    for path in [BENCH / "out" / name] + ([Path(args.json)] if args.json else []):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
