"""The examples in the engine's docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "name",
    [
        "normalize",
        "align",
        "align.tuning",
        "align.links",
        "align.evidence",
        "align.order",
        "align.solver",
        "align.groups",
        "classify",
        "worddiff",
        "compare",
        "flags",
        "flags.registry",
        "flags.context",
        "flags.amounts",
        "flags.wording",
        "flags.names",
    ],
)
def test_docstring_examples(name):
    module = importlib.import_module(f"draftdiff.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
