"""Reading drafts: bytes from a file, stdin or git become a :class:`~draftdiff.model.Draft`.

>>> d = parse_draft("---\\ntitle: Plan\\n---\\n1. Ceasefire.\\n2. Talks [deferred: leaders' talks]\\n")
>>> d.title, [(p.id, p.text, p.track) for p in d.points]
('Plan', [('1', 'Ceasefire.', None), ('2', 'Talks', "leaders' talks")])

Formats: Markdown / plain text (the default), JSON and TOML (by extension ``.json`` / ``.toml``, by
``format=``, or, for JSON, when the text starts with ``{``, or with ``[`` followed by what a JSON list
may hold: a Markdown link such as ``[deferred]`` stays Markdown). See
docs/draft-format.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from ..errors import InputError
from ..model import Draft
from ..sources import DEFAULT_MAX_BYTES, read_source
from .decode import check_not_blank, decode_text
from .frontmatter import split_front_matter
from .markdown import DEFAULT_TRACK_CUES, MAX_DEPTH, NO_POINTS_MESSAGE, parse_markdown

__all__ = [
    "DEFAULT_TRACK_CUES",
    "FORMATS",
    "MAX_DEPTH",
    "NO_POINTS_MESSAGE",
    "detect_format",
    "parse_draft",
    "read_draft",
]

#: Values accepted by ``format=`` (and their aliases).
FORMATS = {"markdown": "markdown", "md": "markdown", "text": "markdown", "txt": "markdown", "json": "json", "toml": "toml"}

_EXTENSIONS = {".json": "json", ".toml": "toml"}


def detect_format(path: str | None, text: str, fmt: str | None = None) -> str:
    """"markdown", "json" or "toml": ``fmt`` if given, else the extension, else a look at the text."""
    if fmt:
        try:
            return FORMATS[fmt.lower()]
        except KeyError:
            raise InputError(f"unknown draft format {fmt!r} (use markdown, json or toml)") from None
    if path:
        ext = os.path.splitext(path)[1].lower()
        if ext in _EXTENSIONS:
            return _EXTENSIONS[ext]
        if ext:
            return "markdown"
    head = text.lstrip()[:2]
    if head[:1] == "{":
        return "json"
    if head[:1] == "[" and (len(head) < 2 or head[1] in '"{[]-0123456789 \t\n'):
        return "json"
    return "markdown"


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(",") if v.strip()]


def parse_draft(
    data: bytes | str,
    source: str = "<string>",
    *,
    path: str | None = None,
    format: str | None = None,
    paragraphs: bool | str = False,
    track_cues: Iterable[str] | None = None,
) -> Draft:
    """Parse the bytes (or text) of a draft; ``source`` names it in messages and in ``Draft.source``.

    ``paragraphs``: False (the default), a Markdown draft without points is refused (InputError,
    :data:`NO_POINTS_MESSAGE`); True, such a draft is read one point per paragraph; ``"always"``, every
    Markdown draft is, numbered or not (JSON and TOML drafts always keep their points).
    ``Draft.points_from`` says which reading was made.
    """
    text = decode_text(data, source)
    check_not_blank(text, source)
    fmt = detect_format(path, text, format)
    if fmt in ("json", "toml"):
        from .structured import parse_structured

        return parse_structured(text, source, fmt)
    meta, body, offset = split_front_matter(text, source)
    cues = list(DEFAULT_TRACK_CUES if track_cues is None else track_cues)
    cues += [c for c in _as_list(meta.get("tracks")) if c not in cues]
    if not body.strip():
        if meta:
            raise InputError("the file holds front matter but no draft text after it", source=source)
        check_not_blank(body, source)
    parsed = parse_markdown(body, source, paragraphs=paragraphs, track_cues=cues, line_offset=offset)
    withdrawn = list(dict.fromkeys(_as_list(meta.get("withdrawn")) + list(parsed.withdrawn)))
    title = meta.get("title")
    return Draft(
        source=source,
        points=parsed.points,
        title=str(title) if title is not None else parsed.title,
        date=str(meta["date"]) if meta.get("date") is not None else None,
        version=str(meta["version"]) if meta.get("version") is not None else None,
        metadata=meta,
        passages=parsed.passages,
        withdrawn=tuple(withdrawn),
        points_from=parsed.points_from,
    )


def read_draft(
    spec: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    paragraphs: bool | str = False,
    format: str | None = None,
    track_cues: Iterable[str] | None = None,
) -> Draft:
    """Read the draft named by ``spec``: a path, ``-`` (stdin) or ``REV:PATH`` (git)."""
    src = read_source(spec, max_bytes=max_bytes)
    return parse_draft(
        src.data, src.name, path=src.path, format=format, paragraphs=paragraphs, track_cues=track_cues
    )
