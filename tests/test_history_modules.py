"""The history code split into series, lineage, lookup and blame (issue 13): the facade
``draftdiff.history`` still hands out every public name, and each module says what it holds."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

from draftdiff import blame as blame_module
from draftdiff import history, lineage, lookup, series

CORE = ("draftdiff.series", "draftdiff.lineage", "draftdiff.lookup", "draftdiff.blame", "draftdiff.history")


def test_the_facade_hands_out_the_home_modules_objects():
    homes = (series, lineage, lookup, blame_module)
    for name in history.__all__:
        found = [m for m in homes if name in getattr(m, "__all__", ())]
        assert len(found) == 1, (name, found)
        assert getattr(history, name) is getattr(found[0], name), name
    # every public name of the split modules is reachable through the facade, except the index blame uses
    for m in homes:
        assert set(m.__all__) - set(history.__all__) <= {"PointIndex"}, m.__name__


@pytest.mark.parametrize("name", CORE)
def test_each_module_says_what_it_holds_and_has_examples(name):
    from test_engine_doctests import WITH_EXAMPLES

    module = importlib.import_module(name)
    assert module.__doc__ and len(module.__doc__.split()) > 20
    assert name in WITH_EXAMPLES  # collected by tests/test_engine_doctests.py


@pytest.mark.parametrize("name", CORE)
def test_no_core_module_imports_rich_or_typer(name):
    tree = ast.parse(inspect.getsource(importlib.import_module(name)))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not imported & {"rich", "typer"}
