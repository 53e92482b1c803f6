"""No word is lost: a property test over random Markdown-like drafts (hypothesis).

Normalisation (docs/draft-format.md, "No word is lost"): the words compared are the content words of the
generated text (a fixed vocabulary no marker, keyword or Markdown markup can contain). Markers (``1.``,
``(a)``, ``-``, ``Article 3``, heading hashes), fences, thematic breaks, setext underlines, block-quote
``>`` and inline track tags (``[deferred: ...]``, which become ``Point.track``) are markup. The source's
words must be exactly (as a multiset) the words of all points, all passages and the front-matter values.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draftdiff.errors import InputError
from draftdiff.read import parse_draft

VOCAB = [
    "ceasefire", "territory", "sanctions", "guarantee", "council", "elections", "amnesty", "prisoners",
    "reconstruction", "sovereignty", "monitoring", "humanitarian", "nuclear", "frozen", "assets", "grain",
    "dialogue", "membership", "referendum", "observers", "licence", "redistribution", "attribution", "precedence",
]  # fmt: skip
WORD_RE = re.compile(r"\b(" + "|".join(VOCAB) + r")\b")
TAG_RE = re.compile(r"\[(deferred|parked)(: [a-z ]+)?\]")

words = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=6).map(" ".join)
markers = st.sampled_from(
    ["1.", "2.", "10.", "1)", "(3)", "a)", "b.", "(c)", "ii.", "IV.", "-", "*", "+", "•", "–", "Article 4.", "§ 2", "2.1"]
)


@st.composite
def lines(draw):
    kind = draw(st.sampled_from(["item", "item", "item", "text", "blank", "blank", "heading", "fence", "misc"]))
    indent = " " * draw(st.sampled_from([0, 0, 2, 3, 4, 6]))
    if kind == "item":
        tag = draw(st.sampled_from(["", "", "", " [deferred: later talks]", " [parked]"]))
        return [f"{indent}{draw(markers)} {draw(words)}{tag}"]
    if kind == "text":
        return [f"{indent}{draw(words)}"]
    if kind == "blank":
        return [""]
    if kind == "heading":
        number = draw(st.sampled_from(["", "", "3. ", "1.2 ", "II. "]))
        name = draw(st.sampled_from(["", "Deferred ", "Withdrawn ", "Annex "]))
        return ["", "#" * draw(st.integers(1, 4)) + f" {number}{name}{draw(words)}", ""]
    if kind == "fence":
        return ["```", draw(words), f"1. {draw(words)}", "```"]
    return [draw(st.sampled_from(["---", "+++", "> " + draw(words), "***", draw(words), "===", "note: " + draw(words)]))]


documents = st.lists(lines(), min_size=1, max_size=40).map(lambda chunks: "\n".join(x for c in chunks for x in c) + "\n")


def content_words(text: str) -> Counter[str]:
    return Counter(WORD_RE.findall(TAG_RE.sub(" ", text)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_every_word_of_the_source_is_in_a_point_or_a_passage(doc):
    try:
        draft = parse_draft(doc, "gen.md", paragraphs=True)
    except InputError as exc:  # only a document without text, or with nothing but headings, may be refused
        lines = doc.split("\n")
        underlined = set()  # the lines of a paragraph that a setext underline (=== / ---) turns into a heading
        for i, ln in enumerate(lines):
            if ln.strip() and set(ln.strip()) <= set("=-"):
                j = i - 1
                while j >= 0 and lines[j].strip():
                    underlined.add(j)
                    j -= 1
        body = [ln for i, ln in enumerate(lines) if not ln.lstrip().startswith("#") and i not in underlined]
        assert "front matter" in str(exc) or not content_words("\n".join(body)), str(exc)
        return
    found = content_words(" ".join(str(v) for v in draft.metadata.values()))  # front matter is kept too
    for p in draft.walk():
        found += content_words(p.text)
    for p in draft.passages:
        found += content_words(p.text)
    assert found == content_words(doc)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_ids_are_unique_and_lines_point_into_the_source(doc):
    try:
        draft = parse_draft(doc, "gen.md", paragraphs=True)
    except InputError:
        return
    ids = [p.id for p in draft.walk()]
    assert len(ids) == len(set(ids))
    n = doc.count("\n")
    for p in draft.walk():
        assert p.line is not None and 1 <= p.line <= n
        assert p.id and "\n" not in p.id


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_arbitrary_text_never_raises_anything_but_input_error(text):
    try:
        parse_draft(text, "fuzz.md")
    except InputError:
        pass


@settings(max_examples=150, deadline=None)
@given(documents)
def test_json_round_trip_of_random_drafts(doc):
    import dataclasses
    import json

    from draftdiff.jsonform import draft_to_dict

    try:
        draft = parse_draft(doc, "gen.md", paragraphs=True)
    except InputError:
        return
    back = parse_draft(json.dumps(draft_to_dict(draft, with_schema=True)), "gen.json", path="gen.json")
    assert dataclasses.replace(back, source="gen.md") == draft
