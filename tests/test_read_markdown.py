"""The Markdown / plain-text reader: markers, nesting, headings, lists that restart, passages."""

from __future__ import annotations

import pytest

from draftdiff.errors import InputError
from draftdiff.read import parse_draft


def ids(draft):
    return [p.id for p in draft.walk()]


def texts(draft):
    return {p.id: p.text for p in draft.walk()}


def test_numbered_items_with_lettered_subitems_and_wrapped_lines():
    d = parse_draft(
        "1. Ceasefire along the line\nof contact.\n   a) monitored\n   b) verified by\n      observers\n2. Talks\n"
    )
    assert ids(d) == ["1", "1.a", "1.b", "2"]
    assert texts(d)["1"] == "Ceasefire along the line of contact."
    assert texts(d)["1.b"] == "verified by observers"
    p = d.point("1.a")
    assert (p.label, p.marker, p.style, p.line) == ("a", "a)", "alpha", 3)


@pytest.mark.parametrize(
    "src, expected",
    [
        ("1) one\n2) two\n", ["1", "2"]),
        ("(1) one\n(2) two\n", ["1", "2"]),
        ("Article 1. One\nArticle 2: Two\n", ["1", "2"]),
        ("Point 1 – One\nPoint 2 – Two\n", ["1", "2"]),
        ("§ 1. One\n§ 2. Two\n", ["1", "2"]),
        ("I. One\nII. Two\nIII. Three\n", ["I", "II", "III"]),
        ("1. x\n   (a) one\n   (b) two\n", ["1", "1.a", "1.b"]),
        ("1. x\n   i. one\n   ii. two\n", ["1", "1.i", "1.ii"]),
        ("1. x\n   h. eight\n   i. nine\n", ["1", "1.h", "1.i"]),
    ],
)
def test_marker_styles(src, expected):
    assert ids(parse_draft(src)) == expected


def test_all_ones_list_is_numbered_as_markdown_renders_it():
    d = parse_draft("1. a\n1. b\n1. c\n")
    assert ids(d) == ["1", "2", "3"]
    assert [p.marker for p in d.points] == ["1.", "1.", "1."]
    d5 = parse_draft("5. a\n5. b\n5. c\n")
    assert ids(d5) == ["5", "6", "7"]


def test_printed_labels_with_gaps_are_kept():
    assert ids(parse_draft("1. a\n2. b\n4. d\n5. e\n")) == ["1", "2", "4", "5"]


def test_bullets_under_a_point_are_sub_points_at_any_depth():
    d = parse_draft("1. Lead\n   - one\n     - deep\n       * deeper\n   - two\n2. Next\n")
    assert ids(d) == ["1", "1.1", "1.1.1", "1.1.1.1", "1.2", "2"]
    assert d.point("1.1.1.1").style == "bullet"


def test_unindented_sub_items_nest_by_style():
    d = parse_draft("1. The parties agree:\na) to stop\nb) to talk\n- gladly\n2. Next\n")
    assert ids(d) == ["1", "1.a", "1.b", "1.b.1", "2"]


def test_numbered_headings_form_a_hierarchy_by_label_dots():
    src = "# Def\n\n## 1. Open Works\n\nIntro.\n\n### 1.1 Open License\n\nBody.\n\n## 2. Licenses\n\n### 2.1 Required\n\n#### 2.1.3 Modification\n\nText.\n"
    d = parse_draft(src)
    assert ids(d) == ["1", "1.1", "2", "2.1", "2.1.3"]
    assert d.point("2.1.3").marker == "#### 2.1.3"
    assert d.point("2.1.3").style == "heading"
    assert d.point("1").text == "Open Works\nIntro."
    assert d.title == "Def"


def test_heading_without_space_after_number():
    d = parse_draft("#### 4.Services Usage Limits\n\nYou will not.\n")
    assert d.points[0].label == "4" and d.points[0].text.startswith("Services Usage Limits")


def test_restarting_lists_are_qualified_by_section_and_the_longest_list_keeps_bare_ids():
    src = "## Summary\n\n1. a\n2. b\n\n## Specification\n\n1. x\n2. y\n3. z\n"
    d = parse_draft(src)
    assert [p.id for p in d.points] == ["summary/1", "summary/2", "1", "2", "3"]
    assert d.point("summary/2").section == "Summary"


def test_duplicate_labels_in_one_list_get_unique_ids():
    d = parse_draft("1. a\n2. b\n2. again\n3. c\n")
    assert ids(d) == ["1", "2", "2~2", "3"]
    assert [p.label for p in d.points] == ["1", "2", "2", "3"]


def test_text_outside_points_is_kept_as_passages():
    d = parse_draft("# Plan\n\nPreamble here.\n\n1. One\n\nClosing note.\n")
    assert [p.text for p in d.passages] == ["Plan", "Preamble here.", "Closing note."]
    assert d.passages[1].line == 3


def test_continuation_paragraph_between_items_belongs_to_the_item():
    d = parse_draft("1. One\n\nMore about one.\n\n2. Two\n\nAfter the list.\n")
    assert texts(d)["1"] == "One\nMore about one."
    assert [p.text for p in d.passages] == ["After the list."]


def test_indented_paragraph_continues_its_item():
    d = parse_draft("1. **Free Redistribution**\n\n   The license may not restrict.\n")
    assert d.points[0].text == "**Free Redistribution**\nThe license may not restrict."


def test_bullet_only_document_makes_bullets_points():
    d = parse_draft("# Code\n\nWe pledge:\n\n* one\n* two\n  wrapped\n")
    assert ids(d) == ["1", "2"]
    assert texts(d)["2"] == "two wrapped"


def test_top_level_bullets_in_a_numbered_document_are_passages():
    d = parse_draft("1. One\n\n## Why\n\n* reason\n")
    assert ids(d) == ["1"]
    assert any(p.text == "reason" for p in d.passages)


def test_code_blocks_do_not_make_points():
    d = parse_draft("1. One\n\n```\n2. not a point\n```\n")
    assert ids(d) == ["1"]


def test_setext_headings():
    d = parse_draft("Title\n=====\n\nSpec\n----\n\n1. a\n")
    assert d.title == "Title"
    assert d.points[0].section == "Spec"


def test_wrapped_version_number_is_not_a_point():
    d = parse_draft("1. For instance: 1.1.3 -> 2.0.0 and 2.1.7 ->\n2.2.0.\n2. Next\n")
    assert ids(d) == ["1", "2"]


def test_no_points_is_an_error_unless_paragraphs():
    with pytest.raises(InputError, match="no numbered points found; use paragraphs=True"):
        parse_draft("Just prose.\n\nMore prose.\n", "p.md")
    d = parse_draft("# T\n\nJust prose.\n\nMore\nprose.\n", "p.md", paragraphs=True)
    assert [(p.id, p.text) for p in d.points] == [("¶1", "Just prose."), ("¶2", "More prose.")]


def test_bold_numbers_and_other_bullet_glyphs():
    d = parse_draft("**1. Sovereignty.** Confirmed.\n**2.** Security.\n   ● one\n   ■ two\n")
    assert [(p.id, p.marker, p.text) for p in d.walk()] == [
        ("1", "1.", "**Sovereignty.** Confirmed."),
        ("2", "**2.**", "Security."),
        ("2.1", "●", "one"),
        ("2.2", "■", "two"),
    ]
    h = parse_draft("### **1. Title**\n\nBody.\n")
    assert (h.points[0].marker, h.points[0].text) == ("### 1.", "**Title**\nBody.")


def test_plain_dotted_numbering_nests_by_its_dots():
    d = parse_draft("1. General\n1.1. Parties\n1.2. Scope\n2. Next\n2.1 Sub\n")
    assert ids(d) == ["1", "1.1", "1.2", "2", "2.1"]
    assert d.point("1.2").label == "1.2" and d.point("1.2").marker == "1.2."


def test_keyword_items_own_their_unindented_paragraphs():
    d = parse_draft("Article 1\n\nBody one.\n\n1. para one\n2. para two\n\nArticle 2\n\nBody two.\n")
    assert ids(d) == ["1", "1.1", "1.2", "2"]
    assert texts(d)["1"] == "Body one." and texts(d)["2"] == "Body two."
    assert d.point("1").style == "article"


def test_marker_alone_on_its_line():
    d = parse_draft("1.\n   Text on the next line\n2.\nText unindented\n")
    assert [p.text for p in d.points] == ["Text on the next line", "Text unindented"]


def test_keyword_item_title_lines_stand_apart_from_their_text():
    src = (
        "Article 1\nDefinitions\n1. For this Agreement:\n(a) ceasefire means a halt;\n\n"
        "Article 2 – Ceasefire\nThe Parties shall cease fire\nat dawn.\n\n"
        "Article 3. The Parties shall meet within thirty days of the signature\nof this Agreement.\n"
    )
    d = parse_draft(src)
    assert ids(d) == ["1", "1.1", "1.1.a", "2", "3"]
    assert texts(d)["1"] == "Definitions"
    assert texts(d)["2"] == "Ceasefire\nThe Parties shall cease fire at dawn."
    assert texts(d)["3"] == "The Parties shall meet within thirty days of the signature of this Agreement."


def test_inline_tag_before_punctuation_leaves_no_space():
    d = parse_draft("1. Financed by the Parties [deferred: donor conference].\n")
    assert (d.points[0].text, d.points[0].track) == ("Financed by the Parties.", "donor conference")


def test_dotted_keyword_numbers_nest_by_their_dots():
    d = parse_draft("Section 1: General\nSection 2: Scope\nSection 2.1: Area\nSection 2.2: Time\nSection 3: End\n")
    assert ids(d) == ["1", "2", "2.1", "2.2", "3"]
    assert d.point("2.2").style == "section"
