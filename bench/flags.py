"""Precision and recall of the substance flags against hand-labelled pairs (bench/labels/flags/*.json).

Each label file names a pair of drafts (``root``: ``repo`` for paths inside this repository, ``corpus``
for paths inside ../shared/corpus) and, for every reworded or revised 1:1 pair of provisions, the flags a
careful reader would attach: ``[type, old, new]`` with ``null`` for a side that is absent and ``|``
between spellings that are all right ("Donald J. Trump|Donald Trump"). A provision listed with no flags
is a negative: every flag the engine gives it is a false positive. An engine pair that no label lists
counts its flags as false positives too (and is named by ``--errors``).

A produced flag matches a label when the type is the same and both values agree after normalising
(case, spaces, the digit separators of "800 000", a leading "the"). ``track`` flags are set by the
comparison, not read off the words, and are not scored.

    python bench/flags.py              # the tuned part
    python bench/flags.py --heldout    # the held-out part
    python bench/flags.py --errors     # and every false positive / false negative
    python bench/flags.py --strict     # exit 1 when a type misses precision 0.95 or recall 0.9
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LABELS = HERE / "labels" / "flags"
TARGETS = {"precision": 0.95, "recall": 0.9}
UNSCORED = {"track"}


def corpus_root() -> Path:
    return Path(os.environ.get("DRAFTDIFF_SHARED", REPO.parent / "shared")) / "corpus"


def norm(value: str | None) -> str | None:
    """A value as compared: lower case, no digit separators or punctuation at the ends, no leading 'the'.

    >>> norm("The  United States"), norm("800 000"), norm(None)
    ('united states', '800000', None)
    """
    if value is None:
        return None
    v = re.sub(r"(?<=\d)[,\u00a0\u202f\u2009 ](?=\d{3})", "", value.lower())
    v = re.sub(r"\s+", " ", v).strip(" .,;:'\"")
    return re.sub(r"^the ", "", v)


def _choices(value: str | None) -> set[str | None]:
    return {None} if value is None else {norm(v) for v in value.split("|")}


def _matches(label: list, flag: tuple[str, str | None, str | None]) -> bool:
    return label[0] == flag[0] and norm(flag[1]) in _choices(label[1]) and norm(flag[2]) in _choices(label[2])


def load(heldout: bool) -> list[dict]:
    out = []
    for path in sorted(LABELS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if bool(doc.get("heldout")) == heldout:
            doc["file"] = path.name
            out.append(doc)
    return out


def engine_pairs(old: Path, new: Path) -> dict[tuple[str, str], list[tuple[str, str | None, str | None]]]:
    """The engine's reworded and revised 1:1 pairs (any depth) with their scored flags."""
    from draftdiff.compare import compare
    from draftdiff.read import read_draft

    cmp = compare(read_draft(str(old)), read_draft(str(new)))
    pairs = {}
    for top in cmp.changes:
        for c in top.walk():
            kind = str(getattr(c.kind, "value", c.kind))
            if kind in ("reworded", "revised") and len(c.old) == 1 and len(c.new) == 1:
                pairs[(c.old[0], c.new[0])] = [
                    (f.type, f.old, f.new) for f in c.flags if f.type not in UNSCORED
                ]
    return pairs


def score(docs: list[dict], errors: list[str]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    for doc in docs:
        root = REPO if doc.get("root", "repo") == "repo" else corpus_root()
        old, new = root / doc["old"], root / doc["new"]
        if not (old.exists() and new.exists()):
            print(f"{doc['file']}: skipped, {old if not old.exists() else new} is absent", file=sys.stderr)
            continue
        found = engine_pairs(old, new)
        labelled = set()
        for prov in doc["provisions"]:
            key = (prov["old"], prov["new"])
            labelled.add(key)
            got = list(found.get(key, []))
            if key not in found:
                errors.append(f"{doc['file']} {key[0]}->{key[1]}: the engine did not pair them")
            for label in prov["flags"]:
                counts[label[0]]  # every labelled type gets a row
                hit = next((f for f in got if _matches(label, f)), None)
                if hit is None:
                    counts[label[0]]["fn"] += 1
                    errors.append(f"{doc['file']} {key[0]}->{key[1]}: FN {label}")
                else:
                    got.remove(hit)
                    counts[label[0]]["tp"] += 1
            for f in got:
                counts[f[0]]["fp"] += 1
                errors.append(f"{doc['file']} {key[0]}->{key[1]}: FP {list(f)}")
        for key, flags in found.items():
            if key not in labelled:
                for f in flags:
                    counts[f[0]]["fp"] += 1
                    errors.append(f"{doc['file']} {key[0]}->{key[1]} (unlabelled pair): FP {list(f)}")
    return counts


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def report(counts: dict[str, dict[str, int]], title: str) -> bool:
    """Print the table; True when every type meets the targets."""
    print(title)
    print(f"{'type':<10} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
    ok = True
    total = {"tp": 0, "fp": 0, "fn": 0}
    for t in sorted(counts):
        c = counts[t]
        p, r = _ratio(c["tp"], c["tp"] + c["fp"]), _ratio(c["tp"], c["tp"] + c["fn"])
        ok &= p >= TARGETS["precision"] and r >= TARGETS["recall"]
        print(f"{t:<10} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {p:>10.3f} {r:>7.3f}")
        for k in total:
            total[k] += c[k]
    p = _ratio(total["tp"], total["tp"] + total["fp"])
    r = _ratio(total["tp"], total["tp"] + total["fn"])
    print(f"{'overall':<10} {total['tp']:>4} {total['fp']:>4} {total['fn']:>4} {p:>10.3f} {r:>7.3f}")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--heldout", action="store_true", help="score the held-out pairs instead of the tuned ones"
    )
    ap.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a type misses a target")
    args = ap.parse_args(argv)
    docs = load(args.heldout)
    errors: list[str] = []
    counts = score(docs, errors)
    part = "held-out" if args.heldout else "tuned"
    ok = report(counts, f"substance flags, {part} part ({len(docs)} pairs of drafts)")
    if args.errors:
        print("\n".join(errors))
    if args.strict and not ok:
        print(
            f"a type misses precision {TARGETS['precision']} or recall {TARGETS['recall']}", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
