"""Every file of ../shared/corpus parses into the structure SOURCES.md describes, and survives a JSON round trip."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from conftest import CORPUS, REPO, corpus_or_skip
from draftdiff.errors import InputError
from draftdiff.jsonform import draft_to_dict
from draftdiff.read import parse_draft, read_draft


def _files() -> list[str]:
    if not CORPUS.is_dir():
        return ["<corpus missing>"]
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*.md"))


SCHEMA = json.loads((REPO / "src/draftdiff/schemas/draft.json").read_text(encoding="utf-8"))
PROSE_ONLY = {"contributor-covenant/01-v1.0.md", "contributor-covenant/02-v1.1.md"}


def _read(rel: str):
    corpus = corpus_or_skip()
    return read_draft(str(corpus / rel), paragraphs=rel in PROSE_ONLY)


def _main(draft):
    """The unqualified top-level points (the main list keeps bare ids)."""
    return [p for p in draft.points if "/" not in p.id]


# (file, number of points in the main list, {id: substring of its text})
MAIN_LISTS = [
    ("semver/01-v1.0.0-beta.md", 10, {"1": "MUST declare a public API", "10": "Major version X"}),
    ("semver/02-v1.0.0.md", 10, {"4": "pre-release version number", "9": "Minor version Y"}),
    ("semver/03-v2.0.0-rc.1.md", 12, {"10": "pre-release version", "11": "build version", "12": "Precedence"}),
    ("semver/04-v2.0.0-rc.2.md", 11, {"3": "Once a versioned package", "10": "Build metadata"}),
    ("semver/05-v2.0.0.md", 11, {"2": "non-negative integers", "11": "Precedence"}),
    ("semver/06-v2.0.0-editorial-2023.md", 11, {"11": "Precedence refers", "11.4.2": "compared lexically"}),
    ("conventional-commits/01-v1.0.0-beta.md", 10, {"1": "prefixed with a type"}),
    ("conventional-commits/02-v1.0.0-beta.1.md", 10, {"2": "feat"}),
    ("conventional-commits/03-v1.0.0-beta.2.md", 11, {"11": "other than"}),
    ("conventional-commits/04-v1.0.0-beta.3.md", 11, {"7": "footer"}),
    ("conventional-commits/05-v1.0.0-beta.4.md", 12, {"12": "`!`"}),
    ("conventional-commits/06-v1.0.0.md", 16, {"16": "BREAKING-CHANGE MUST be synonymous"}),
    ("open-definition/01-v1.0.md", 11, {"1": "Access", "11": "Other Works"}),
    ("open-definition/02-v1.1.md", 11, {"2": "Redistribution", "3": "Reuse"}),
    ("dfsg-osd/01-dfsg-1997.md", 10, {"1": "**Free Redistribution**", "10": "Example Licenses"}),
    ("dfsg-osd/02-osd-2007-03-22.md", 10, {"2": "Source Code", "10": "Technology-Neutral"}),
    ("debian-social-contract/01-v1.0-1997.md", 10, {"1": "Free Redistribution", "10": "Example Licenses"}),
    ("debian-social-contract/02-v1.1-2004.md", 10, {"9": "Contaminate", "10": "Example Licenses"}),
    ("github-acceptable-use-policies/01-2019-07-02.md", 8, {"1": "Compliance with Laws", "8": "User Protection"}),
    ("github-acceptable-use-policies/02-2019-12-20.md", 10, {"8": "Advertising", "9": "Spam"}),
    ("github-acceptable-use-policies/03-2020-04-17.md", 10, {"10": "User Protection"}),
    ("github-acceptable-use-policies/04-2020-10-15.md", 10, {"5": "Information Usage Restrictions"}),
    ("github-acceptable-use-policies/05-2021-06-15.md", 10, {"4": "Spam"}),
    ("github-acceptable-use-policies/06-2022-03-14.md", 11, {"2": "User Safety", "5": "Site Access and Safety"}),
    ("github-acceptable-use-policies/07-2026-03-23.md", 11, {"3": "Intellectual Property", "4.1.1": "spamming"}),
    ("contributor-covenant/03-v1.2.md", 6, {"1": "sexualized language", "4": "harassment"}),
    ("contributor-covenant/05-v1.4.md", 10, {"1": "welcoming and inclusive", "6": "sexualized"}),
    ("contributor-covenant/06-v2.0.md", 4, {"1": "Correction", "4": "Permanent Ban"}),
]


@pytest.mark.parametrize("rel, count, samples", MAIN_LISTS, ids=[m[0] for m in MAIN_LISTS])
def test_main_list_size_ids_and_texts(rel, count, samples):
    draft = _read(rel)
    assert len(_main(draft)) == count
    for pid, fragment in samples.items():
        assert fragment in draft.point(pid).text, (pid, draft.point(pid).text[:80])


@pytest.mark.parametrize(
    "rel, prefix, count",
    [
        ("semver/01-v1.0.0-beta.md", "tagging-specification-semvertag/", 2),
        ("semver/05-v2.0.0.md", "summary/", 3),
        ("semver/06-v2.0.0-editorial-2023.md", "summary/", 3),
        ("conventional-commits/01-v1.0.0-beta.md", "summary/", 3),
        ("conventional-commits/02-v1.0.0-beta.1.md", "summary/", 3),
        ("conventional-commits/03-v1.0.0-beta.2.md", "summary/", 4),
        ("conventional-commits/04-v1.0.0-beta.3.md", "summary/", 4),
        ("conventional-commits/05-v1.0.0-beta.4.md", "summary/", 4),
        ("conventional-commits/06-v1.0.0.md", "summary/", 5),
        ("open-definition/01-v1.0.md", "terminology/", 3),
        ("debian-social-contract/01-v1.0-1997.md", "social-contract-with-the-free-software/", 5),
        ("debian-social-contract/02-v1.1-2004.md", "social-contract-with-the-free-software/", 5),
    ],
)
def test_second_lists_are_qualified_by_their_section(rel, prefix, count):
    draft = _read(rel)
    side = [p for p in draft.points if p.id.startswith(prefix)]
    assert len(side) == count
    assert [p.label for p in side] == [str(i) for i in range(1, count + 1)]


def test_semver_2023_nested_lists():
    d = _read("semver/06-v2.0.0-editorial-2023.md")
    p11 = d.point("11")
    assert [c.id for c in p11.points] == ["11.1", "11.2", "11.3", "11.4"]
    assert [c.id for c in d.point("11.4").points] == ["11.4.1", "11.4.2", "11.4.3", "11.4.4"]
    assert "Example: 1.0.0 < 2.0.0" in d.point("11.2").text  # an indented continuation paragraph


@pytest.mark.parametrize("rel, total", [("open-definition/03-v2.0.md", 23), ("open-definition/04-v2.1.md", 24)])
def test_open_definition_2_heading_hierarchy(rel, total):
    d = _read(rel)
    assert [p.id for p in d.points] == ["1", "2"]
    assert len(list(d.walk())) == total
    assert [c.id for c in d.point("2").points] == ["2.1", "2.2"]
    assert len(d.point("2.1").points) == 9 and len(d.point("2.2").points) == 7
    assert d.point("2.1.3").text.startswith("Modification")
    assert d.point("2.1.3").marker == "#### 2.1.3"


@pytest.mark.parametrize("rel", ["dfsg-osd/03-osd-refactor-draft-2021-02-22.md", "dfsg-osd/04-osd-refactor-draft-2021-03-13.md"])
def test_osd_refactor_drafts_24_headings(rel):
    d = _read(rel)
    headings = [p for p in d.walk() if p.style == "heading"]
    assert len(headings) == 24
    assert [p.id for p in headings][:3] == ["1", "1.1", "1.2"]
    assert d.point("2.3.6").text.startswith("Non-aggression")
    assert len(d.point("2.1.3").points) == 4  # the bullets under a heading point are its sub-points
    # the long preamble and the changelog are passages, not points
    assert any("Changelog" in p.text for p in d.passages)


def test_github_aup_sections_hold_bullets_and_heading_levels_vary():
    d1 = _read("github-acceptable-use-policies/01-2019-07-02.md")
    d7 = _read("github-acceptable-use-policies/07-2026-03-23.md")
    assert d1.point("2").marker.startswith("#### ") and d7.point("2").marker.startswith("## ")
    assert len(d1.point("2").points) == 7
    assert d1.point("4").text.startswith("Services Usage Limits")  # "#### 4.Services": no space after the dot
    assert len(d7.point("4").points) == 9 and [c.id for c in d7.point("4.1").points] == ["4.1.1", "4.1.2"]


def test_contributor_covenant_prose_versions_need_paragraphs():
    corpus = corpus_or_skip()
    with pytest.raises(InputError, match="paragraphs=True"):
        read_draft(str(corpus / "contributor-covenant/01-v1.0.md"))
    assert len(_read("contributor-covenant/01-v1.0.md").points) == 6
    assert len(_read("contributor-covenant/02-v1.1.md").points) == 7


def test_code_blocks_never_make_points():
    d = _read("semver/06-v2.0.0-editorial-2023.md")
    assert not any("::=" in p.text for p in d.walk())
    assert any("<valid semver> ::=" in p.text for p in d.passages)


@pytest.mark.parametrize("rel", _files())
def test_every_corpus_file_validates_and_round_trips_through_show_json(rel):
    draft = _read(rel)
    assert draft.points
    data = draft_to_dict(draft, with_schema=True)
    jsonschema.validate(data, SCHEMA)
    text = json.dumps(data, ensure_ascii=False)
    back = parse_draft(text.encode(), "back.json", path="back.json")
    assert dataclasses.replace(back, source=draft.source) == draft
