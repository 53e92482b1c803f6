"""JSON and TOML drafts: ``{title, date, version, points: [{label, text, points: [...]}]}`` or a bare list.

Accepted shapes (docs/draft-format.md):

- a list of strings (or of point objects): points numbered 1, 2, 3 ...;
- an object with ``points`` and optional ``title``, ``date``, ``version``, ``metadata``, ``withdrawn``,
  ``passages`` and ``schema`` (``"draftdiff.draft/1"``; ``show --format json`` output reads back as the
  same draft);
- a point: a string, or an object with ``text`` and optional ``label``, ``id``, ``section``, ``track``,
  ``line``, ``marker``, ``style``, ``points``. Without ``label`` a point is labelled by its position;
  without ``id`` its id joins its ancestors' labels and its own with ``.``.

A wrong shape is an InputError naming the path (``points[3].text: expected a string``).

>>> d = parse_structured('{"title": "T", "points": ["One", {"label": "b", "text": "Two"}]}', "d.json", "json")
>>> [(p.id, p.text) for p in d.points], d.title
([('1', 'One'), ('b', 'Two')], 'T')
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from ..errors import InputError
from ..jsonform import DRAFT_SCHEMA
from ..model import POINTS_FROM, Draft, Passage, Point
from .frontmatter import plain_value
from .markdown import MAX_DEPTH, child_id

__all__ = ["draft_from_data", "load_structured", "parse_structured"]

_RE_TOML_POS = re.compile(r"line (\d+), column (\d+)")
_POINT_KEYS = {"id", "label", "text", "section", "track", "line", "marker", "style", "points"}


def load_structured(text: str, source: str, fmt: str) -> Any:
    """The JSON or TOML data, or an InputError with the line and column of the syntax error."""
    if fmt == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", source=source, line=exc.lineno) from None
        except RecursionError:
            raise InputError("JSON nested too deeply", source=source) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _RE_TOML_POS.search(msg)
        if m:
            line: int | None = int(m.group(1))
        elif "end of document" in msg:
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
        else:
            line = None
        raise InputError(f"not valid TOML: {msg}", source=source, line=line) from None
    except RecursionError:
        raise InputError("TOML nested too deeply", source=source) from None


def _fail(source: str, path: str, problem: str) -> InputError:
    return InputError(f"{path}: {problem}" if path else problem, source=source)


def _opt_str(value: Any, source: str, path: str, *, numbers: bool = False) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    value = plain_value(value)
    if isinstance(value, str):  # a TOML date
        return value
    raise _fail(source, path, f"expected a string, found {_kind(value)}")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _points(items: Any, source: str, path: str, *, strict: bool = True) -> tuple[Point, ...]:
    """Build the point tree iteratively (deep input cannot exhaust the stack).

    ``strict``: unknown keys are errors (hand-written drafts, to catch typos); in a draftdiff.draft/1
    document they are ignored (fields may be added within the schema version).
    """
    if not isinstance(items, list):
        raise _fail(source, path, f"expected a list of points, found {_kind(items)}")
    seen: set[str] = set()
    # work items: (raw, path, parent_id, parent_label, depth, position, sink)
    root: list[Any] = []
    work: list[tuple[Any, str, str | None, str | None, int, int, list[Any]]] = []
    for k in range(len(items) - 1, -1, -1):
        work.append((items[k], f"{path}[{k}]", None, None, 1, k + 1, root))
    # first pass builds mutable records in document order; the second freezes them bottom-up
    records: list[dict[str, Any]] = []
    while work:
        raw, where, parent_id, parent_label, depth, position, sink = work.pop()
        if depth > MAX_DEPTH:
            raise _fail(source, where, f"points nested deeper than {MAX_DEPTH} levels")
        if isinstance(raw, str):
            raw = {"text": raw}
        if not isinstance(raw, dict):
            raise _fail(source, where, f"expected a point (an object or a string), found {_kind(raw)}")
        unknown = set(raw) - _POINT_KEYS
        if unknown and strict:
            raise _fail(source, where, f"unknown key {min(unknown)!r} (expected {', '.join(sorted(_POINT_KEYS))})")
        if "text" not in raw:
            raise _fail(source, where + ".text", "missing (every point needs a text)")
        text = raw["text"]
        if not isinstance(text, str):
            raise _fail(source, where + ".text", f"expected a string, found {_kind(text)}")
        label = _opt_str(raw.get("label"), source, where + ".label", numbers=True)
        if label is None or not label.strip():
            label = str(position)
        pid = _opt_str(raw.get("id"), source, where + ".id", numbers=True)
        if pid is None or not pid.strip():
            pid = label if parent_id is None else child_id(parent_id, parent_label or "", label)
            base, n = pid, 2
            while pid in seen:
                pid, n = f"{base}~{n}", n + 1
        elif pid in seen:
            raise _fail(source, where + ".id", f"duplicate id {pid!r}")
        seen.add(pid)
        line = raw.get("line")
        if line is not None and (not isinstance(line, int) or isinstance(line, bool) or line < 1):
            raise _fail(source, where + ".line", f"expected a positive integer or null, found {_kind(line)}")
        rec: dict[str, Any] = {
            "id": pid,
            "label": label,
            "text": text,
            "section": _opt_str(raw.get("section"), source, where + ".section"),
            "track": _opt_str(raw.get("track"), source, where + ".track"),
            "line": line,
            "marker": _opt_str(raw.get("marker"), source, where + ".marker") or "",
            "style": _opt_str(raw.get("style"), source, where + ".style") or "",
            "children": [],
        }
        records.append(rec)
        sink.append(rec)
        subs = raw.get("points", [])
        if subs is None:
            subs = []
        if not isinstance(subs, list):
            raise _fail(source, where + ".points", f"expected a list of points, found {_kind(subs)}")
        for k in range(len(subs) - 1, -1, -1):
            work.append((subs[k], f"{where}.points[{k}]", pid, label, depth + 1, k + 1, rec["children"]))
    for rec in reversed(records):
        children = tuple(c["point"] for c in rec.pop("children"))
        rec["point"] = Point(points=children, **{k: v for k, v in rec.items() if k != "point"})
    return tuple(rec["point"] for rec in root)


def draft_from_data(data: Any, source: str) -> Draft:
    """A Draft from parsed JSON/TOML data (see the module docstring for the shapes)."""
    if isinstance(data, list):
        points = _points(data, source, "")
        if not points:
            raise InputError("the list of points is empty", source=source)
        return Draft(source=source, points=points)
    if not isinstance(data, dict):
        raise _fail(source, "", f"expected an object with 'points' or a list of points, found {_kind(data)}")
    schema = data.get("schema")
    if schema is not None and schema != DRAFT_SCHEMA:
        raise _fail(source, "schema", f"unknown schema {schema!r} (expected {DRAFT_SCHEMA!r})")
    if "points" not in data:
        raise _fail(source, "points", "missing (a draft needs a list of points)")
    points = _points(data["points"], source, "points", strict=schema is None)
    if not points:
        raise _fail(source, "points", "the list of points is empty")
    metadata = data.get("metadata", {})
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise _fail(source, "metadata", f"expected an object, found {_kind(metadata)}")
    metadata = plain_value(metadata)
    if schema is None:  # a hand-written draft: other top-level keys are metadata, as in front matter
        extra = {k: plain_value(v) for k, v in data.items() if k not in ("points", "metadata", "passages")}
        metadata = {**extra, **metadata}
    withdrawn_raw = data.get("withdrawn", [])
    if withdrawn_raw is None:
        withdrawn_raw = []
    if not isinstance(withdrawn_raw, list):
        raise _fail(source, "withdrawn", f"expected a list of ids, found {_kind(withdrawn_raw)}")
    withdrawn = tuple(_opt_str(w, source, f"withdrawn[{k}]", numbers=True) or "" for k, w in enumerate(withdrawn_raw))
    passages_raw = data.get("passages", [])
    if passages_raw is None:
        passages_raw = []
    if not isinstance(passages_raw, list):
        raise _fail(source, "passages", f"expected a list, found {_kind(passages_raw)}")
    passages = []
    for k, p in enumerate(passages_raw):
        where = f"passages[{k}]"
        if isinstance(p, str):
            passages.append(Passage(text=p))
            continue
        if not isinstance(p, dict) or not isinstance(p.get("text"), str):
            raise _fail(source, where, "expected a string or an object with a 'text' string")
        line = p.get("line")
        if line is not None and (not isinstance(line, int) or isinstance(line, bool)):
            raise _fail(source, where + ".line", f"expected an integer or null, found {_kind(line)}")
        passages.append(Passage(text=p["text"], line=line, section=_opt_str(p.get("section"), source, where + ".section")))
    points_from = "markers"
    if schema is not None and data.get("points_from") is not None:  # show --format json of a prose draft
        points_from = data["points_from"]
        if points_from not in POINTS_FROM:
            raise _fail(source, "points_from", f"expected one of {', '.join(POINTS_FROM)}, found {points_from!r}")
    return Draft(
        source=source,
        points=points,
        title=_opt_str(data.get("title"), source, "title", numbers=True),
        date=_opt_str(data.get("date"), source, "date"),
        version=_opt_str(data.get("version"), source, "version", numbers=True),
        metadata=metadata,
        passages=tuple(passages),
        withdrawn=withdrawn,
        points_from=points_from,
    )


def parse_structured(text: str, source: str, fmt: str) -> Draft:
    """Parse a JSON (``fmt="json"``) or TOML (``fmt="toml"``) draft."""
    return draft_from_data(load_structured(text, source, fmt), source)
