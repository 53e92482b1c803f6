"""Fuzzing the reader (hypothesis): hostile Markdown-like documents, bytes in any encoding, JSON and TOML.

Whatever the input, :func:`draftdiff.read.parse_draft` returns a well-formed draft or raises
:class:`~draftdiff.errors.InputError` naming the source: never another exception. A draft it returns has
unique non-empty ids, lines inside the document, serialises to JSON, shows as text without a raw control
character, and reads back from its ``show --format json`` form as the same draft.

Text fidelity (no word is lost) is the property of tests/test_read_fidelity.py; it is not repeated here.
The strategies are shared with ``bench/fuzz.py``, which runs the same properties for minutes.
Bounded here: a few dozen examples each (``FUZZ_EXAMPLES`` scales them), no deadline.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draftdiff.errors import InputError
from draftdiff.jsonform import draft_to_dict
from draftdiff.model import Draft
from draftdiff.read import parse_draft

SCALE = float(os.environ.get("FUZZ_EXAMPLES", "1"))


def examples(n: int) -> settings:
    return settings(
        max_examples=max(1, int(n * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Stats:
    """How many examples each property ran and the longest one took; written to
    ``$TMPDIR/draftdiff-robustness/NAME.json`` and printed (``pytest -s``) when the module is done."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.runs: dict[str, list[float]] = {}  # property -> [examples, longest seconds]

    def run(self, prop: Callable[..., None], *args: object) -> None:
        start = time.perf_counter()
        try:
            prop(*args)
        finally:
            entry = self.runs.setdefault(prop.__name__, [0, 0.0])
            entry[0] += 1
            entry[1] = max(entry[1], time.perf_counter() - start)

    def summary(self) -> dict[str, object]:
        return {
            "examples": int(sum(n for n, _ in self.runs.values())),
            "longest_seconds": round(max((t for _, t in self.runs.values()), default=0.0), 3),
            "properties": {
                k: {"examples": int(n), "longest_seconds": round(t, 3)} for k, (n, t) in self.runs.items()
            },
        }

    def write(self) -> None:
        if not self.runs:
            return
        folder = Path(tempfile.gettempdir()) / "draftdiff-robustness"
        folder.mkdir(exist_ok=True)
        summary = self.summary()
        (folder / f"{self.name}.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
        print(f"\n{self.name}: {summary['examples']} examples, longest {summary['longest_seconds']} s")


STATS = Stats("fuzz_read")


@pytest.fixture(scope="module", autouse=True)
def _summary():  # type: ignore[no-untyped-def]
    yield
    STATS.write()


# --------------------------------------------------------------------------------------------------------
# strategies

WORDS = [
    "ceasefire", "line", "contact", "prisoners", "exchange", "elections", "sanctions", "relief", "guarantee",
    "security", "troops", "amnesty", "fund", "border", "monitoring", "council", "referendum", "corridor",
    "Київ", "Zaporizhzhia", "café", "naïve", "民主", "سلام", "600,000", "2026", "100%", "(sic)",
]  # fmt: skip
JUNK = [
    "\x00", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1b[31m", "\x1b]8;;https://x.example/\x07", "\x1b]0;t\x07",
    "\x7f", "\x85", "\x9b", "\u00a0", "\u00ad", "\u200b", "\u200d", "\u2028", "\u2029", "\u202e", "\u2066",
    "\u2069", "\ufeff", "\ufffd", "\U0001f600", "\U000e0041", "\udc80", "[bold red]x[/]", "<script>", "&amp;",
    "**", "__", "`", "```", "~~~", "[", "]", "(", ")", "|", "\\", "#", ">", "*", "-", "+", "=", ":", "[deferred]",
    "[deferred: leaders' talks]", "[parked:", "\t", "    ", "1.", "a)", "(iv)", "§", "Article", "…",
]  # fmt: skip
MARKERS = [
    "1.", "2.", "3.", "10.", "1)", "(1)", "(2)", "a.", "b)", "(c)", "i.", "ii)", "(iv)", "IV.", "A.", "2.1",
    "2.1.3", "3.2.1.4.5", "-", "*", "+", "•", "→", "–", "▪", "**1.**", "Article 1.", "Art. 2:", "Section 3 –",
    "§ 4", "Point 5:", "Clause IV.", "Paragraph 2a.", "0.", "999999999.", "1234567890.", "a.b.", "()", "(.)",
]  # fmt: skip
FRONT = [
    "---", "+++", "...", "title: Plan", "title: 'it''s'", 'title: "a \\" b"', "date: 2025-11-20", "date: 2025-13-45",
    "version: 1.10", "withdrawn: [3, 26]", "withdrawn: [3, 26", "withdrawn:", "  - 4", "tracks: a, b",
    "tracks: [deferred, later]", "key: |", "key: >", "  folded", "nested:\n  a: 1", "- list", "bad line",
    '+++\ntitle = "t"\n+++', "title = 'unterminated", ": no key", "x: [a, [b]]", "&anchor", "*alias",
]  # fmt: skip

words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)
junk = st.lists(st.sampled_from(JUNK) | st.text(max_size=3), min_size=0, max_size=3).map("".join)
text = st.tuples(words, junk, words).map(lambda t: " ".join(x for x in t if x))


@st.composite
def md_line(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            ["item", "item", "item", "text", "blank", "heading", "front", "fence", "quote", "misc"]
        )
    )
    indent = draw(st.sampled_from(["", "", "", " ", "  ", "   ", "    ", "\t", "      ", " " * 12, "\t\t"]))
    if kind == "item":
        gap = draw(st.sampled_from([" ", " ", "", "  ", "\t"]))
        return f"{indent}{draw(st.sampled_from(MARKERS))}{gap}{draw(text)}"
    if kind == "text":
        return indent + draw(text)
    if kind == "blank":
        return draw(st.sampled_from(["", "", " ", "\t"]))
    if kind == "heading":
        number = draw(st.sampled_from(["", "", "3. ", "1.2 ", "IV. ", "Article 7: ", "A. ", "**2.** "]))
        cue = draw(st.sampled_from(["", "", "Deferred ", "Withdrawn ", "Annex ", "Open issues ", "Parked "]))
        hashes = "#" * draw(st.integers(1, 7))
        return f"{hashes} {number}{cue}{draw(text)}" + draw(
            st.sampled_from(["", "", " ##", "\n===", "\n---"])
        )
    if kind == "front":
        return draw(st.sampled_from(FRONT))
    if kind == "fence":
        return draw(st.sampled_from(["```", "~~~", "````python", "```x`y"]))
    if kind == "quote":
        return indent + draw(st.sampled_from([">", "> ", ">> ", "> 1. ", "> - "])) + draw(text)
    return draw(
        st.sampled_from(["***", "---", "===", "| a | b |", "|---|---|", "<div>", "[x]: http://y", "\\"])
    )


#: Markdown-like documents: numbered items, bullets, headings, front matter fragments, junk and controls.
documents = st.lists(md_line(), min_size=0, max_size=40).map("\n".join) | st.text(max_size=200)

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252"]


@st.composite
def document_bytes(draw: st.DrawFn) -> bytes:
    """A document in some encoding, sometimes damaged (bytes cut, inserted or flipped)."""
    encoding = draw(st.sampled_from(ENCODINGS))
    errors = "surrogatepass" if encoding.startswith("utf") and draw(st.booleans()) else "replace"
    data = draw(documents).encode(encoding, errors)
    for _ in range(draw(st.integers(0, 3))):
        how = draw(st.sampled_from(["cut", "insert", "flip"]))
        at = draw(st.integers(0, len(data)))
        if how == "cut":
            data = data[:at]
        elif how == "insert":
            data = data[:at] + draw(st.binary(max_size=4)) + data[at:]
        elif at < len(data):
            data = data[:at] + bytes([data[at] ^ 0x80]) + data[at + 1 :]
    return data


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["points", "text", "label", "id", "title", "track", "section", "line", "withdrawn",
                         "passages", "metadata", "schema", "date", "marker", "style", "x"]) | st.text(max_size=5),
        children,
        max_size=5,
    ),
    max_leaves=25,
)  # fmt: skip


@st.composite
def point_json(draw: st.DrawFn, depth: int = 0) -> object:
    """Mostly well-shaped JSON points, with the odd wrong field."""
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)
    if draw(st.booleans()):
        return draw(text)
    point: dict[str, object] = {"text": draw(text)}
    for key in ("label", "id", "track", "section"):
        if draw(st.integers(0, 3)) == 0:
            point[key] = draw(st.sampled_from(["1", "2", "1", "a", "", "x.y", " ", "\u202e"]) | json_values)
    if depth < 3 and draw(st.booleans()):
        point["points"] = draw(st.lists(point_json(depth + 1), max_size=3))
    return point


structured_docs = st.one_of(
    json_values.map(json.dumps),
    st.builds(
        lambda pts, title: json.dumps({"title": title, "points": pts}),
        st.lists(point_json(), max_size=6),
        text,
    ),
    st.lists(point_json(), max_size=6).map(json.dumps),
)


# --------------------------------------------------------------------------------------------------------
# properties (plain functions: bench/fuzz.py runs them too)


def check_draft(draft: Draft, n_lines: int | None) -> None:
    """A well-formed draft: unique non-empty ids, lines in the document, JSON-ready, shown without controls."""
    from draftdiff.render.draft import draft_json, draft_text

    ids = [p.id for p in draft.walk()]
    assert len(ids) == len(set(ids)), ids
    assert all(ids)
    for p in draft.walk():
        assert isinstance(p.text, str) and isinstance(p.label, str)
        if n_lines is not None and p.line is not None:
            assert 1 <= p.line <= n_lines, (p.id, p.line, n_lines)
    shown = draft_text(draft)
    for ch in ("\x1b", "\x07", "\x08", "\r", "\x00", "\x9b", "\u202e", "\u2066"):
        assert ch not in shown, repr(ch)
    as_json = draft_json(draft)
    assert json.loads(as_json) == json.loads(json.dumps(draft_to_dict(draft, with_schema=True)))
    again = parse_draft(
        as_json, draft.source, format="json"
    )  # show --format json reads back as the same draft
    assert again.points == draft.points and again.passages == draft.passages, "round trip changed the draft"
    assert (again.title, again.withdrawn) == (draft.title, draft.withdrawn)


def read_or_refuse(data: bytes | str, **kw: object) -> Draft | None:
    """parse_draft, where an InputError (naming the source, one line) is the only acceptable failure."""
    try:
        return parse_draft(data, "fuzz.md", **kw)  # type: ignore[arg-type]
    except InputError as exc:
        assert exc.source == "fuzz.md"
        assert str(exc).startswith("fuzz.md")
        return None


def reader_property(doc: str, paragraphs: bool) -> None:
    draft = read_or_refuse(doc, paragraphs=paragraphs)
    if draft is not None:
        check_draft(draft, doc.count("\n") + doc.count("\r") + 1)


def bytes_property(data: bytes) -> None:
    draft = read_or_refuse(data, paragraphs=True)
    if draft is not None:
        check_draft(draft, None)


def encoding_property(doc: str, encoding: str) -> None:
    """A document that reads in UTF-8 reads the same in UTF-16/32 with a BOM and in UTF-8 with a BOM."""
    try:
        plain = parse_draft(doc.encode("utf-8"), "fuzz.md", paragraphs=True)
    except (InputError, UnicodeEncodeError):
        return
    other = parse_draft(doc.encode(encoding), "fuzz.md", paragraphs=True)
    assert (other.points, other.passages, other.title) == (plain.points, plain.passages, plain.title)


def structured_property(doc: str, fmt: str | None) -> None:
    draft = read_or_refuse(doc, format=fmt)
    if draft is not None:
        check_draft(draft, None)


# --------------------------------------------------------------------------------------------------------
# the bounded runs of the suite


@examples(120)
@given(documents, st.booleans())
def test_markdown_like_documents_read_or_raise_input_error(doc: str, paragraphs: bool) -> None:
    STATS.run(reader_property, doc, paragraphs)


@examples(80)
@given(document_bytes())
def test_bytes_in_any_encoding_read_or_raise_input_error(data: bytes) -> None:
    STATS.run(bytes_property, data)


@examples(40)
@given(documents, st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]))
def test_the_encoding_does_not_change_the_draft(doc: str, encoding: str) -> None:
    STATS.run(encoding_property, doc, encoding)


@examples(80)
@given(structured_docs, st.sampled_from([None, "json"]))
def test_json_drafts_read_or_raise_input_error(doc: str, fmt: str | None) -> None:
    STATS.run(structured_property, doc, fmt)


@examples(40)
@given(st.lists(st.sampled_from(FRONT) | words.map(lambda w: f'text = "{w}"') | st.just("[[points]]") | text,
                max_size=12).map("\n".join))  # fmt: skip
def test_toml_drafts_read_or_raise_input_error(doc: str) -> None:
    STATS.run(structured_property, doc, "toml")
