"""Tracks (deferred / parked sections, inline tags) and withdrawn provisions."""

from __future__ import annotations

import pytest

from draftdiff.read import parse_draft


@pytest.mark.parametrize(
    "heading",
    [
        "Deferred to leaders' talks",
        "Parked items",
        "Postponed",
        "Separate track: EU and NATO",
        "For the leaders",
        "Annex B",
        "Outstanding questions",
        "Open issues",
        "**Deferred** to [talks](https://x.example)",
    ],
)
def test_cue_word_sections_put_their_points_on_a_track(heading):
    d = parse_draft(f"1. Kept.\n\n## {heading}\n\n2. Moved.\n   a) with its sub-point\n")
    assert d.point("1").track is None
    track = d.point("2").track
    assert track is not None and "*" not in track and "](" not in track
    assert d.point("2.a").track == track


def test_no_track_without_a_cue_word():
    d = parse_draft("## Security\n\n1. a\n\n## Economy and leadership\n\n2. b\n")
    assert [p.track for p in d.points] == [None, None]


def test_a_subsection_inherits_the_track_and_a_later_section_ends_it():
    d = parse_draft("## Deferred\n\n### Territory\n\n1. a\n\n## Economy\n\n2. b\n")
    assert d.point("1").track == "Deferred" and d.point("1").section == "Territory"
    assert d.point("2").track is None


def test_bullets_in_a_track_section_are_points_even_in_a_numbered_draft():
    d = parse_draft("1. a\n2. b\n\n## Parked\n\n- territory\n- NATO\n")
    assert [p.id for p in d.points] == ["1", "2", "parked/1", "parked/2"]
    assert [p.text for p in d.points][2:] == ["territory", "NATO"]
    assert [p.track for p in d.points][2:] == ["Parked", "Parked"]


def test_inline_tag_sets_the_track_and_leaves_the_text():
    d = parse_draft("1. Territory [deferred: leaders' talks] as discussed.\n2. NATO [Parked]\n3. Plain [see annex 2]\n")
    assert (d.point("1").text, d.point("1").track) == ("Territory as discussed.", "leaders' talks")
    assert (d.point("2").text, d.point("2").track) == ("NATO", "parked")
    assert (d.point("3").text, d.point("3").track) == ("Plain [see annex 2]", None)


def test_track_cues_are_configurable():
    src = "1. a\n\n## Side letters\n\n2. b\n\n## Deferred\n\n3. c\n"
    d = parse_draft(src, track_cues=["side letters"])
    assert [p.track for p in d.points] == [None, "Side letters", None]


def test_withdrawn_section_lists_ids_and_holds_no_points():
    src = "1. a\n2. b\n4. d\n\n## Withdrawn\n\n- 3: no-invasion clause, withdrawn by agreement\n- Point 26 – amnesty\n- a note without an id\n"
    d = parse_draft(src, "p.md")
    assert [p.id for p in d.points] == ["1", "2", "4"]
    assert d.withdrawn == ("3", "26")
    assert any("amnesty" in p.text for p in d.passages)
    assert any(p.text == "a note without an id" for p in d.passages)


def test_withdrawn_numbered_items_and_front_matter_merge():
    src = "---\nwithdrawn: [9, 3]\n---\n1. a\n\n## Withdrawn provisions\n\n3. old three\n5. old five\n"
    d = parse_draft(src, "p.md")
    assert d.withdrawn == ("9", "3", "5")
    assert [p.id for p in d.points] == ["1"]


def test_references_and_links_are_not_tags():
    d = parse_draft("1. See [Annex] for maps.\n2. Per [deferred](https://x.example) list.\n3. Also [annex: maps] here.\n")
    assert [(p.text, p.track) for p in d.points] == [
        ("See [Annex] for maps.", None),
        ("Per [deferred](https://x.example) list.", None),
        ("Also here.", "maps"),
    ]
