"""The draft linter: problems in a draft, as data (:class:`Finding`), for ``draftdiff check``.

Each kind of problem has a code (``DD102``); :data:`CODES` lists them with a one-line summary and
docs/check.md explains each with an example. The linter never changes a draft and never raises on a bad
input: unreadable or unparseable input becomes a ``DD001`` finding (trouble: exit status 2 in the CLI).

>>> from draftdiff.model import Draft, Point
>>> d = Draft("plan.md", points=(
...     Point("1", "1", "A ceasefire starts at once.", line=1, marker="1.", style="decimal"),
...     Point("3", "3", "", line=2, marker="3.", style="decimal"),
... ))
>>> for f in lint_draft(d):
...     print(f)
plan.md:2: DD102 numbering jumps from 1 to 3 (2 missing; list it under 'withdrawn:' if it was withdrawn)
plan.md:2: DD104 point 3 is empty

Nothing here imports rich or typer.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import DraftdiffError
from .model import Draft, Point
from .numerals import roman_value, to_roman
from .sources import DEFAULT_MAX_BYTES

__all__ = [
    "CODES",
    "TROUBLE_CODES",
    "Finding",
    "iso_date_problem",
    "lint_draft",
    "lint_source",
    "lint_text",
    "select_codes",
]

#: Every finding code with its one-line summary (docs/check.md has the details and examples).
CODES: dict[str, str] = {
    "DD001": "the input could not be read or parsed (trouble: exit status 2)",
    "DD101": "duplicate id or number: two points share an id, or one list uses a number twice",
    "DD102": "numbering gap: a number is skipped and the draft does not say it was withdrawn",
    "DD103": "numbering out of order: a number smaller than the one before it",
    "DD104": "empty point: a marker with no text and no sub-points",
    "DD105": "mixed numbering styles within one list (1. and 2), or numbers and letters)",
    "DD201": "front matter: the date is not an ISO 8601 date (YYYY-MM-DD)",
    "DD202": "front matter: a leading '---' block that is not front matter (read as text)",
    "DD301": "a deferred track (a section whose heading defers points) with no points under it",
}

#: Codes that mean the draft could not be linted at all; --ignore does not hide them.
TROUBLE_CODES = frozenset({"DD001"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one draft.

    source   the name the user gave (path, ``-`` or ``REV:PATH``).
    line     1-based line in the source, or None where the input has no lines (JSON, TOML, or the
             whole file).
    code     a key of :data:`CODES`.
    message  one sentence, raw (callers escape it before showing it).
    point    the id of the point concerned, if any.
    """

    source: str
    line: int | None
    code: str
    message: str
    point: str | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.code} {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "line": self.line,
            "code": self.code,
            "message": self.message,
            "point": self.point,
        }


# --------------------------------------------------------------------------------------------- codes


def select_codes(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> frozenset[str]:
    """The codes to report: those matching a --select prefix (all when none), minus --ignore prefixes.

    A prefix matches every code that starts with it (``DD1`` is DD101-DD105). DD001 is always kept.
    ValueError names an entry that matches no code.

    >>> sorted(select_codes(ignore=["DD10", "dd2"]))
    ['DD001', 'DD301']
    >>> select_codes(ignore=["DD999"])
    Traceback (most recent call last):
    ...
    ValueError: unknown code 'DD999' (known: DD001, DD101, DD102, DD103, DD104, DD105, DD201, DD202, DD301)
    """

    def expand(entries: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for raw in entries:
            entry = raw.strip().upper()
            if not entry:
                continue
            hits = {c for c in CODES if c.startswith(entry)}
            if not hits:
                raise ValueError(f"unknown code {raw.strip()!r} (known: {', '.join(CODES)})")
            out |= hits
        return out

    chosen = expand(select) if select else set(CODES)
    chosen -= expand(ignore or ())
    return frozenset(chosen | TROUBLE_CODES)


# ------------------------------------------------------------------------------------ number values

def _alpha_value(label: str) -> int | None:
    """a=1 ... z=26, aa=27 (bijective base 26, as word processors letter long lists)."""
    if not label.isascii() or not label.isalpha():
        return None
    total = 0
    for ch in label.lower():
        total = total * 26 + (ord(ch) - 96)
    return total


def _to_alpha(n: int, upper: bool) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out.upper() if upper else out


@dataclass(frozen=True, slots=True)
class _Number:
    value: int
    kind: str  # "decimal", "alpha" or "roman"
    upper: bool
    prefix: str  # "2.1." for a dotted label "2.1.3"

    def value_of(self, label: str) -> int | None:
        """The integer a label of this kind stands for (``c`` -> 3), or None."""
        if self.kind == "alpha":
            return _alpha_value(label)
        if self.kind == "roman":
            return roman_value(label)
        return int(label) if label.isdigit() else None

    def label(self, value: int) -> str:
        if self.kind == "alpha":
            return self.prefix + _to_alpha(value, self.upper)
        if self.kind == "roman":
            return self.prefix + to_roman(value, self.upper)
        return self.prefix + str(value)


def _number(point: Point) -> _Number | None:
    """The point's number as an integer, or None for bullets and unnumbered points."""
    if point.style == "bullet":
        return None
    label = point.label.strip()
    prefix, _, last = label.rpartition(".")
    prefix = prefix + "." if prefix else ""
    if last.isdigit():
        return _Number(int(last), "decimal", False, prefix)
    style = point.style.lower()
    if "roman" in style:
        value = roman_value(last)
        return _Number(value, "roman", last.isupper(), prefix) if value else None
    if "alpha" in style or "letter" in style or (len(last) == 1 and last.isalpha()):
        value = _alpha_value(last)
        return _Number(value, "alpha", last.isupper(), prefix) if value else None
    return None


_LABEL_IN_MARKER = re.compile(r"[0-9]+(?:\.[0-9]+)*|[ivxlcdmIVXLCDM]+|[A-Za-z]")


def _marker_shape(point: Point) -> str:
    """The marker with its number blanked: ``10.`` -> ``#.``, ``(c)`` -> ``(#)``, ``Article 5`` -> ``Article #``."""
    marker = point.marker.strip()
    if not marker:
        return ""
    label = point.label
    if label and label in marker:
        head, _, tail = marker.rpartition(label)
        return f"{head}#{tail}"
    return _LABEL_IN_MARKER.sub("#", marker, count=1)


def _style_of(point: Point) -> tuple[str, str]:
    number = _number(point)
    kind = point.style or (number.kind if number else "")
    if number and number.kind == "alpha":
        kind += " upper" if number.upper else " lower"
    return kind, _marker_shape(point)


# ----------------------------------------------------------------------------------------- checks


def _where(point: Point) -> str:
    return f"point {point.id}"


class _Linter:
    def __init__(self, draft: Draft, text: str | None) -> None:
        self.draft = draft
        self.text = text
        self.findings: list[Finding] = []
        self.withdrawn = {str(w).strip() for w in draft.withdrawn}
        self._reported: set[tuple[str, str, int | None]] = set()

    def add(self, code: str, message: str, point: Point | None = None, line: int | None = None) -> None:
        line = line if line is not None else (point.line if point else None)
        key = (code, point.id if point else message, line)
        if key in self._reported:
            return
        self._reported.add(key)
        self.findings.append(Finding(self.draft.source, line, code, message, point.id if point else None))

    def run(self) -> list[Finding]:
        self.check_front_matter()
        self.check_ids()
        self.check_lists(None, self.draft.points)
        for point in self.draft.walk():
            if not point.text.strip() and not point.points:
                self.add("DD104", f"{_where(point)} is empty", point)
        self.check_tracks()
        self.findings.sort(key=lambda f: (f.line is None, f.line or 0, f.code))
        return self.findings

    # -- front matter
    def check_front_matter(self) -> None:
        line = _unread_front_matter(self.text) if not self.draft.metadata else None
        if line is not None:
            self.add(
                "DD202",
                f"the '---' block at the top is not front matter: line {line} is not 'key: value', "
                "so the whole block is read as text",
                line=line,
            )
        raw: Any = self.draft.metadata.get("date", self.draft.date)
        if raw is None:
            return
        problem = iso_date_problem(raw)
        if problem:
            self.add("DD201", f"front matter: {problem}", line=_front_matter_line(self.text, "date"))

    # -- ids
    def check_ids(self) -> None:
        first: dict[str, Point] = {}
        for point in self.draft.walk():
            if point.id in first:
                where = f" (first at line {first[point.id].line})" if first[point.id].line else ""
                self.add("DD101", f"duplicate id {point.id!r}{where}", point)
            else:
                first[point.id] = point

    # -- numbering of every list, recursively
    def check_lists(self, parent: Point | None, siblings: Sequence[Point]) -> None:
        runs: list[list[Point]] = []
        for point in siblings:  # one run per stretch of siblings under the same heading
            if runs and runs[-1][0].section == point.section and runs[-1][0].track == point.track:
                runs[-1].append(point)
            else:
                runs.append([point])
        last: int | None = None
        for run in runs:
            last = self.check_run(parent, run, last)
        for point in siblings:
            if point.points:
                self.check_lists(point, point.points)

    def _withdrawn(self, parent: Point | None, number: _Number, value: int) -> bool:
        label = number.label(value)
        ids = {f"{parent.id}.{label}"} if parent else {label}
        return bool(ids & self.withdrawn)

    def _missing(self, parent: Point | None, number: _Number, low: int, high: int) -> tuple[list[str], int]:
        """(the first five labels of low..high that are not declared withdrawn, how many there are).

        Bounded work whatever the span (a list may jump from 1 to 999999999).
        """
        first: list[str] = []
        value = low
        while value <= high and len(first) < 5:
            if not self._withdrawn(parent, number, value):
                first.append(number.label(value))
            value += 1
        if value > high:
            return first, len(first)
        prefix = f"{parent.id}." if parent else ""
        covered = 0
        for wid in self.withdrawn:
            if not wid.startswith(prefix):
                continue
            label = wid[len(prefix) :]
            if (
                label.startswith(number.prefix)
                and (v := number.value_of(label[len(number.prefix) :])) is not None
            ):
                covered += low <= v <= high
        return first, high - low + 1 - covered

    def check_run(self, parent: Point | None, run: list[Point], last: int | None) -> int | None:
        self.check_styles(run)
        numbered = [(p, n) for p in run if (n := _number(p)) is not None]
        if not numbered:
            return last
        first_point, first = numbered[0]
        on_track = first_point.track is not None
        # A run may restart at 1 or continue the previous run; a run on a deferred track may keep the
        # numbers its points had elsewhere, so its first number is free.
        if not on_track and first.value != 1 and (last is None or first.value != last + 1):
            if last is None:
                self.report_gap(parent, first_point, first, None, 1)
            elif first.value > last + 1:
                self.report_gap(parent, first_point, first, last, last + 1)
            else:
                self.add(
                    "DD103",
                    f"numbering goes back from {first.label(last)} to {first_point.label} "
                    f"(a new list should start at {first.label(1)} or continue at {first.label(last + 1)})",
                    first_point,
                )
        seen: dict[int, Point] = {first.value: first_point}
        prev = first.value
        for point, number in numbered[1:]:
            if number.value in seen:
                other = seen[number.value]
                where = f" (also at line {other.line})" if other.line else f" (also {_where(other)})"
                self.add("DD101", f"number {point.label} is used twice in one list{where}", point)
            elif number.value < prev:
                self.add(
                    "DD103", f"numbering out of order: {point.label} comes after {number.label(prev)}", point
                )
            elif number.value > prev + 1:
                self.report_gap(parent, point, number, prev, prev + 1)
            seen.setdefault(number.value, point)
            prev = max(prev, number.value)
        return max(prev, last or 0)

    def report_gap(
        self, parent: Point | None, point: Point, number: _Number, prev: int | None, low: int
    ) -> None:
        missing, count = self._missing(parent, number, low, number.value - 1)
        if not count:
            return
        shown = ", ".join(missing) + (f" and {count - len(missing)} more" if count > len(missing) else "")
        verb = "is" if count == 1 else "are"
        hint = (
            "list it under 'withdrawn:' if it was withdrawn"
            if count == 1
            else ("list them under 'withdrawn:' if they were withdrawn")
        )
        if prev is None:
            self.add("DD102", f"numbering starts at {point.label} ({shown} {verb} missing; {hint})", point)
        else:
            self.add(
                "DD102",
                f"numbering jumps from {number.label(prev)} to {point.label} ({shown} missing; {hint})",
                point,
            )

    def check_styles(self, run: list[Point]) -> None:
        """One DD105 per other style in the list, at its first point, with how many points use it."""
        if len(run) < 2:
            return
        first = run[0]
        first_style, first_shape = _style_of(first)
        others: dict[tuple[str, str], list[Point]] = {}
        for point in run[1:]:
            style, shape = _style_of(point)
            if style != first_style or (shape and first_shape and shape != first_shape):
                others.setdefault((style, shape), []).append(point)
        for points in others.values():
            point = points[0]
            more = f"; {len(points)} points use it" if len(points) > 1 else ""
            where = f" (line {first.line})" if first.line else ""
            self.add(
                "DD105",
                f"mixed numbering styles in one list: {point.marker or point.label!r} "
                f"after {first.marker or first.label!r}{where}{more}",
                point,
            )

    # -- deferred tracks with nothing on them
    def check_tracks(self) -> None:
        used = {name for p in self.draft.walk() for name in (p.track, p.section) if name}
        for name, line in _empty_track_headings(self.draft, used):
            self.add("DD301", f"deferred track {name!r} has no points", line=line)


def _empty_track_headings(draft: Draft, used: set[str]) -> list[tuple[str, int | None]]:
    """(heading, line) of each deferred-track section of the source with nothing under it.

    A track section is a heading with a track cue word (the reader's :data:`DEFAULT_TRACK_CUES`); the
    reader keeps headings as passages whose section is the heading itself. The section is empty when no
    point stands in it or is on its track, and no other text is under the heading (an annex of prose is
    not an empty track).
    """
    from .read.markdown import DEFAULT_TRACK_CUES, cue_pattern

    cue = cue_pattern(DEFAULT_TRACK_CUES)
    by_section: dict[str, list[tuple[str, int | None]]] = {}
    for passage in draft.passages:
        if passage.section is not None:
            by_section.setdefault(passage.section, []).append((passage.text.strip(), passage.line))
    out: list[tuple[str, int | None]] = []
    for title, texts in by_section.items():
        if title in used or not cue.search(title) or _WITHDRAWN_HEADING.search(title):
            continue
        if all(text == title.strip() for text, _ in texts):
            out.append((title, texts[0][1]))
    return out


_WITHDRAWN_HEADING = re.compile(r"\bwithdrawn\b", re.IGNORECASE)


# ----------------------------------------------------------------------------------------- helpers

_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def iso_date_problem(value: Any) -> str | None:
    """None when value is an ISO 8601 date (or date-time), else what is wrong with it.

    >>> iso_date_problem("2025-11-23") is None, iso_date_problem("2025-11-23T10:00:00Z") is None
    (True, True)
    >>> iso_date_problem("23 Nov 2025")
    "date '23 Nov 2025' is not an ISO 8601 date (write it as YYYY-MM-DD)"
    >>> iso_date_problem("2025-02-30")
    "date '2025-02-30' is not a real calendar date (day is out of range for month)"
    """
    if isinstance(value, (_dt.date, _dt.datetime)):
        return None
    if not isinstance(value, str):
        return f"date {value!r} is not an ISO 8601 date (write it as YYYY-MM-DD)"
    s = value.strip()
    if _YEAR.match(s):
        return None
    if _YEAR_MONTH.match(s):
        month = int(s[5:])
        return None if 1 <= month <= 12 else f"date {value!r} has no month {month}"
    if re.match(r"^\d{4}-\d{2}-\d{2}", s):
        try:
            _dt.datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
            return None
        except ValueError as exc:
            if re.match(r"^\d{4}-\d{2}-\d{2}$", s):
                return f"date {value!r} is not a real calendar date ({exc})"
    return f"date {value!r} is not an ISO 8601 date (write it as YYYY-MM-DD)"


_KEY_LINE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*[ \t]*:(?:[ \t]|$)")


def _unread_front_matter(text: str | None) -> int | None:
    """The line that kept a leading ``---`` ... ``---`` block from being front matter, or None.

    The reader takes such a block as a thematic break plus text when its first line is not ``key: value``
    (``title Plan`` for ``title: Plan``); that is almost always a typo in the front matter.
    """
    if not text:
        return None
    lines = text.lstrip("\ufeff").split("\n", 60)[:60]
    if lines[0].rstrip() != "---":
        return None
    first = next(
        (
            (n, ln.strip())
            for n, ln in enumerate(lines[1:], 2)
            if ln.strip() and not ln.strip().startswith("#")
        ),
        None,
    )
    if first is None:
        return None
    number, stripped = first
    if stripped in ("---", "...") or _KEY_LINE.match(stripped):
        return None  # front matter (or rejected by the reader with its own message)
    closing = any(ln.rstrip() in ("---", "...") for ln in lines[number:])
    return number if closing else None


def _front_matter_line(text: str | None, key: str) -> int | None:
    """The line of ``key:`` (or ``key =``) in a leading ``---``/``+++`` block of text."""
    if not text:
        return None
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() not in ("---", "+++"):
        return None
    fence = lines[0].strip()
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*[:=]")
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == fence:
            return None
        if pattern.match(line):
            return number
    return None


# ------------------------------------------------------------------------------------------ entry points


def lint_draft(draft: Draft, *, text: str | None = None) -> list[Finding]:
    """The findings for a parsed draft, sorted by line.

    text, the source (or its first lines), places front-matter findings and detects DD202.
    """
    return _Linter(draft, text).run()


_HEAD = 64 * 1024


def _head_text(data: bytes | str) -> str:
    """The start of the source as text, enough for the front matter (no copy of a huge input)."""
    if isinstance(data, str):
        return data[:_HEAD]
    head = data[:_HEAD]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", "replace")
    return head.decode("utf-8-sig", "replace")


def lint_text(data: bytes | str, source: str = "<string>", *, path: str | None = None) -> list[Finding]:
    """Parse data as a draft (any format the reader knows) and lint it; DD001 when it cannot be parsed."""
    from .read import parse_draft

    try:
        draft = parse_draft(data, source, path=path)
    except (DraftdiffError, RecursionError) as exc:
        return [_trouble(source, exc)]
    return lint_draft(draft, text=_head_text(data))


def lint_source(spec: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Finding]:
    """Read spec (a path, ``-`` or ``REV:PATH``) and lint it; DD001 when it cannot be read or parsed."""
    from .sources import read_source

    try:
        src = read_source(spec, max_bytes=max_bytes)
    except DraftdiffError as exc:
        return [_trouble(spec, exc)]
    return lint_text(src.data, src.name, path=src.path)


def _trouble(source: str, exc: BaseException) -> Finding:
    if isinstance(exc, DraftdiffError):
        return Finding(source, exc.line, "DD001", exc.message)
    return Finding(source, None, "DD001", "input nested too deeply to process")
