import doctest
from dataclasses import FrozenInstanceError

import pytest

import draftdiff.errors
import draftdiff.model
import draftdiff.sources
from draftdiff.changes import Change, Comparison, Kind
from draftdiff.model import Draft, Point, draft_from_texts


@pytest.mark.parametrize("module", [draftdiff.model, draftdiff.errors, draftdiff.sources])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


def test_draft_and_point_are_immutable():
    d = draft_from_texts(["a", "b"], title="T", metadata={"k": "v"})
    with pytest.raises(FrozenInstanceError):
        d.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        d.metadata["k"] = "w"  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        d.points[0].text = "x"  # type: ignore[misc]


def test_walk_is_depth_first_document_order():
    child = Point(id="1.a", label="a", text="c")
    d = Draft(source="s", points=(Point(id="1", label="1", text="p", points=(child,)), Point(id="2", label="2", text="q")))
    assert [p.id for p in d.walk()] == ["1", "1.a", "2"]
    assert d.point("1.a") is child
    with pytest.raises(KeyError):
        d.point("9")


def test_summary_counts_every_kind():
    d = draft_from_texts(["a"])
    cmp = Comparison(d, d, (Change(Kind.UNCHANGED, ("1",), ("1",), renumbered=True),))
    s = cmp.summary()
    assert s["unchanged"] == 1 and s["dropped"] == 0 and s["renumbered"] == 1 and s["moved"] == 0
    assert {k.value for k in Kind} <= set(s)
    assert cmp.has_differences
