"""A series of drafts before any comparison: which files, in which order, what to call them, where to cut.

A directory contributes its draft files in natural file-name order (:func:`draft_files`); drafts are
ordered by their front-matter dates or kept as given (:func:`order_drafts`), named for display by dates,
versions or file stems (:func:`short_names`) and cut to a stretch of the series (:func:`cut_series`).
Nothing here compares drafts, and nothing imports rich or typer.

>>> ds = [Draft("x/02-b.md", date="2025-11-23"), Draft("x/01-a.md", date="2025-11-20")]
>>> ordered = order_drafts(ds)
>>> names = short_names(ordered)
>>> names
('2025-11-20', '2025-11-23')
>>> [d.source for d in cut_series(ordered, names, since="02-b")[0]]
['x/02-b.md']
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Sequence
from typing import Any

from .errors import DraftdiffError
from .model import Draft

__all__ = [
    "DRAFT_EXTENSIONS",
    "SeriesCutError",
    "cut_series",
    "draft_files",
    "natural_key",
    "order_drafts",
    "parse_date",
    "resolve_draft",
    "short_names",
]

#: Extensions of the files a directory contributes to a series.
DRAFT_EXTENSIONS = (".md", ".markdown", ".txt", ".json", ".toml")

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[Any, ...]:
    """Sort key in natural order: ``2`` before ``10``.

    >>> sorted(["v10.md", "v2.md", "v1.md"], key=natural_key)
    ['v1.md', 'v2.md', 'v10.md']
    """
    return tuple(
        (0, int(part), part) if part.isdigit() else (1, part.casefold(), part)
        for part in _DIGITS.split(name)
        if part
    )


def draft_files(directory: str) -> list[str]:
    """The draft files of a directory, in natural file-name order.

    Only regular files ending in .md .markdown .txt .json .toml count; hidden files and files named
    ``README*`` (a folder's description, not a draft) are skipped; subdirectories are not entered.
    """
    try:
        entries = os.listdir(directory)
    except OSError as exc:
        raise DraftdiffError(exc.strerror or str(exc), source=directory) from None
    out = []
    for name in entries:
        if name.startswith(".") or name.upper().startswith("README"):
            continue
        if not name.lower().endswith(DRAFT_EXTENSIONS):
            continue
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            out.append(path)
    return sorted(out, key=lambda p: natural_key(os.path.basename(p)))


def parse_date(value: Any) -> _dt.date | None:
    """A front-matter date as a date (``2025-11-20``, ``2025-11-20T10:00``, a TOML date); None otherwise."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def order_drafts(drafts: Sequence[Draft], how: str = "auto") -> list[Draft]:
    """Order a series: ``date`` (by front-matter date, stable), ``given`` (as given) or ``auto`` (by date
    when every draft has a readable date, else as given).

    >>> ds = [Draft("b", date="2025-11-23"), Draft("a", date="2025-11-20")]
    >>> [d.source for d in order_drafts(ds)]
    ['a', 'b']
    >>> [d.source for d in order_drafts([Draft("b", date="2025-11-23"), Draft("a")])]
    ['b', 'a']
    """
    drafts = list(drafts)
    if how == "given":
        return drafts
    dates = [parse_date(d.date) for d in drafts]
    if how == "date":
        missing = [d.source for d, dt in zip(drafts, dates, strict=True) if dt is None]
        if missing:
            raise DraftdiffError("has no readable front-matter date; cannot order by date", source=missing[0])
    elif any(dt is None for dt in dates):
        return drafts
    keyed = sorted(range(len(drafts)), key=lambda k: (dates[k], k))
    return [drafts[k] for k in keyed]


def _stem(source: str) -> str:
    base = os.path.basename(source.rsplit(":", 1)[-1]) if source not in ("-", "") else source or "-"
    for ext in DRAFT_EXTENSIONS:
        if base.lower().endswith(ext):
            return base[: -len(ext)]
    return base


def short_names(drafts: Sequence[Draft]) -> tuple[str, ...]:
    """Column names: the dates when they tell the drafts apart, else the versions, else the file stems
    (made unique with ``#2``, ``#3`` where needed).

    >>> short_names([Draft("x/01-a.md", date="2025-11-20"), Draft("x/02-b.md", date="2025-11-23")])
    ('2025-11-20', '2025-11-23')
    >>> short_names([Draft("x/01-a.md"), Draft("x/02-b.md")])
    ('01-a', '02-b')
    """
    for attr in ("date", "version"):
        values = [getattr(d, attr) for d in drafts]
        if all(values) and len(set(map(str, values))) == len(values):
            return tuple(str(v) for v in values)
    names: list[str] = []
    for d in drafts:
        name = _stem(d.source)
        n, candidate = 1, name
        while candidate in names:
            n += 1
            candidate = f"{name}#{n}"
        names.append(candidate)
    return tuple(names)


def resolve_draft(drafts: Sequence[Draft], names: Sequence[str], spec: str) -> int | None:
    """The index of the draft spec names: its short name, index (1-based), file name or stem, version
    or date, compared without regard to case. None when nothing matches."""
    want = spec.strip().casefold()
    for k, (d, name) in enumerate(zip(drafts, names, strict=True)):
        keys = {
            name,
            _stem(d.source),
            os.path.basename(d.source),
            d.source,
            str(d.version or ""),
            str(d.date or ""),
        }
        if want in {x.casefold() for x in keys if x}:
            return k
    if want.isdigit() and 1 <= int(want) <= len(drafts) and not any(n.isdigit() for n in names):
        return int(want) - 1
    return None


class SeriesCutError(DraftdiffError):
    """A bound of :func:`cut_series` that names no draft of the series and is not a date.

    bound     which end of the series it was given for: ``"since"`` (the start) or ``"until"`` (the end).
    spec      the value given.
    problem   what is wrong with it, with the names of the drafts it could have named.

    The message speaks of the series' start or end; a caller that took the bound from an option can
    name the option instead, with ``spec`` and ``problem``.

    >>> str(SeriesCutError("since", "v9", ["v1", "v2"]))
    "series start 'v9' names no draft of the series and is not a date (drafts: v1, v2)"
    """

    def __init__(self, bound: str, spec: str, names: Sequence[str]) -> None:
        self.bound = bound
        self.spec = spec
        self.problem = f"names no draft of the series and is not a date (drafts: {', '.join(names)})"
        end = "start" if bound == "since" else "end"
        super().__init__(f"series {end} {spec!r} {self.problem}")


def cut_series(
    drafts: Sequence[Draft], names: Sequence[str], since: str | None = None, until: str | None = None
) -> tuple[list[Draft], list[str]]:
    """Keep the drafts from ``since`` to ``until`` (both included): each a draft name (see
    :func:`resolve_draft`) or a date (drafts dated on or after / on or before it).

    A bound that is neither raises :class:`SeriesCutError`.
    """
    lo, hi = 0, len(drafts) - 1
    for which, spec in (("since", since), ("until", until)):
        if spec is None:
            continue
        k = resolve_draft(drafts, names, spec)
        if k is None:
            when = parse_date(spec)
            if when is None:
                raise SeriesCutError(which, spec, names)
            dated = [(j, parse_date(d.date)) for j, d in enumerate(drafts)]
            if which == "since":
                ks = [j for j, dt in dated if dt is not None and dt >= when]
                k = min(ks) if ks else len(drafts)
            else:
                ks = [j for j, dt in dated if dt is not None and dt <= when]
                k = max(ks) if ks else -1
        if which == "since":
            lo = max(lo, k)
        else:
            hi = min(hi, k)
    return list(drafts[lo : hi + 1]), list(names[lo : hi + 1])
