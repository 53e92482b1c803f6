"""Plain-data (JSON-ready) forms of drafts and points: the "draftdiff.draft/1" objects.

Used by ``show --format json`` and inside the compare and history JSON. Reading them back is the job of
``draftdiff.read`` (a JSON draft in this form reads back as the same draft).
"""

from __future__ import annotations

from typing import Any

from .model import Draft, Point

__all__ = ["DRAFT_SCHEMA", "draft_to_dict", "point_to_dict"]

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
