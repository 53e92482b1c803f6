"""Every example in every docstring of the package stays true (issue 13: all doctests collected)."""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import draftdiff

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(draftdiff.__path__, "draftdiff.") if not m.name.endswith("__main__")
)
WITH_EXAMPLES = [
    name for name in MODULES if any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(name)))
]


def test_the_walk_finds_the_package():
    # a walk that found nothing would make the test below pass vacuously
    assert {"draftdiff.align.solver", "draftdiff.flags.registry", "draftdiff.render.html"} <= set(WITH_EXAMPLES)
    assert len(WITH_EXAMPLES) >= 30


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


CLI = Path(draftdiff.__file__).parent / "cli"


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_imports_no_private_name(path):
    """cli/ is a thin layer: it uses the library's public names only."""
    bad = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            bad += [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and node.value.id not in {"self", "cls"}
        ):
            bad.append(f"{node.value.id}.{node.attr}")
    assert bad == [], f"{path.name} imports private names: {bad}"
