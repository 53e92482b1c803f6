"""Reading the drafts of one comparison (or one history) so that their points are the same kind of unit.

A draft without numbered points is read one point per paragraph. When the drafts compared are not
numbered alike (one is prose and another numbered, or one has only bullets and another numbered points:
Contributor Covenant 1.4 against 2.0), comparing a numbered point with a bullet or a paragraph says
little, and most of one side would read as "dropped" while its words are still there. Every Markdown
draft of the set is then read one point per paragraph, so the comparison is paragraph against
paragraph. JSON and TOML drafts keep their points (they say what their points are).

>>> rs = parse_together([(b"1. Ceasefire.\\n2. Talks.\\n", "a.md"), (b"A ceasefire.\\n\\nTalks.\\n", "b.md")])
>>> [(r.draft.points_from, r.kind, [p.id for p in r.draft.points]) for r in rs]
[('paragraphs', 'numbered', ['¶1', '¶2']), ('paragraphs', 'prose', ['¶1', '¶2'])]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Draft
from ..sources import DEFAULT_MAX_BYTES, read_source

__all__ = ["Reading", "draft_kind", "paragraph_notes", "parse_together", "read_together"]

#: Why a draft was read as paragraphs (``Reading.why``).
WHY_NO_POINTS = "no numbered points"
WHY_UNLIKE = "not numbered like the others"
WHY_ASKED = "paragraphs=True"


@dataclass(frozen=True, slots=True)
class Reading:
    """One draft as read, with what its own text holds and why it was read as paragraphs (if it was).

    kind  what the text itself holds: "numbered" (numbered items, numbered headings, keyword items),
          "bullets" (bullet items only), "prose" (no list items at all), "structured" (JSON/TOML), or ""
          when ``paragraphs="always"`` read it as paragraphs without looking.
    why   None when the points are the draft's own markers; else WHY_NO_POINTS, WHY_UNLIKE or WHY_ASKED.
    """

    draft: Draft
    kind: str
    why: str | None = None


def draft_kind(draft: Draft) -> str:
    """ "prose", "bullets" or "numbered" for a Markdown draft read by its markers (or as paragraphs)."""
    if draft.points_from == "paragraphs":
        return "prose"
    return "bullets" if all(p.style == "bullet" for p in draft.points) else "numbered"


def parse_together(
    sources: Sequence[tuple[bytes | str, str] | tuple[bytes | str, str, str | None]],
    *,
    paragraphs: bool | str = True,
    format: str | None = None,
    track_cues: Iterable[str] | None = None,
) -> list[Reading]:
    """Parse ``(data, source[, path])`` drafts as one set (see the module docstring).

    ``paragraphs``: True (the default) reads a draft without numbered points as paragraphs, and every
    Markdown draft as paragraphs when they are not numbered alike; ``"always"`` reads every Markdown
    draft as paragraphs; False reads markers only and refuses a draft without points (InputError).
    """
    from . import detect_format, parse_draft
    from .decode import decode_text

    opts: dict[str, Any] = {"format": format, "track_cues": track_cues}
    readings: list[Reading] = []
    for item in sources:
        data, source, path = item[0], item[1], _path(item)
        text = decode_text(data, source)
        structured = detect_format(path, text, format) != "markdown"
        draft = parse_draft(text, source, path=path, paragraphs=paragraphs, **opts)
        del text  # not kept: a series of big drafts holds only its bytes until it is read again
        if structured:
            readings.append(Reading(draft, "structured"))
            continue
        if paragraphs == "always":
            kind, why = "", WHY_ASKED
        else:
            kind = draft_kind(draft)
            why = WHY_NO_POINTS if draft.points_from == "paragraphs" else None
        readings.append(Reading(draft, kind, why))
    kinds = {r.kind for r in readings if r.kind in ("numbered", "bullets", "prose")}
    if paragraphs is True and len(kinds) > 1:
        for k, r in enumerate(readings):
            if r.kind == "structured" or r.draft.points_from == "paragraphs":
                continue
            data, source, path = sources[k][0], sources[k][1], _path(sources[k])
            again = parse_draft(data, source, path=path, paragraphs="always", **opts)
            readings[k] = Reading(again, r.kind, WHY_UNLIKE)
    return readings


def _path(item: tuple[Any, ...]) -> str | None:
    return item[2] if len(item) > 2 else None


def read_together(
    specs: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    paragraphs: bool | str = True,
    format: str | None = None,
    track_cues: Iterable[str] | None = None,
) -> list[Reading]:
    """Read the drafts named by ``specs`` (paths, ``-``, ``REV:PATH``) as one set: :func:`parse_together`."""
    sources = []
    for spec in specs:
        src = read_source(spec, max_bytes=max_bytes)
        sources.append((src.data, src.name, src.path))
    return parse_together(sources, paragraphs=paragraphs, format=format, track_cues=track_cues)


_KIND_NAMES = {"prose": "no numbered points", "bullets": "bullets only", "numbered": "numbered points"}


def paragraph_notes(readings: Sequence[Reading]) -> list[str]:
    """What to tell the user about paragraph readings (unescaped): one line a draft, or one for the set.

    >>> rs = parse_together([(b"Prose.\\n", "memo.md"), (b"1. One.\\n", "plan.md")])
    >>> paragraph_notes(rs)
    ['the drafts are not numbered alike (no numbered points: memo.md; numbered points: plan.md); both read as paragraphs']
    """
    if any(r.why == WHY_UNLIKE for r in readings):
        groups: dict[str, list[str]] = {}
        for r in readings:
            if r.kind in _KIND_NAMES:
                groups.setdefault(_KIND_NAMES[r.kind], []).append(r.draft.source)
        held = "; ".join(f"{kind}: {', '.join(names)}" for kind, names in groups.items())
        read, total = sum(1 for r in readings if r.draft.points_from == "paragraphs"), len(readings)
        which = "both" if read == total == 2 else f"all {read}" if read == total else f"{read} of {total}"
        return [f"the drafts are not numbered alike ({held}); {which} read as paragraphs"]
    notes = []
    for r in readings:
        n = len(r.draft.points)
        count = f"{n} paragraph" + ("" if n == 1 else "s")
        if r.why == WHY_NO_POINTS:
            notes.append(f"{r.draft.source} has no numbered points; read as {count}")
        elif r.why == WHY_ASKED and r.draft.points_from == "paragraphs":
            notes.append(f"{r.draft.source} read as {count} ({WHY_ASKED})")
    return notes
