"""How substance flags read in a report: one line per type and direction for names added or removed."""

from draftdiff.changes import Change, Flag, Kind
from draftdiff.render.report import Entry


def _lines(*flags: Flag) -> list[str]:
    entry = Entry(Change(Kind.REVISED, ("1",), ("1",), flags=flags), "1", (), (), (), (), 0, "diff")
    return entry.flag_lines


def test_names_added_of_one_type_share_a_line_in_order_of_appearance():
    lines = _lines(Flag("party", None, "Sumy"), Flag("party", "Europe", None), Flag("party", None, "Kharkiv"))
    assert lines == ["party added: Sumy, Kharkiv", "party removed: Europe"]


def test_changed_values_keep_a_line_each_and_repeats_are_counted():
    lines = _lines(
        Flag("number", "600,000", "800,000"),
        Flag("number", None, "USD 800 billion"),
        Flag("number", None, "USD 800 billion"),
        Flag("number", "100", "120"),
    )
    assert lines == ["number: 600,000 -> 800,000", "number added: USD 800 billion (x2)", "number: 100 -> 120"]


def test_track_flags_are_not_grouped():
    lines = _lines(Flag("track", "Deferred to leaders' talks", None), Flag("track", "Annex", None))
    assert lines == ["back from the track: Deferred to leaders' talks", "back from the track: Annex"]
