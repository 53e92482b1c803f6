"""The forked second-core paths (compare's matched pairs, the JSON layout) give the same results as one process."""

from __future__ import annotations

import os

import pytest

import draftdiff.compare as compare_module
import draftdiff.render.json as json_render
from draftdiff import parallel
from draftdiff.model import draft_from_texts

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _drafts():
    old = [
        f"Point {k}: the Parties shall pay {k * 100} euros to Party {k % 7} by {k % 28 + 1} May."
        for k in range(60)
    ]
    new = list(old)
    new[3] = new[3].replace("shall", "may")
    new[10] = new[10].replace("euros", "dollars")
    del new[20]
    new.insert(40, "An entirely new provision on water rights.")
    new[50], new[51] = new[51], new[50]
    return draft_from_texts(old, source="old"), draft_from_texts(new, source="new")


def test_forked_paths_give_the_same_output(monkeypatch):
    old, new = _drafts()
    monkeypatch.setattr(compare_module, "second_core", lambda: False)
    monkeypatch.setattr(parallel, "second_core", lambda: False)
    serial = compare_module.compare(old, new)
    serial_json = json_render.comparison_to_json(serial)

    monkeypatch.setattr(compare_module, "second_core", lambda: True)
    monkeypatch.setattr(parallel, "second_core", lambda: True)
    monkeypatch.setattr(compare_module, "PARALLEL_LINKS", 10)
    monkeypatch.setattr(json_render, "PARALLEL_CHANGES", 10)
    forked = compare_module.compare(old, new)
    assert forked.changes == serial.changes
    assert json_render.comparison_to_json(forked) == serial_json
    assert {c.kind.value for c in forked.changes} >= {"unchanged", "revised", "dropped", "added"}


def test_in_child_returns_none_when_the_child_fails():
    def boom() -> int:
        raise RuntimeError("in the child")

    assert parallel.in_child(boom)() is None
    assert parallel.in_child(lambda: [1, "two"])() == [1, "two"]
