"""Plain-data (JSON-ready) forms of drafts and points: the "draftdiff.draft/1" objects.

Used by ``show --format json`` and inside the compare and history JSON. Reading them back is the job of
``draftdiff.read`` (a JSON draft in this form reads back as the same draft).

:func:`escape_json_text` is the one place where JSON text is made safe to print; every JSON writer
(compare, history, blame, check, guard, draft) passes its text through it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from .model import Draft, Point
from .textsafe import SAFE_FORMAT, UNSAFE_CATEGORIES

__all__ = ["DRAFT_SCHEMA", "draft_to_dict", "escape_json_text", "point_to_dict"]

DRAFT_SCHEMA = "draftdiff.draft/1"


def point_to_dict(point: Point) -> dict[str, Any]:
    return {
        "id": point.id,
        "label": point.label,
        "section": point.section,
        "track": point.track,
        "line": point.line,
        "text": point.text,
        "marker": point.marker,
        "style": point.style,
        "points": [point_to_dict(p) for p in point.points],
    }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)  # dates and times from TOML front matter


def draft_to_dict(draft: Draft, *, with_schema: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"schema": DRAFT_SCHEMA} if with_schema else {}
    out.update(
        {
            "source": draft.source,
            "title": draft.title,
            "date": draft.date,
            "version": draft.version,
            "metadata": _jsonable(draft.metadata),
            "withdrawn": list(draft.withdrawn),
            "points_from": draft.points_from,
            "passages": [{"text": p.text, "line": p.line, "section": p.section} for p in draft.passages],
            "points": [point_to_dict(p) for p in draft.points],
        }
    )
    return out


_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e\n]")


def _u_escape(ch: str) -> str:
    data = ch.encode("utf-16-be", "surrogatepass")  # a lone surrogate stays one escape
    return "".join(f"\\u{int.from_bytes(data[i : i + 2], 'big'):04x}" for i in range(0, len(data), 2))


def _escape_unsafe(match: re.Match[str]) -> str:
    ch = match.group()
    return _u_escape(ch) if unicodedata.category(ch) in UNSAFE_CATEGORIES else ch


def _escape_unsafe_but_soft_hyphen(match: re.Match[str]) -> str:
    ch = match.group()
    return ch if ch in SAFE_FORMAT else _escape_unsafe(match)


def escape_json_text(text: str, *, keep_soft_hyphen: bool = False) -> str:
    """JSON text (as written by :mod:`json`) made safe to print on a terminal, with the same data.

    Letters of every script stay as they are; DEL, C1 controls, bidi and invisible format characters,
    line and paragraph separators, lone surrogates and unassigned code points become ``\\uXXXX`` escapes
    (a character beyond U+FFFF as its surrogate pair). The encoder already escapes C0 controls, so text
    that is all ASCII without DEL is returned as it is, unscanned. ``keep_soft_hyphen`` leaves U+00AD
    as it is, as the text form of ``draftdiff show`` does (the draft JSON keeps it; the other documents
    escape it).

    >>> escape_json_text('"Київ \u202e\x9b \U0001f600 \\u0007 \u00ad"')
    '"Київ \\\\u202e\\\\u009b \U0001f600 \\\\u0007 \\\\u00ad"'
    >>> escape_json_text('"\\u2028\\udc80\\u00ad"', keep_soft_hyphen=True)
    '"\\\\u2028\\\\udc80\\xad"'
    """
    if text.isascii() and "\x7f" not in text:
        return text  # a scan of 25 MB for nothing would take a tenth of a second
    escape = _escape_unsafe_but_soft_hyphen if keep_soft_hyphen else _escape_unsafe
    # A printable piece holds no unsafe character, and isprintable runs at C speed: only the pieces that
    # fail it go through the regular expression, whose Python callback runs once per non-ASCII character
    # (an 8 MB Cyrillic draft: 0.07 s instead of 2 s).
    return "\n".join(line if line.isprintable() else _escape_line(line, escape) for line in text.split("\n"))


_CHUNK = 512


def _escape_line(line: str, escape: Callable[[re.Match[str]], str]) -> str:
    pieces = (line[start : start + _CHUNK] for start in range(0, len(line), _CHUNK))
    return "".join(p if p.isprintable() else _NOT_PLAIN_ASCII.sub(escape, p) for p in pieces)
