"""Markdown and plain text to a tree of points: one pass over the lines, no recursion, no regex backtracking.

What becomes a point (see docs/draft-format.md for the whole story):

- list items: ``1.`` ``1)`` ``(1)``, ``a.`` ``a)`` ``(a)``, ``A.``, roman ``iv.`` ``(iv)`` ``IV.``, bullets
  ``-`` ``*`` ``+`` ``•`` ``→`` ``–`` ``▪`` ``◦`` ``‣``, dotted ``2.1.3``, and keyword markers ``Article 1``,
  ``Point 1``, ``Section 1``, ``Clause 1``, ``Paragraph 1``, ``§ 1`` (followed by ``.`` ``:`` ``–`` or the end of
  the line); nesting comes from the indentation and, at equal indentation, from the marker style (an
  ``a)`` after a ``1.`` is its sub-point);
- numbered headings: ``### 4. Spam``, ``#### 2.1.3 Modification``, ``## Article 5``, ``## IV. Final``; a
  dotted label hangs under the open heading whose label is its prefix (``2.1.3`` under ``2.1``).

Everything else (preamble, headings, closing notes, code blocks) is kept as :class:`~draftdiff.model.Passage`
objects so that no word is lost. Top-level bullets are points only in a document without numbered points,
or in a track section; elsewhere they are passages.

>>> r = parse_markdown("# Plan\\n\\nPreamble.\\n\\n1. Ceasefire\\n   a) at once\\n2. Talks\\n", "plan.md")
>>> [(p.id, p.text) for p in r.walk()]
[('1', 'Ceasefire'), ('1.a', 'at once'), ('2', 'Talks')]
>>> r.title, [p.text for p in r.passages]
('Plan', ['Plan', 'Preamble.'])
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..model import Passage, Point
from ..numerals import roman_value

__all__ = [
    "DEFAULT_TRACK_CUES",
    "MAX_DEPTH",
    "NO_POINTS_MESSAGE",
    "PARAGRAPH_MARK",
    "ParsedText",
    "clean_inline",
    "cue_pattern",
    "parse_markdown",
    "slugify",
]

#: Section headings holding one of these words (case-insensitive, whole words, plural allowed) put their
#: points on a track named after the heading.
DEFAULT_TRACK_CUES = (
    "deferred",
    "parked",
    "postponed",
    "separate track",
    "leaders",
    "annex",
    "outstanding",
    "open issues",
)

#: Points nested deeper than this are refused with an InputError (real drafts use 2-4 levels; the limit
#: keeps every tree walk in the package far from Python's recursion limit).
MAX_DEPTH = 100

NO_POINTS_MESSAGE = "no numbered points found; use paragraphs=True to read each paragraph as a point"

_PEEK = 160  # how much of a line's start is examined for a marker (keeps huge lines linear)

_BULLETS = "-*+•→–▪◦‣●○■□◆◇►▸"
_RE_BULLET = re.compile(r"([-*+•→–▪◦‣●○■□◆◇►▸])(?:[ \t]+|$)")
_RE_NUM = re.compile(r"(\d{1,9})([.)])(?:[ \t]+|$)")
_RE_PNUM = re.compile(r"\((\d{1,9})\)(?:[ \t]+|$)")
_RE_BOLDNUM = re.compile(r"\*\*(\d{1,9})([.)])(\*\*)?(?:[ \t]+|$)")
_RE_DOTTED = re.compile(r"(\d{1,4}(?:\.\d{1,4}){1,8})\.?(?:[ \t]+|$)")
_RE_LETTERS = re.compile(r"([A-Za-z]{1,8})([.)])(?:[ \t]+|$)")
_RE_PLETTERS = re.compile(r"\(([A-Za-z]{1,8})\)(?:[ \t]+|$)")
_KEYWORDS = r"article|art\.|point|section|clause|paragraph|§"
_RE_KEYWORD = re.compile(
    r"(?:\*\*)?(" + _KEYWORDS + r")[ \t]*(\d{1,4}[a-z]?(?:\.\d{1,4}){0,6}|[IVXLC]{1,7})\.?(?:\*\*)?"
    r"(?:[ \t]*[.:)\u2013\u2014-](?:\*\*)?[ \t]*|[ \t]*$)",
    re.IGNORECASE,
)
_RE_HEAD_NUM = re.compile(r"(?:\*\*)?(\d{1,3}(?:\.\d{1,3}){0,8})(?:\.(?:\*\*)?[ \t]*|(?:\*\*)?[ \t]+|(?:\*\*)?$)")
_RE_HEAD_ROMAN = re.compile(r"(?:\*\*)?([IVXLC]{1,7}|[A-Z])\.(?:\*\*)?(?:[ \t]+|$)")
_RE_HEAD_KEYWORD = re.compile(
    r"(?:\*\*)?(" + _KEYWORDS + r")[ \t]*(\d{1,4}[a-z]?(?:\.\d{1,4}){0,6}|[IVXLC]{1,7})\b\.?(?:\*\*)?"
    r"(?:[ \t]*[:\u2013\u2014-][ \t]*|[ \t]+|$)",
    re.IGNORECASE,
)
_RE_WITHDRAWN = re.compile(r"\bwithdrawn\b", re.IGNORECASE)
_RE_WITHDRAWN_ID = re.compile(
    r"[ \t]*(?:\*\*)?(?:(?:point|article|item|section|§)[ \t]*)?(\d{1,4}(?:\.[0-9A-Za-z]{1,4}){0,6})\b", re.IGNORECASE
)
# link text and target exclude their own delimiters, so a failed match never rescans (no backtracking blow-up)
_RE_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
_RE_EMPH = re.compile(r"\*+|`+|(?<!\w)_+|(?<!_)_++(?!\w)")  # a run of _ is tried once, from its start
_RE_SPACES = re.compile(r"\s+")
_RE_SLUG = re.compile(r"[^\w]+")
_KEYWORD_STYLE = {"art.": "article", "§": "section"}


def clean_inline(text: str) -> str:
    """Heading text without Markdown emphasis, code ticks and link targets, spaces collapsed.

    >>> clean_inline("**Deferred** to [leaders' talks](https://x.example) `now`")
    "Deferred to leaders' talks now"
    """
    text = _RE_LINK.sub(r"\1", text)
    text = _RE_EMPH.sub("", text)
    return _RE_SPACES.sub(" ", text).strip()


def slugify(text: str, limit: int = 40) -> str:
    """The section qualifier used in ids: lower case, runs of non-word characters as ``-``, at most
    ``limit`` characters (cut at a ``-``).

    >>> slugify("Tagging Specification (SemVerTag)")
    'tagging-specification-semvertag'
    >>> slugify("“Social Contract” with the Free Software Community")
    'social-contract-with-the-free-software'
    """
    slug = _RE_SLUG.sub("-", text.lower()).strip("-_")
    if len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[: cut if cut > 0 else limit]
    return slug


def cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """A regex finding any cue word (whole words, case-insensitive, an ``s``/``es`` plural allowed)."""
    parts = sorted({c.strip().lower() for c in cues if c and c.strip()}, key=len, reverse=True)
    if not parts:
        return re.compile(r"(?!)")
    alts = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)
    return re.compile(r"(?<!\w)(?:" + alts + r")(?:e?s)?(?!\w)", re.IGNORECASE)


#: Cue words that also make a tag on their own (``[deferred]``); the others need a name after a colon
#: (``[annex: security]``), so that a reference such as ``see [Annex]`` stays text.
BARE_TAG_CUES = ("deferred", "parked", "postponed")


def _tag_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """``[cue: name]`` for any cue word, ``[deferred]``-style bare tags, never a Markdown link ``[x](...)``."""

    def alternation(words: Iterable[str]) -> str:
        parts = sorted({c.strip().lower() for c in words if c and c.strip()}, key=len, reverse=True)
        return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts) or "(?!)"

    named = alternation(cues)
    bare = alternation(c for c in cues if c.strip().lower() in BARE_TAG_CUES)
    return re.compile(
        r"\[[ \t]*(?:(" + named + r")[ \t]*:[ \t]*([^\[\]\n]{0,300})|(" + bare + r")[ \t]*)\](?![(\[])",
        re.IGNORECASE,
    )


# --------------------------------------------------------------------------------------------------------
# building blocks


class _Para:
    """A paragraph (wrapped lines to be joined by spaces) or a code block (lines kept)."""

    __slots__ = ("code", "line", "lines", "title")

    def __init__(self, line: int, lines: list[str], code: bool = False, title: bool = False) -> None:
        self.line = line
        self.lines = lines
        self.code = code
        self.title = title  # the title line of a keyword item (Article 2 - Ceasefire): one line only

    def text(self) -> str:
        if self.code:
            return "\n".join(self.lines)
        return " ".join(self.lines)


class _Section:
    __slots__ = ("index", "level", "title", "track", "withdrawn")

    def __init__(self, title: str, level: int, track: str | None, withdrawn: bool, index: int) -> None:
        self.title = title
        self.level = level
        self.track = track
        self.withdrawn = withdrawn
        self.index = index


class _Node:
    """A point under construction."""

    __slots__ = (
        "block",
        "children",
        "depth",
        "family",
        "id",
        "indent",
        "label",
        "level",
        "line",
        "marker",
        "paras",
        "parent",
        "section",
        "serial",
        "style",
        "text",
        "track",
        "value",
    )

    def __init__(
        self,
        parent: _Node | None,
        depth: int,
        line: int,
        section: _Section | None,
        label: str,
        value: int | None,
        marker: str,
        style: str,
        family: str,
        indent: int,
        level: int | None,
        block: bool,
        serial: int,
    ) -> None:
        self.parent = parent
        self.depth = depth
        self.line = line
        self.section = section
        self.label = label
        self.value = value
        self.marker = marker
        self.style = style
        self.family = family
        self.indent = indent
        self.level = level
        self.block = block
        self.serial = serial
        self.paras: list[_Para] = []
        self.children: list[_Node] = []
        self.id = ""
        self.text = ""
        self.track: str | None = None


@dataclass(slots=True)  # not frozen: created for every list line, and frozen __init__ is slow
class _Marker:
    style: str  # decimal, alpha, upper-alpha, roman, upper-roman, bullet, article, section, ...
    family: str  # style plus the enclosing form: siblings share it
    label: str
    value: int | None
    printed: str  # the marker as printed
    end: int  # where the item's text starts in the line body
    dotted: bool = False
    keyword: bool = False
    ambiguous: str | None = None  # the letter when it could be alpha or roman
    prefix: str = ""  # markup that opened before the marker and goes on in the text (``**1. Title**``)


@dataclass(frozen=True, slots=True)
class ParsedText:
    """What the Markdown reader found: points, text outside points, and what the text says of itself."""

    points: tuple[Point, ...]
    passages: tuple[Passage, ...]
    title: str | None
    withdrawn: tuple[str, ...]
    points_from: str = "markers"

    def walk(self) -> Iterator[Point]:
        stack = list(reversed(self.points))
        while stack:
            p = stack.pop()
            yield p
            stack.extend(reversed(p.points))


_PASSAGE = object()
_PENDING = object()


_MODALS = frozenset({"shall", "will", "must", "may", "should", "is", "are", "has", "have"})


def _looks_like_title(text: str) -> bool:
    """A short line not ending like a clause: the title of an ``Article 2`` item, not its first sentence."""
    if len(text) > 60 or text.endswith((",", ";", ":", "-", "\u2013", "\u2014")):
        return False
    words = text.lower().split()
    return len(words) <= 8 and not _MODALS.intersection(words)


def _is_start(m: _Marker) -> bool:
    """Can this marker open a list in the middle of a paragraph (CommonMark-like)?"""
    if m.style == "bullet" or m.keyword:
        return True
    return m.value == 1 and not m.dotted


def _match_marker(body: str) -> _Marker | None:
    """The list marker at the start of a line body (leading indentation removed), if any."""
    c = body[:1]
    if not c:
        return None
    peek = body[:_PEEK]
    if c in _BULLETS:
        m = _RE_BULLET.match(peek)
        if m:
            return _Marker("bullet", "bullet", "", None, m.group(1), m.end())
        if c == "*":
            m = _RE_BOLDNUM.match(peek)
            if m:  # **1.** Text, or **1. Title.** Text (the bold goes on in the text)
                v = int(m.group(1))
                if m.group(3):
                    return _Marker("decimal", "decimal", m.group(1), v, m.group(0).strip(), m.end())
                return _Marker("decimal", "decimal", m.group(1), v, m.group(1) + m.group(2), m.end(), prefix="**")
            m = _RE_KEYWORD.match(peek)
            if m:
                return _keyword_marker(m)
        return None
    if c.isdigit():
        m = _RE_NUM.match(peek)  # "1. " (the common case) cannot also be dotted: a space follows the dot
        if m:
            return _Marker("decimal", "decimal", m.group(1), int(m.group(1)), m.group(1) + m.group(2), m.end())
        m = _RE_DOTTED.match(peek)
        if m:
            label = m.group(1)
            return _Marker("decimal", "dotted", label, None, m.group(0).strip(), m.end(), dotted=True)
        return None
    if c == "(":
        m = _RE_PNUM.match(peek)
        if m:
            return _Marker("decimal", "(decimal)", m.group(1), int(m.group(1)), f"({m.group(1)})", m.end())
        m = _RE_PLETTERS.match(peek)
        if m:
            return _letter_marker(m.group(1), f"({m.group(1)})", m.end(), enclosed=True)
        return None
    if c.isalpha() or c == "§":
        m = _RE_KEYWORD.match(peek)
        if m:
            return _keyword_marker(m)
        m = _RE_LETTERS.match(peek)
        if m and body[m.end() : m.end() + 1].strip():
            return _letter_marker(m.group(1), m.group(1) + m.group(2), m.end(), enclosed=False)
    return None


def _keyword_marker(m: re.Match[str]) -> _Marker:
    word = m.group(1).lower()
    style = _KEYWORD_STYLE.get(word, word)
    label = m.group(2)
    value = int(label) if label.isdigit() else roman_value(label)
    printed = m.group(0).strip().rstrip(":.-\u2013\u2014 ").strip("*").strip()
    return _Marker(style, style, label, value, printed, m.end(), keyword=True)


def _letter_marker(letters: str, printed: str, end: int, *, enclosed: bool) -> _Marker | None:
    form = "()" if enclosed else ""
    upper = letters.isupper()
    if len(letters) == 1:
        style = "upper-alpha" if upper else "alpha"
        value = ord(letters.lower()) - 96
        amb = letters if letters.lower() in "ivxlcdm" else None
        return _Marker(style, form + style, letters, value, printed, end, ambiguous=amb)
    value = roman_value(letters)
    if value is None:
        return None
    style = "upper-roman" if upper else "roman"
    return _Marker(style, form + style, letters, value, printed, end)


def _as_roman(m: _Marker) -> _Marker:
    style = "upper-roman" if m.label.isupper() else "roman"
    form = "()" if m.family.startswith("()") else ""
    return _Marker(style, form + style, m.label, roman_value(m.label), m.printed, m.end)


def _indent_of(raw: str) -> tuple[int, str]:
    body = raw.lstrip(" \t")
    lead = raw[: len(raw) - len(body)]
    return (len(lead.expandtabs(4)) if "\t" in lead else len(lead)), body


def _heading_number(text: str) -> tuple[str, int | None, str, int, str] | None:
    """(label, value, printed, end, prefix) when a heading starts with a number, roman numeral or keyword.

    ``prefix`` is ``**`` when bold opened before the number and goes on in the title (``**1. Title**``).
    """
    peek = text[:_PEEK]
    found = _heading_number_match(peek)
    if found is None:
        return None
    label, value, printed, end = found
    prefix = ""
    if printed.startswith("**"):
        if "**" in printed[2:]:
            printed = printed.replace("**", "")
        else:
            printed, prefix = printed[2:], "**"
    return label, value, printed, end, prefix


def _heading_number_match(peek: str) -> tuple[str, int | None, str, int] | None:
    m = _RE_HEAD_KEYWORD.match(peek)
    if m:
        label = m.group(2)
        value = int(label) if label.isdigit() else roman_value(label)
        printed = m.group(0).strip().rstrip(":-\u2013\u2014 ").strip()
        return label, value, printed, m.end()
    m = _RE_HEAD_NUM.match(peek)
    if m:
        label = m.group(1)
        value = int(label) if label.isdigit() else None
        return label, value, m.group(0).strip(), m.end()
    m = _RE_HEAD_ROMAN.match(peek)
    if m:
        label = m.group(1)
        value = roman_value(label) if len(label) > 1 or label in "IVX" else ord(label) - 64
        return label, value, m.group(0).strip(), m.end()
    return None


# --------------------------------------------------------------------------------------------------------
# the parser


class _Parser:
    def __init__(self, source: str, line_offset: int, track_cues: Iterable[str]) -> None:
        self.source = source
        self.offset = line_offset
        self.cues = tuple(track_cues)
        self.cue_re = cue_pattern(self.cues)
        self.stack: list[_Node] = []  # open points, outermost first
        self.nodes: list[_Node] = []  # every point, in creation (document) order
        self.sections: list[_Section] = []  # open section headings, outermost first
        self.section_count = 0
        self.passages: list[tuple[_Para, _Section | None, bool]] = []  # (para, section, is_heading)
        self.pending: list[_Para] = []
        self.cur: _Para | None = None
        self.cur_target: object = None
        self.title: str | None = None
        self.seen_point = False
        self.serial = 0
        self.bullet_count: dict[object, int] = {}
        self.last_top_heading: _Node | None = None
        self.last_top_heading_section: _Section | None = None

    # -- small helpers ---------------------------------------------------------------------------------
    def _err(self, message: str, line: int) -> InputError:
        return InputError(message, source=self.source, line=line)

    def _section(self) -> _Section | None:
        return self.sections[-1] if self.sections else None

    def _new_serial(self) -> int:
        self.serial += 1
        return self.serial

    def _innermost_block(self) -> int:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].block:
                return i
        return -1

    def _close_items(self) -> None:
        """Close the open list items above the innermost heading point or keyword block."""
        del self.stack[self._innermost_block() + 1 :]

    def _close_all_items(self) -> None:
        while self.stack and self.stack[-1].level is None:
            self.stack.pop()

    def _add_para(self, target: object, para: _Para) -> None:
        self.cur_target = target
        if target is _PENDING:
            self.pending.append(para)
        elif target is _PASSAGE:
            self.passages.append((para, self._section(), False))
        else:
            target.paras.append(para)  # type: ignore[attr-defined]

    def _fallback(self) -> object:
        i = self._innermost_block()
        return self.stack[i] if i >= 0 else _PASSAGE

    def _flush_pending(self) -> None:
        """The paragraphs after a list did not continue it: they go to the enclosing point or passages."""
        if not self.pending:
            return
        self._close_items()
        target = self._fallback()
        for para in self.pending:
            if target is _PASSAGE:
                self.passages.append((para, self._section(), False))
            else:
                target.paras.append(para)  # type: ignore[attr-defined]
        self.pending = []

    def _paragraph_target(self, indent: int) -> object:
        stack = self.stack
        i = len(stack) - 1
        while i >= 0 and not stack[i].block:
            if stack[i].indent < indent:
                del stack[i + 1 :]
                return stack[i]
            i -= 1
        if i == len(stack) - 1:  # no list item open
            return stack[i] if i >= 0 else _PASSAGE
        return _PENDING

    # -- points ----------------------------------------------------------------------------------------
    def _new_node(self, parent: _Node | None, lineno: int, **kw: Any) -> _Node:
        depth = parent.depth + 1 if parent is not None else 1
        if depth > MAX_DEPTH:
            raise self._err(f"points nested deeper than {MAX_DEPTH} levels; refusing to read further", lineno)
        node = _Node(parent, depth, lineno, self._section(), **kw)
        if parent is not None:
            parent.children.append(node)
        self.nodes.append(node)
        self.stack.append(node)
        self.seen_point = True
        return node

    def _resolve_ambiguous(self, m: _Marker, indent: int) -> _Marker:
        """``i``, ``v``, ``x``, ``c`` ...: alpha when they continue an alpha list, roman otherwise."""
        roman = _as_roman(m)
        for f in reversed(self.stack):
            if f.level is not None:
                break
            if abs(f.indent - indent) <= 1:
                if f.family == m.family and f.value == (m.value or 0) - 1:
                    return m
                if f.family == roman.family and f.value == (roman.value or 0) - 1:
                    return roman
        return roman if m.label in "iI" else m

    def _dotted_fits(self, m: _Marker) -> bool:
        prefix = m.label.rsplit(".", 1)[0]
        depth = m.label.count(".")
        return any(f.label == prefix or (f.family == "dotted" and f.label.count(".") == depth) for f in self.stack)

    def _item(self, m: _Marker, indent: int, body: str, lineno: int) -> None:
        if m.ambiguous:
            m = self._resolve_ambiguous(m, indent)
        stack = self.stack
        if self.pending:
            cont = None
            if m.value is not None:
                for f in reversed(stack):
                    if f.level is not None:
                        break
                    if f.family == m.family and abs(f.indent - indent) <= 1 and f.value == m.value - 1:
                        cont = f
                        break
            if cont is not None:
                cont.paras.extend(self.pending)
                self.pending = []
            else:
                self._flush_pending()
        parent: _Node | None = None
        serial: int | None = None
        placed = False
        if m.dotted or (m.keyword and "." in m.label):  # 2.1.3, Section 2.1: under the open 2.1 / 2
            prefix = m.label.rsplit(".", 1)[0]
            for i in range(len(stack) - 1, -1, -1):
                f = stack[i]
                if f.level is not None and f.label != prefix:
                    break
                if f.label == prefix:
                    del stack[i + 1 :]
                    parent, placed = f, True
                    break
        if not placed:
            for i in range(len(stack) - 1, -1, -1):
                f = stack[i]
                if f.level is not None:
                    break
                same = f.family == m.family and (
                    abs(f.indent - indent) <= 1
                    and (not (m.dotted or m.keyword) or f.label.count(".") == m.label.count("."))
                )
                if same:
                    parent = f.parent
                    restart = m.value is not None and m.value == 1 and f.value is not None and f.value > 1
                    serial = None if restart else f.serial
                    del stack[i:]
                    placed = True
                    break
        if not placed:
            while stack and stack[-1].level is None and stack[-1].indent > indent:
                stack.pop()
            parent = stack[-1] if stack else None
        if serial is None:
            serial = self._new_serial()
        label = m.label
        if m.style == "bullet":  # unlabelled: its position among the bullets of its parent (or section)
            sec = self._section()
            key: object = id(parent) if parent is not None else ("top", sec.index if sec is not None else 0)
            n = self.bullet_count.get(key, 0) + 1
            self.bullet_count[key] = n
            label = str(n)
        node = self._new_node(
            parent,
            lineno,
            label=label,
            value=m.value,
            marker=m.printed,
            style=m.style,
            family=m.family,
            indent=indent,
            level=None,
            block=m.keyword,
            serial=serial,
        )
        text = body[m.end :].strip()
        if text and m.prefix:
            text = m.prefix + text
        para = _Para(lineno, [text] if text else [], title=m.keyword)
        if text and m.keyword and not _looks_like_title(text):
            para.title = False
        node.paras.append(para)
        self.cur, self.cur_target = para, node

    def _heading(self, level: int, text: str, lineno: int) -> None:
        self._flush_pending()
        self.cur = None
        stack = self.stack
        num = _heading_number(text)
        self._close_all_items()
        while stack and stack[-1].level is not None and stack[-1].level >= level:
            stack.pop()
        if num is None:
            if stack:  # a sub-heading inside a numbered heading: part of that point's text
                stack[-1].paras.append(_Para(lineno, [text]))
                return
            if level == 1 and self.title is None and not self.seen_point:
                self.title = clean_inline(text)
                self.passages.append((_Para(lineno, [text]), self._section(), True))
                return
            while self.sections and self.sections[-1].level >= level:
                self.sections.pop()
            title = clean_inline(text)
            withdrawn = bool(_RE_WITHDRAWN.search(title))
            track = None
            if not withdrawn:
                track = title if self.cue_re.search(title) else (self.sections[-1].track if self.sections else None)
            self.section_count += 1
            self.sections.append(_Section(title, level, track, withdrawn, self.section_count))
            self.passages.append((_Para(lineno, [text]), self._section(), True))
            return
        label, value, printed, end, bold = num
        while self.sections and self.sections[-1].level >= level:
            self.sections.pop()
        parent: _Node | None = None
        if "." in label:
            prefix = label.rsplit(".", 1)[0]
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].label == prefix:
                    del stack[i + 1 :]
                    break
        parent = stack[-1] if stack else None
        if parent is None:
            prev = self.last_top_heading
            same = prev is not None and prev.level == level and self.last_top_heading_section is self._section()
            serial = prev.serial if same and prev is not None else self._new_serial()
        else:
            last = parent.children[-1] if parent.children else None
            serial = last.serial if last is not None and last.level == level else self._new_serial()
        node = self._new_node(
            parent,
            lineno,
            label=label,
            value=value,
            marker="#" * level + " " + printed,
            style="heading",
            family="heading",
            indent=-1,
            level=level,
            block=True,
            serial=serial,
        )
        if parent is None:
            self.last_top_heading, self.last_top_heading_section = node, self._section()
        rest = text[end:].strip()
        if rest:
            node.paras.append(_Para(lineno, [bold + rest]))

    # -- the main loop ---------------------------------------------------------------------------------
    def run(self, lines: list[str]) -> None:
        fence: str | None = None
        fence_para: _Para | None = None
        for n, raw in enumerate(lines, 1):
            lineno = n + self.offset
            if fence is not None:
                _, b = _indent_of(raw)
                if b.startswith(fence) and not b[len(fence):].strip(fence[0] + " \t"):
                    fence, fence_para = None, None
                    self.cur = None
                else:
                    fence_para.lines.append(raw.rstrip())  # type: ignore[union-attr]
                continue
            if not raw or raw.isspace():
                self.cur = None
                continue
            indent, body = _indent_of(raw)
            c = body[0]
            if c == ">":  # a block quote: its text is kept as text (the > markers are markup)
                quoted = body.lstrip("> \t")
                if not quoted:
                    self.cur = None
                    continue
                if self.cur is not None:
                    self.cur.lines.append(quoted.strip())
                    continue
                para = _Para(lineno, [quoted.strip()])
                self._add_para(self._paragraph_target(indent), para)
                self.cur = para
                continue
            # fenced code
            if c in "`~" and body.startswith(c * 3):
                run = len(body) - len(body.lstrip(c))
                if c == "~" or "`" not in body[run:]:
                    fence = c * run
                    target = self.cur_target if self.cur is not None else self._paragraph_target(indent)
                    fence_para = _Para(lineno, [], code=True)
                    self._add_para(target, fence_para)
                    self.cur = None
                    continue
            # ATX heading
            if c == "#" and indent <= 3:
                hashes = len(body) - len(body.lstrip("#"))
                if hashes <= 6 and (len(body) == hashes or body[hashes] in " \t"):
                    text = body[hashes:].strip()
                    if text.endswith("#"):
                        t2 = text.rstrip("#")
                        if not t2 or t2.endswith((" ", "\t")):
                            text = t2.strip()
                    self._heading(hashes, text, lineno)
                    continue
            # setext underline / thematic break
            if c in "=-*_" and indent <= 3:
                only = not body.strip(c + " \t")  # nothing but c, spaces and tabs (stops at the first other)
                target = self.cur_target
                if only and c in "=-" and self.cur is not None and not self.cur.code and (
                    target is _PASSAGE
                    or target is _PENDING
                    or (isinstance(target, _Node) and target.block and self.cur is not target.paras[0])
                ) and self.cur.lines:
                    para, target = self.cur, self.cur_target
                    if target is _PENDING:
                        self.pending.remove(para)
                    elif target is _PASSAGE:
                        self.passages.pop()
                    else:
                        target.paras.remove(para)  # type: ignore[attr-defined]
                    self.cur = None
                    self._heading(1 if c == "=" else 2, " ".join(para.lines), para.line)
                    continue
                if only and c != "=" and body.count(c) >= 3:
                    self._flush_pending()
                    self._close_items()
                    self.cur = None
                    continue
            # list items
            m = _match_marker(body)
            if m is not None:
                in_list = isinstance(self.cur_target, _Node) and self.cur_target.level is None
                if m.dotted and not body[m.end :].strip():
                    pass  # "2.2.0." alone on a line: a wrapped version number, not a point
                elif m.dotted and self.cur is not None and not self._dotted_fits(m):
                    pass  # inside a paragraph, a dotted number only continues a dotted hierarchy
                elif self.cur is None or in_list or _is_start(m):
                    self._item(m, indent, body, lineno)
                    continue
            # text
            cur = self.cur
            if cur is not None:
                if not (cur.title and cur.lines):
                    line = body.strip()
                    cur.lines.append(line)
                    if cur.title and not _looks_like_title(line):
                        cur.title = False
                    continue
                para = _Para(lineno, [body.strip()])  # the line after a keyword item's title
                self._add_para(self.cur_target, para)
                self.cur = para
                continue
            target = self._paragraph_target(indent)
            para = _Para(lineno, [body.strip()])
            self._add_para(target, para)
            self.cur = para
        # an unclosed fence simply runs to the end of the document, as in CommonMark
        self._flush_pending()


# --------------------------------------------------------------------------------------------------------
# after the pass: which bullets are points, labels, ids, the frozen tree


def _subtree(node: _Node) -> Iterator[_Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


def _node_text(node: _Node) -> str:
    return "\n".join(t for t in (p.text() for p in node.paras) if t)


def child_id(parent_id: str, parent_label: str, label: str) -> str:
    """The id of a child point: ``10`` + ``a`` -> ``10.a``; a dotted label under its prefix: ``2.1`` + ``2.1.3`` -> ``2.1.3``."""
    if "." in label and label.startswith(parent_label + "."):
        return parent_id + label[len(parent_label) :]
    return f"{parent_id}.{label}"


def _assign_ids(tops: list[_Node]) -> None:
    groups: dict[int, list[_Node]] = {}
    for node in tops:
        groups.setdefault(node.serial, []).append(node)
    ordered = list(groups.values())

    def raw_ids(group: list[_Node], prefix: str) -> list[tuple[_Node, str]]:
        out = []
        for top in group:
            stack = [(top, prefix + top.label)]
            while stack:
                node, nid = stack.pop()
                out.append((node, nid))
                for child in reversed(node.children):
                    stack.append((child, child_id(nid, node.label, child.label)))
        return out

    prefixes: dict[int, str] = {}
    if len(ordered) > 1:
        main = max(range(len(ordered)), key=lambda i: (len(ordered[i]), -i))
        used: set[str] = set()
        taken: set[str] = set()
        next_suffix: dict[str, int] = {}
        for gi in [main] + [i for i in range(len(ordered)) if i != main]:
            group = ordered[gi]
            ids = {nid for _, nid in raw_ids(group, "")}
            prefix = ""
            if ids & used:
                section = group[0].section
                base = slugify(section.title) if section is not None else ""
                base = base or f"list-{gi + 1}"
                cand, k = base, next_suffix.get(base, 2)
                while cand in taken:
                    cand, k = f"{base}-{k}", k + 1
                next_suffix[base] = k
                taken.add(cand)
                prefix = cand + "/"
                ids = {nid for _, nid in raw_ids(group, prefix)}
            prefixes[gi] = prefix
            used |= ids
    seen: set[str] = set()
    for gi, group in enumerate(ordered):
        prefix = prefixes.get(gi, "")
        for top in group:
            stack: list[tuple[_Node, str]] = [(top, prefix + top.label)]
            while stack:
                node, nid = stack.pop()
                if nid in seen:
                    k = 2
                    while f"{nid}~{k}" in seen:
                        k += 1
                    nid = f"{nid}~{k}"
                seen.add(nid)
                node.id = nid
                for child in reversed(node.children):
                    stack.append((child, child_id(nid, node.label, child.label)))


def _renumber(nodes: list[_Node]) -> None:
    """A list whose items all carry the same number is numbered as Markdown renders it (1, 2, 3 ...)."""
    lists: dict[int, list[_Node]] = {}
    for node in nodes:
        if node.style == "decimal" and node.family in ("decimal", "(decimal)") and node.value is not None:
            lists.setdefault(node.serial, []).append(node)
    for items in lists.values():
        if len(items) > 1 and all(it.value == items[0].value for it in items):
            start = items[0].value
            for k, it in enumerate(items):
                it.value = start + k
                it.label = str(start + k)


def parse_markdown(
    text: str,
    source: str = "<string>",
    *,
    paragraphs: bool | str = False,
    track_cues: Iterable[str] | None = None,
    line_offset: int = 0,
) -> ParsedText:
    """Parse Markdown or plain text (front matter already removed) into points and passages.

    ``paragraphs``: False, a text without points is refused; True, it is read one point per paragraph;
    ``"always"``, every text is read one point per paragraph (or list item), markers or not.
    ``line_offset`` is added to line numbers (the lines of a front matter block that was cut off).
    Raises InputError when there is no point (unless ``paragraphs``) or nesting is deeper than MAX_DEPTH.
    """
    cues = tuple(DEFAULT_TRACK_CUES if track_cues is None else track_cues)
    # Many small objects and no cycles: the cyclic garbage collector would only slow a big draft down.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, source, paragraphs, cues, line_offset)
    finally:
        if gc_was_enabled:
            gc.enable()


#: The id (and label) of the paragraph read as point number k: ``¶1``, ``¶2`` ...
PARAGRAPH_MARK = "\u00b6"

_Entry = tuple[_Para, str | None, str | None, bool]  # a paragraph, its section, its track, is it a heading


def _paragraph_points(entries: list[_Entry], source: str, title: str | None, withdrawn: tuple[str, ...]) -> ParsedText:
    """One point per paragraph (document order), ids ``¶1``, ``¶2`` ...; headings stay passages."""
    points = []
    rest = []
    for para, section, track, is_heading in entries:
        t = para.text()
        if is_heading or not t.strip() or _only_link_definitions(para):
            rest.append(Passage(text=t, line=para.line, section=section))
            continue
        k = f"{PARAGRAPH_MARK}{len(points) + 1}"
        points.append(
            Point(id=k, label=k, text=t, section=section, track=track, line=para.line, marker="", style="paragraph")
        )
    if not points:
        raise InputError("no points and no paragraphs found: the draft holds only headings", source=source)
    return ParsedText(tuple(points), tuple(rest), title, withdrawn, points_from="paragraphs")


_RE_LINK_DEFINITION = re.compile(r"\[[^\]\n]{1,999}\]:[ \t]*\S")


def _only_link_definitions(para: _Para) -> bool:
    """A block of Markdown link reference definitions (``[homepage]: https://...``): markup, not prose."""
    return not para.code and all(_RE_LINK_DEFINITION.match(line) for line in para.lines)


def _every_paragraph(parser: _Parser) -> list[_Entry]:
    """``paragraphs="always"``: every paragraph and list item in document order, whatever its marker.

    List markers are dropped (markup, as for points); a numbered heading (``### 1. Correction``) or a
    keyword item's title line (``Article 2 - Ceasefire``, when text follows it) is a heading, kept as
    printed, and names the section of the paragraphs under it.
    """
    entries: list[_Entry] = [
        (para, sec.title if sec else None, sec.track if sec else None, is_heading)
        for para, sec, is_heading in parser.passages
    ]
    where: dict[int, tuple[str | None, str | None]] = {}
    for node in parser.nodes:  # creation order: a parent before its children
        if node.parent is not None:
            section, track = where[id(node.parent)]
        elif node.section is not None:
            section, track = node.section.title, node.section.track
        else:
            section, track = None, None
        paras = node.paras
        if node.block:
            first = paras[0] if paras and paras[0].line == node.line and not paras[0].code else None
            # a keyword item's title line heads its body; alone, it is the item's one paragraph
            is_title = first is not None and (node.level is not None or (first.title and len(paras) > 1))
            printed = node.marker.lstrip("#").strip()
            if is_title or node.level is not None:
                head = f"{printed} {first.text()}".strip() if is_title and first is not None else printed
                entries.append((_Para(node.line, [head]), section, track, True))
                section = clean_inline(head)
                if is_title:
                    paras = paras[1:]
        where[id(node)] = (section, track)
        entries.extend((para, section, track, False) for para in paras)
    entries.sort(key=lambda e: e[0].line)
    return entries


def _parse(
    text: str, source: str, paragraphs: bool | str, cues: tuple[str, ...], line_offset: int
) -> ParsedText:
    parser = _Parser(source, line_offset, cues)
    parser.run(text.split("\n"))
    if paragraphs == "always":
        return _paragraph_points(_every_paragraph(parser), source, parser.title, ())
    passages: list[tuple[_Para, _Section | None, bool]] = list(parser.passages)
    withdrawn: list[str] = []
    tops = [n for n in parser.nodes if n.parent is None]
    numbered = any(n.style != "bullet" for n in tops)
    keep: list[_Node] = []
    for top in tops:
        sec = top.section
        if sec is not None and sec.withdrawn:
            wid = top.label if top.style != "bullet" else None
            if wid is None:
                m = _RE_WITHDRAWN_ID.match(_node_text(top))
                wid = m.group(1) if m else None
            if wid is not None:
                withdrawn.append(wid)
        elif top.style != "bullet" or not numbered or (sec is not None and sec.track):
            keep.append(top)
            continue
        for node in _subtree(top):  # not a point: its words become passages
            passages.extend((para, sec, False) for para in node.paras)
    passages.sort(key=lambda t: t[0].line)
    kept_nodes = [n for top in keep for n in _subtree(top)]
    if not keep:
        if not paragraphs:
            raise InputError(NO_POINTS_MESSAGE, source=source)
        entries = [(para, sec.title if sec else None, sec.track if sec else None, h) for para, sec, h in passages]
        return _paragraph_points(entries, source, parser.title, tuple(withdrawn))
    _renumber(kept_nodes)
    _assign_ids(keep)
    tag_re = _tag_pattern(cues)
    for node in kept_nodes:  # document order: parents before children
        text = _node_text(node)
        track = None
        m = tag_re.search(text) if "[" in text else None
        if m:
            track = (m.group(2) or "").strip() or (m.group(1) or m.group(3)).lower()
            left, right = text[: m.start()].rstrip(" \t"), text[m.end() :].lstrip(" \t")
            glue = left and right and not left.endswith("\n") and right[0] not in "\n.,;:)!?"
            sep = " " if glue else ""
            text = (left + sep + right).strip()
        if track is None:
            if node.parent is not None:
                track = node.parent.track
            elif node.section is not None:
                track = node.section.track
        node.text, node.track = text, track
    built: dict[int, Point] = {}
    for node in reversed(kept_nodes):
        built[id(node)] = Point(
            id=node.id,
            label=node.label,
            text=node.text,
            section=node.section.title if node.section is not None else None,
            track=node.track,
            line=node.line,
            marker=node.marker,
            style=node.style,
            points=tuple(built.pop(id(c)) for c in node.children),
        )
    points = tuple(built[id(top)] for top in keep)
    out_passages = tuple(
        Passage(text=t, line=para.line, section=sec.title if sec is not None else None)
        for para, sec, _ in passages
        if (t := para.text()).strip()
    )
    return ParsedText(points, out_passages, parser.title, tuple(withdrawn))
