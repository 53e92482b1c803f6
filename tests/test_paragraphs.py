"""Drafts without numbered points are read one point per paragraph, and say so (issue 12, item 2).

The memo texts are written for these tests; the Contributor Covenant tests read ../shared/corpus and
skip when it is absent.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from conftest import corpus_or_skip
from draftdiff.cli.state import cli_terms
from draftdiff.compare import compare
from draftdiff.errors import InputError
from draftdiff.jsonform import draft_to_dict
from draftdiff.read import NO_POINTS_MESSAGE, parse_draft
from draftdiff.read.together import WHY_NO_POINTS, WHY_UNLIKE, parse_together
from test_cli_compare import run
from test_read_fidelity import content_words, documents

MEMO_V1 = """# Memo on the harbour works

The harbour committee met on 3 March and reviewed the dredging plan for the
north basin.

The committee agreed that dredging starts in April and ends before the autumn
storms.

Funding comes from the port authority, which will pay two thirds of the cost.

The fishing cooperative asked to keep the east quay open during the works.

A further meeting is set for the first week of summer.
"""

MEMO_V2 = """# Memo on the harbour works

The harbour committee met on 3 March and reviewed the dredging plan for the
north basin.

The committee agreed that dredging starts in June and ends before the autumn
storms.

The city council will inspect the basin once the dredging is done.

Funding comes from the port authority, which will pay two thirds of the cost.

At its request, the fishing cooperative keeps the east quay open during the works.
"""

#: the same memo, its decisions now numbered (and the meeting kept)
MEMO_V3 = """# Memo on the harbour works

The harbour committee met on 3 March and reviewed the dredging plan for the
north basin. It decided:

1. Dredging starts in June and ends before the autumn storms.
2. The port authority pays two thirds of the cost.
3. The fishing cooperative keeps the east quay open during the works.

A further meeting is set for the first week of summer.
"""


@pytest.fixture
def memos(tmp_path: Path) -> dict[str, str]:
    out = {}
    for name, text in (("v1", MEMO_V1), ("v2", MEMO_V2), ("v3", MEMO_V3)):
        path = tmp_path / f"memo-{name}.md"
        path.write_text(text, encoding="utf-8")
        out[name] = str(path)
    return out


def _schema(name: str) -> jsonschema.Draft202012Validator:
    text = resources.files("draftdiff").joinpath(f"schemas/{name}.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def _fates(cmp) -> dict[tuple[tuple[str, ...], tuple[str, ...]], str]:  # type: ignore[no-untyped-def]
    return {(c.old, c.new): c.kind.value for c in cmp.changes}


# -- the reader ------------------------------------------------------------------------------------------


def test_library_default_still_refuses_and_true_reads_paragraphs():
    with pytest.raises(InputError, match="no numbered points found"):
        parse_draft(MEMO_V1, "memo.md")
    d = parse_draft(MEMO_V1, "memo.md", paragraphs=True)
    assert d.points_from == "paragraphs"
    assert [p.id for p in d.points] == ["¶1", "¶2", "¶3", "¶4", "¶5"]
    assert d.points[0].text.startswith("The harbour committee met") and d.points[0].text.endswith("north basin.")
    assert all(p.style == "paragraph" and p.label == p.id for p in d.points)
    assert [p.text for p in d.passages] == ["Memo on the harbour works"]  # the title heading stays a passage


def test_a_numbered_draft_is_read_by_its_markers_even_with_paragraphs_true():
    d = parse_draft(MEMO_V3, "memo.md", paragraphs=True)
    assert d.points_from == "markers"
    assert [p.id for p in d.points] == ["1", "2", "3"]


def test_forced_paragraphs_read_every_paragraph_and_item_and_keep_headings_as_sections():
    text = "# T\n\nIntro.\n\n## Terms\n\n1. First item\n   a) its sub-item\n2. Second\n\n### 3. Ladder\n\nStep one.\n"
    d = parse_draft(text, "t.md", paragraphs="always")
    assert d.points_from == "paragraphs"
    assert [(p.id, p.text, p.section) for p in d.points] == [
        ("¶1", "Intro.", None),
        ("¶2", "First item", "Terms"),
        ("¶3", "its sub-item", "Terms"),
        ("¶4", "Second", "Terms"),
        ("¶5", "Step one.", "3. Ladder"),
    ]
    assert "3. Ladder" in [p.text for p in d.passages]  # a numbered heading is kept as printed, a passage


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_forced_paragraphs_lose_no_word_and_give_unique_ids(doc):
    try:
        draft = parse_draft(doc, "gen.md", paragraphs="always")
    except InputError:
        # refused only where the usual reading refuses too, or finds nothing but (numbered) headings
        try:
            usual = parse_draft(doc, "gen.md", paragraphs=True)
        except InputError:
            return
        assert all(p.style == "heading" for p in usual.walk()), doc
        return
    assert draft.points_from == "paragraphs"
    assert [p.id for p in draft.points] == [f"¶{k}" for k in range(1, len(draft.points) + 1)]
    assert all(not p.points for p in draft.points)
    found = content_words(" ".join(str(v) for v in draft.metadata.values()))
    for p in draft.points:
        found += content_words(p.text)
    for p in draft.passages:
        found += content_words(p.text)
    assert found == content_words(doc)


def test_link_reference_definitions_are_not_paragraphs():
    d = parse_draft("Some prose.\n\n[home]: https://example.org\n[faq]: https://example.org/faq\n", "l.md", paragraphs=True)
    assert [p.text for p in d.points] == ["Some prose."]
    assert d.passages[-1].text.startswith("[home]: https://example.org")


def test_only_headings_is_still_refused():
    with pytest.raises(InputError, match="only headings"):
        parse_draft("# A\n\n## B\n", "h.md", paragraphs=True)


def test_points_from_round_trips_through_the_draft_json():
    d = parse_draft(MEMO_V1, "memo.md", paragraphs=True)
    data = draft_to_dict(d, with_schema=True)
    assert data["points_from"] == "paragraphs"
    _schema("draft").validate(data)
    back = parse_draft(json.dumps(data), "memo.json")
    assert back.points_from == "paragraphs" and [p.id for p in back.points] == [p.id for p in d.points]
    assert parse_draft(json.dumps({"points": ["a"]}), "x.json").points_from == "markers"


def test_a_set_not_numbered_alike_is_read_as_paragraphs_together():
    rs = parse_together([(MEMO_V1, "v1.md"), (MEMO_V3, "v3.md")])
    assert [(r.kind, r.why, r.draft.points_from) for r in rs] == [
        ("prose", WHY_NO_POINTS, "paragraphs"),
        ("numbered", WHY_UNLIKE, "paragraphs"),
    ]
    v3 = rs[1].draft
    assert [p.text for p in v3.points][1] == "Dredging starts in June and ends before the autumn storms."
    # numbered alike: read by their markers, as before
    alike = parse_together([(MEMO_V3, "a.md"), (MEMO_V3.replace("June", "July"), "b.md")])
    assert [r.draft.points_from for r in alike] == ["markers", "markers"]
    # markers only: the prose draft is refused
    with pytest.raises(InputError, match="no numbered points"):
        parse_together([(MEMO_V1, "v1.md"), (MEMO_V3, "v3.md")], paragraphs=False)


def test_a_json_draft_keeps_its_points_beside_prose():
    rs = parse_together([(MEMO_V1, "v1.md"), ('{"points": ["Dredging starts in June."]}', "v2.json", "v2.json")])
    assert [r.draft.points_from for r in rs] == ["paragraphs", "markers"]


# -- what the comparison says ----------------------------------------------------------------------------


def test_memo_fates_at_paragraph_level():
    old = parse_draft(MEMO_V1, "v1.md", paragraphs=True)
    new = parse_draft(MEMO_V2, "v2.md", paragraphs=True)
    cmp = compare(old, new)
    fates = _fates(cmp)
    assert fates[(("¶1",), ("¶1",))] == "unchanged"
    assert fates[(("¶2",), ("¶2",))] in ("reworded", "revised")  # April -> June: paired, not dropped + added
    assert fates[((), ("¶3",))] == "added"
    assert fates[(("¶3",), ("¶4",))] == "unchanged"
    assert fates[(("¶4",), ("¶5",))] in ("reworded", "revised")  # the cooperative's quay, reworded
    assert fates[(("¶5",), ())] == "dropped"
    assert len(fates) == 6
    # a paragraph pushed down by an insertion is not "renumbered": nobody printed those numbers
    assert not any(c.renumbered for c in cmp.changes)


def test_compare_cli_reads_prose_says_so_once_per_file_and_in_the_header(capsys, memos):
    code, out, err = run(capsys, "compare", memos["v1"], memos["v2"], "--color", "never", "--width", "200")
    assert code == 0
    assert err.splitlines() == [
        f"draftdiff: note: {memos['v1']} has no numbered points; read as 5 paragraphs",
        f"draftdiff: note: {memos['v2']} has no numbered points; read as 5 paragraphs",
    ]
    lines = out.splitlines()
    assert lines[1].endswith("· 5 -> 5 paragraphs")
    assert lines[2].startswith("Both drafts were read as paragraphs")
    assert lines[3].startswith("4 paragraphs kept (") and "1 dropped" in lines[3] and "renumbered" not in lines[3]
    assert "2 unchanged paragraphs not listed" in out


def test_compare_cli_markdown_and_json_say_paragraphs(capsys, memos):
    code, out, _ = run(capsys, "compare", memos["v1"], memos["v2"], "-f", "markdown")
    assert code == 0
    assert "- Both drafts were read as paragraphs" in out
    assert "5 paragraphs, from" in out
    code, out, _ = run(capsys, "compare", memos["v1"], memos["v2"], "-f", "json")
    doc = json.loads(out)
    _schema("compare").validate(doc)
    assert doc["old"]["points_from"] == doc["new"]["points_from"] == "paragraphs"
    assert doc["options"]["paragraphs"] is False and doc["options"]["points_only"] is False


def test_prose_against_numbered_reads_both_as_paragraphs(capsys, memos):
    code, out, err = run(capsys, "compare", memos["v1"], memos["v3"], "-f", "json")
    assert code == 0
    assert err.splitlines() == [
        (
            f"draftdiff: note: the drafts are not numbered alike (no numbered points: {memos['v1']}; "
            f"numbered points: {memos['v3']}); both read as paragraphs"
        )
    ]
    doc = json.loads(out)
    assert doc["new"]["points_from"] == "paragraphs"
    kinds = {(tuple(c["old"]), tuple(c["new"])): c["kind"] for c in doc["changes"]}
    # the meeting paragraph is still there in v3 (outside its numbered list): not dropped
    assert kinds[(("¶5",), ("¶5",))] == "unchanged"


def test_points_only_keeps_the_refusal(capsys, memos):
    code, out, err = run(capsys, "compare", "--points-only", memos["v1"], memos["v2"])
    assert code == 2 and out == ""
    assert err == f"draftdiff: error: {memos['v1']}: {cli_terms(NO_POINTS_MESSAGE)}\n"
    code, _, err = run(capsys, "show", "--points-only", memos["v1"])
    assert code == 2 and err.count("\n") == 1 and cli_terms(NO_POINTS_MESSAGE) in err
    code, _, err = run(capsys, "compare", "--points-only", "--paragraphs", memos["v1"], memos["v2"])
    assert code == 2 and "exclude each other" in err


def test_paragraphs_option_forces_a_numbered_draft(capsys, memos):
    code, out, err = run(capsys, "show", "--paragraphs", memos["v3"])
    assert code == 0
    assert err == f"draftdiff: note: {memos['v3']} read as 5 paragraphs (--paragraphs)\n"
    assert "¶2  Dredging starts in June" in out
    assert "\nread as: paragraphs (one point per paragraph or list item)\n" in out
    code, out, _ = run(capsys, "show", memos["v3"])
    assert code == 0 and "read as:" not in out


def test_show_notes_and_json(capsys, memos):
    code, out, err = run(capsys, "show", "-f", "json", memos["v1"])
    assert code == 0 and err.startswith("draftdiff: note: ") and err.count("\n") == 1
    assert json.loads(out)["points_from"] == "paragraphs"
    code, out, err = run(capsys, "show", "-f", "json", memos["v3"])
    assert err == "" and json.loads(out)["points_from"] == "markers"


def test_note_escapes_the_file_name(capsys, tmp_path):
    path = tmp_path / "memo\x1b[31mred.md"
    path.write_text(MEMO_V1, encoding="utf-8")
    code, _, err = run(capsys, "show", str(path))
    assert code == 0
    assert "\x1b" not in err and "\\x1b[31mred.md" in err and err.count("\n") == 1


def test_check_keeps_its_rule_for_prose(capsys, memos):
    code, out, err = run(capsys, "check", memos["v1"])
    assert code == 2 and "DD001" in out + err and "no numbered points" in out + err  # as in 0.1: exit 2


def test_history_and_blame_over_memos(capsys, memos):
    code, out, err = run(capsys, "history", memos["v1"], memos["v2"], "--color", "never", "--width", "160")
    assert code == 0 and err.count("draftdiff: note: ") == 2
    assert "Both drafts were read as paragraphs" in out and "5 -> 5 paragraphs" in out
    code, out, _ = run(capsys, "history", memos["v1"], memos["v2"], memos["v3"], "-f", "json")
    doc = json.loads(out)
    _schema("history").validate(doc)
    assert [d["points_from"] for d in doc["drafts"]] == ["paragraphs"] * 3
    code, out, err = run(capsys, "blame", memos["v2"], "--history", memos["v1"], "--history", memos["v2"], "-f", "json")
    assert code == 0 and err.count("\n") == 2  # v2 is in the series: read (and named) once
    _schema("blame").validate(json.loads(out))


# -- Contributor Covenant (../shared/corpus) -------------------------------------------------------------


def _covenant(*names: str):  # type: ignore[no-untyped-def]
    corpus = corpus_or_skip() / "contributor-covenant"
    sources = [((corpus / n).read_bytes(), n) for n in names]
    return [r.draft for r in parse_together(sources)]


def _by_text(draft, fragment: str) -> str:  # type: ignore[no-untyped-def]
    found = [p.id for p in draft.points if fragment in p.text]
    assert len(found) == 1, (fragment, found)
    return found[0]


def test_covenant_1_0_to_1_1_at_paragraph_level():
    old, new = _covenant("01-v1.0.md", "02-v1.1.md")
    assert (len(old.points), len(new.points)) == (6, 7)
    cmp = compare(old, new)
    fates = _fates(cmp)
    # 1.1 adds one paragraph (where the code applies) and updates the attribution; the rest is as it was
    assert fates[((), (_by_text(new, "applies both within project spaces"),))] == "added"
    # the attribution's version 1.0.0 -> 1.1.0: a version string is no amount (issue 12, flag precision),
    # so the pair is reworded, not revised; it is still reported as changed
    assert fates[(("¶6",), ("¶7",))] == "reworded"
    assert sorted(fates.values()) == ["added", "reworded"] + ["unchanged"] * 5
    assert not any(c.renumbered for c in cmp.changes)


def test_covenant_1_4_to_2_0_reads_both_as_paragraphs_and_pairs_the_rewordings():
    old, new = _covenant("05-v1.4.md", "06-v2.0.md")
    assert old.points_from == new.points_from == "paragraphs"  # bullets only against a numbered ladder
    cmp = compare(old, new)
    pair = {}
    for c in cmp.changes:
        for o in c.old:
            pair[o] = (c.kind.value, c.new)
    kept = ("unchanged", "reworded", "revised")

    def fate(old_fragment: str) -> tuple[str, tuple[str, ...]]:
        return pair[_by_text(old, old_fragment)]

    # reworded or revised, and paired with its successor rather than dropped and added again
    for before, after in [
        ("pledge to make participation in our project", "We as members, contributors, and leaders pledge"),
        ("Being respectful of differing viewpoints", "Being respectful of differing opinions"),
        ("Gracefully accepting constructive criticism", "Giving and gracefully accepting constructive feedback"),
        ("Focusing on what is best for the community", "Focusing on what is best not just for us"),
        ("The use of sexualized language", "The use of sexualized language"),
        ("Trolling, insulting/derogatory comments", "Trolling, insulting or derogatory comments"),
        ("Publishing others' private information", "Publishing others' private information"),
        ("Project maintainers are responsible for clarifying", "Community leaders are responsible for clarifying"),
        ("Project maintainers have the right and responsibility", "Community leaders have the right"),
        ("This Code of Conduct applies within all project spaces", "applies within all community spaces"),
        ("may be\nreported by contacting the project team".replace("\n", " "), "reported to the community leaders"),
        ("version 1.4", "version 2.0"),
    ]:
        kind, news = fate(before)
        assert kind in kept and news == (_by_text(new, after),), (before, kind, news)
    assert fate("Public or private harassment")[0] == "unchanged"
    # gone from 2.0: the welcoming-language example
    assert fate("Using welcoming and inclusive language") == ("dropped", ())
    added = {n for c in cmp.changes if c.kind.value == "added" for n in c.new}
    for fragment in [
        "We pledge to act and interact",
        "Accepting responsibility and apologizing",
        "respect the privacy and security of the",
        "**Consequence**: A permanent ban",
        "**Community Impact**: A violation through a single incident",
    ]:
        assert _by_text(new, fragment) in added, fragment
    # link reference definitions are markup, not paragraphs to compare
    assert not any(p.text.startswith("[homepage]:") for d in (old, new) for p in d.points)


def test_covenant_history_over_the_whole_series(capsys):
    corpus = corpus_or_skip() / "contributor-covenant"
    code, out, err = run(capsys, "history", str(corpus), "-f", "json")
    assert code == 0
    assert err.count("\n") == 1 and "not numbered alike" in err and "all 7 read as paragraphs" in err
    doc = json.loads(out)
    assert [d["points_from"] for d in doc["drafts"]] == ["paragraphs"] * 7
    assert [d["points"] for d in doc["drafts"]][:2] == [6, 7]
    # "Public or private harassment" enters with 1.2 and stays to 2.1, unchanged
    lineage = [ln for ln in doc["lineages"] if ln["title"].startswith("Public or private harassment")]
    assert len(lineage) == 1
    fates = [st["fate"] for st in lineage[0]["steps"]]
    assert fates[-4:] == ["unchanged"] * 4


def test_the_module_docstring_example_holds():
    import doctest

    from draftdiff.read import together

    result = doctest.testmod(together)
    assert result.attempted > 0 and result.failed == 0
