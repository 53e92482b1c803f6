"""The guard: provisions that disappeared from a draft without anyone saying where they went.

A provision of the old draft is *dropped silently* when the comparison says it was dropped (no
counterpart in the new draft, not merged, not split, not moved to a deferred track) and the new draft
does not acknowledge it: its id is not listed in ``Draft.withdrawn`` (front matter ``withdrawn: [3, 26]``
or a "Withdrawn" section), nor is the id of one of its ancestors. Sub-points count too: dropping
``10.b`` while keeping 10 is reported as ``10.b``; dropping all of 10 is reported once, as 10.

:func:`guard_drafts` works on two drafts; :func:`guard_file` reads a file and its version at a git
revision. Nothing here imports rich or typer.

>>> from draftdiff.model import draft_from_texts
>>> old = draft_from_texts(["Ceasefire at once.", "Amnesty for all parties.", "Elections within 100 days."])
>>> new = draft_from_texts(["Ceasefire at once.", "Elections within 100 days."])
>>> [(d.id, d.text) for d in guard_drafts(old, new).dropped]
[('2', 'Amnesty for all parties.')]
>>> new = draft_from_texts(["Ceasefire at once.", "Elections within 100 days."], withdrawn=("2",))
>>> guard_drafts(old, new).dropped, [(a.id, a.how) for a in guard_drafts(old, new).acknowledged]
((), [('2', 'withdrawn')])
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .changes import Change, Comparison, Kind
from .errors import DraftdiffError, InputError
from .model import Draft, Point
from .sources import (
    DEFAULT_MAX_BYTES,
    MissingAtRevision,
    NoSuchRevision,
    parse_rev_spec,
    read_blob,
    read_source,
    repo_path,
    resolve_commit,
)

if TYPE_CHECKING:
    from .compare import CompareOptions

__all__ = [
    "HINT",
    "Acknowledged",
    "Dropped",
    "GuardReport",
    "GuardResult",
    "RepoCache",
    "guard_drafts",
    "guard_file",
]

#: What to do about a silently dropped provision (shown after each one).
HINT = "add it to 'withdrawn:' or a Withdrawn section, or move it to a deferred track"


@dataclass(frozen=True, slots=True)
class Dropped:
    """A provision of the old draft that the new draft lost without a word."""

    id: str
    text: str
    line: int | None = None  # its line in the old draft
    section: str | None = None
    subpoints: int = 0  # how many sub-points went with it

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "line": self.line,
            "section": self.section,
            "subpoints": self.subpoints,
        }


@dataclass(frozen=True, slots=True)
class Acknowledged:
    """A provision that left the main text with a word: withdrawn (listed in the new draft) or deferred."""

    id: str
    how: str  # "withdrawn" or "deferred"
    track: str | None = None  # the track it was deferred to

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "how": self.how, "track": self.track}


@dataclass(frozen=True, slots=True)
class GuardReport:
    """What the guard found between two drafts."""

    dropped: tuple[Dropped, ...] = ()
    acknowledged: tuple[Acknowledged, ...] = ()


@dataclass(frozen=True, slots=True)
class GuardResult:
    """The guard's verdict on one file.

    status   "ok" (nothing dropped silently), "dropped" (something was), "new" (the file is not at the
             revision, or the repository has no commits yet: nothing to guard), or "unguarded" (the
             version at the revision could not be parsed; note says why).
    """

    source: str
    status: str
    against: str
    commit: str | None = None
    old_source: str | None = None
    dropped: tuple[Dropped, ...] = ()
    acknowledged: tuple[Acknowledged, ...] = ()
    note: str | None = None

    @property
    def failed(self) -> bool:
        return bool(self.dropped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "against": self.against,
            "commit": self.commit,
            "old_source": self.old_source,
            "dropped": [d.to_dict() for d in self.dropped],
            "acknowledged": [a.to_dict() for a in self.acknowledged],
            "note": self.note,
        }


def _parents(
    points: Iterable[Point], parent: str | None = None, out: dict[str, str | None] | None = None
) -> dict[str, str | None]:
    out = {} if out is None else out
    for p in points:
        out[p.id] = parent
        _parents(p.points, p.id, out)
    return out


def guard_drafts(
    old: Draft, new: Draft, *, comparison: Comparison | None = None, options: CompareOptions | None = None
) -> GuardReport:
    """The provisions of old that new dropped silently, and those it dropped with a word."""
    if comparison is None:
        from .compare import CompareOptions, compare

        comparison = compare(old, new, options or CompareOptions(diff=False))  # nobody reads the word diff
    parent_of = _parents(old.points)
    withdrawn = {str(w).strip() for w in new.withdrawn}
    points = {p.id: p for p in old.walk()}

    def acknowledged_by_withdrawal(point_id: str) -> bool:
        current: str | None = point_id
        while current is not None:
            if current in withdrawn:
                return True
            current = parent_of.get(current)
        return False

    dropped: list[Dropped] = []
    acked: list[Acknowledged] = []

    def visit(change: Change) -> None:
        if change.kind is Kind.DEFERRED:
            acked.extend(Acknowledged(i, "deferred", change.track) for i in change.old)
            return
        if change.kind is Kind.DROPPED:
            for point_id in change.old:
                if acknowledged_by_withdrawal(point_id):
                    acked.append(Acknowledged(point_id, "withdrawn"))
                    continue
                point = points.get(point_id)
                if point is None:  # pragma: no cover - the engine names only ids of the old draft
                    dropped.append(Dropped(point_id, ""))
                    continue
                dropped.append(
                    Dropped(point_id, point.text, point.line, point.section, sum(1 for _ in point.walk()) - 1)
                )
            return  # the sub-points of a dropped point went with it
        for child in change.children:
            visit(child)

    for change in comparison.changes:
        visit(change)
    return GuardReport(tuple(dropped), tuple(acked))


@dataclass
class RepoCache:
    """Commits already resolved, per repository top folder (a guard run resolves --against once)."""

    commits: dict[tuple[str, str], str | None] = field(default_factory=dict)


_NO_COMMITS = "the repository has no commits yet"


def _commit_for(against: str, top: str, name: str, cache: RepoCache) -> str | None:
    key = (top, against)
    if key not in cache.commits:
        try:
            cache.commits[key] = resolve_commit(against, name=name, cwd=top)
        except NoSuchRevision:
            if against != "HEAD":
                raise
            cache.commits[key] = None  # an unborn HEAD: the first commit guards nothing
    return cache.commits[key]


def guard_file(
    spec: str,
    against: str = "HEAD",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: CompareOptions | None = None,
    cache: RepoCache | None = None,
) -> GuardResult:
    """Guard one file (a path in a git work tree, or ``REV:PATH``) against its version at ``against``.

    Raises :class:`~draftdiff.errors.InputError` (exit status 2) when the file cannot be read or parsed,
    is not in a git repository, or ``against`` is not a revision. A file that is not at ``against`` is
    new and passes. ``cache`` (a :class:`RepoCache`) keeps the commits resolved for other files of the
    same run.
    """
    from .read import parse_draft

    cache = cache or RepoCache()
    if spec == "-":
        raise InputError("the guard needs a file in a git repository, not standard input", source="-")
    rev_spec = None if os.path.lexists(spec) else parse_rev_spec(spec)
    src = read_source(spec, max_bytes=max_bytes)
    top, rel = repo_path(spec) if rev_spec is None else (os.getcwd(), rev_spec[1])
    new = parse_draft(src.data, src.name, path=src.path)
    commit = _commit_for(against, top, spec, cache)
    old_name = f"{against}:{rel}"
    if commit is None:
        return GuardResult(spec, "new", against, None, old_name, note=_NO_COMMITS)
    try:
        old_data = read_blob(commit, rel, name=spec, max_bytes=max_bytes, cwd=top, rev=against)
    except MissingAtRevision:
        return GuardResult(spec, "new", against, commit, old_name, note=f"not at {against}: a new file")
    try:
        old = parse_draft(old_data, old_name, path=rel)
    except DraftdiffError as exc:
        return GuardResult(
            spec, "unguarded", against, commit, old_name, note=f"cannot read the version at {against}: {exc}"
        )
    report = guard_drafts(old, new, options=options)
    status = "dropped" if report.dropped else "ok"
    return GuardResult(spec, status, against, commit, old_name, report.dropped, report.acknowledged)
