"""The document model: a :class:`Draft` is a titled, dated tree of :class:`Point` objects.

Both are immutable. Readers (``draftdiff.read``) build them; the compare engine, the history and the
linter only read them. Nothing here imports rich or typer.

>>> d = draft_from_texts(["Ukraine's sovereignty is confirmed.", "A ceasefire starts at once."])
>>> [(p.id, p.text) for p in d.points]
[('1', "Ukraine's sovereignty is confirmed."), ('2', 'A ceasefire starts at once.')]
>>> d.point("2").label
'2'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

__all__ = ["POINTS_FROM", "Draft", "Passage", "Point", "draft_from_texts", "iter_points"]

#: The values of :attr:`Draft.points_from`.
POINTS_FROM = ("markers", "paragraphs")


@dataclass(frozen=True, slots=True)
class Point:
    """One provision of a draft, with its sub-points.

    id       unique in the draft: the labels of the ancestors and its own joined by ``.`` (``10.a``),
             qualified by its section where two lists would otherwise clash.
    label    the printed marker without punctuation (``10``, ``a``, ``2.1.3``, ``iv``); for an
             unlabelled bullet, its position (``1``, ``2`` ...).
    text     the point's own text, wrapped lines joined, without its marker and without sub-points.
    section  the heading the point stands under, if any.
    track    the name of a deferred/parked track the point was put on (a section such as
             "Deferred to leaders' talks", or an inline ``[deferred: ...]`` tag); None in the main text.
    line     1-based line of the marker in the source (None for JSON/TOML input without positions).
    marker   the marker as printed (``10.``, ``(a)``, ``-``, ``### 4.``), for the linter; "" if none.
    style    the numbering style: "decimal", "alpha", "roman", "bullet", "heading", "article" ... or "".
    points   sub-points, in document order.
    """

    id: str
    label: str
    text: str
    section: str | None = None
    track: str | None = None
    line: int | None = None
    marker: str = ""
    style: str = ""
    points: tuple[Point, ...] = ()

    def walk(self) -> Iterator[Point]:
        """This point and all its descendants, depth first, in document order."""
        yield self
        for child in self.points:
            yield from child.walk()

    @property
    def positional(self) -> bool:
        """Its label is only its place in the text (a paragraph read as a point), not a printed number:
        a change of label is then no renumbering."""
        return self.style == "paragraph"

    def with_points(self, points: tuple[Point, ...]) -> Point:
        return replace(self, points=tuple(points))


@dataclass(frozen=True, slots=True)
class Passage:
    """Text of the source that belongs to no point (a preamble, a closing note), kept so no word is lost."""

    text: str
    line: int | None = None
    section: str | None = None


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Draft:
    """A whole draft: where it came from, what it says about itself, and its points.

    source     the name the user gave (a path, ``-`` for stdin, ``REV:PATH``).
    title, date, version   from front matter (or the first heading for the title); None when absent.
    metadata   every front-matter key, as read (read-only mapping).
    points     the top-level points, in document order.
    passages   text outside any point.
    withdrawn  ids the draft says were withdrawn on purpose (front matter ``withdrawn:`` or a
               "Withdrawn" section); the guard does not count them as silently dropped.
    points_from  "markers" when the points are the numbered (or bulleted) items and headings of the
               text; "paragraphs" when the reader took one point per paragraph (a draft without
               numbered points, or ``--paragraphs``); ids are then ``¶1``, ``¶2`` ...
    """

    source: str
    points: tuple[Point, ...] = ()
    title: str | None = None
    date: str | None = None
    version: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    passages: tuple[Passage, ...] = ()
    withdrawn: tuple[str, ...] = ()
    points_from: str = "markers"

    def __post_init__(self) -> None:
        if not isinstance(self.metadata, MappingProxyType):
            object.__setattr__(self, "metadata", _frozen(self.metadata))
        object.__setattr__(self, "points", tuple(self.points))

    def walk(self) -> Iterator[Point]:
        """Every point at every depth, in document order."""
        return iter_points(self.points)

    def point(self, point_id: str) -> Point:
        """The point with this id (any depth); KeyError if there is none."""
        for p in self.walk():
            if p.id == point_id:
                return p
        raise KeyError(point_id)

    @property
    def name(self) -> str:
        """What to call the draft in a report: its title, else its source."""
        return self.title or self.source


def iter_points(points: tuple[Point, ...] | list[Point]) -> Iterator[Point]:
    for p in points:
        yield from p.walk()


def draft_from_texts(texts: list[str] | tuple[str, ...], *, source: str = "<texts>", **kw: Any) -> Draft:
    """A flat draft numbered 1..n from plain strings (handy for tests and library callers)."""
    points = tuple(
        Point(id=str(i), label=str(i), text=t, marker=f"{i}.", style="decimal") for i, t in enumerate(texts, 1)
    )
    return Draft(source=source, points=points, **kw)
