"""The history code split into series, lineage, lookup and blame (issue 13): the facade
``draftdiff.history`` still hands out every public name, the library's errors speak library terms (no
option names), and the CLI adds the option name back."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

from conftest import DRAFTS
from draftdiff import blame as blame_module
from draftdiff import history, lineage, lookup, series
from draftdiff.changes import Change, Kind
from draftdiff.errors import DraftdiffError
from draftdiff.model import Draft
from test_history_cli import run
from test_history_core import fixed
from test_history_core import series as make_series

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


@pytest.mark.parametrize("name", CORE)
def test_no_raise_in_the_core_names_an_option(name):
    """Static guard: no string inside a raise statement of these modules holds ``--``."""
    tree = ast.parse(inspect.getsource(importlib.import_module(name)))
    texts = [
        c.value
        for r in ast.walk(tree)
        if isinstance(r, ast.Raise)
        for c in ast.walk(r)
        if isinstance(c, ast.Constant) and isinstance(c.value, str)
    ]
    assert not [t for t in texts if "--" in t]


def small_history():
    ds = make_series(["A.", "B."], ["A.", "B.", "C."])
    return history.build_history(
        ds,
        compare=fixed(
            [
                Change(Kind.UNCHANGED, ("1",), ("1",)),
                Change(Kind.UNCHANGED, ("2",), ("2",)),
                Change(Kind.ADDED, (), ("3",)),
            ]
        ),
        restore=False,
    )


@pytest.mark.parametrize(
    "spec, problem",
    [
        ("9", "no draft of the series has a point with that id"),
        ("nowhere:1", "no draft called 'nowhere' (drafts: d1, d2)"),
        ("d1:3", "draft d1 has no point '3'"),
        ("L99", "no draft of the series has a point with that id"),
    ],
)
def test_find_lineage_errors_speak_of_the_provision(spec, problem):
    with pytest.raises(lookup.ProvisionNotFound) as caught:
        lookup.find_lineage(small_history(), spec)
    exc = caught.value
    assert isinstance(exc, DraftdiffError)
    assert (exc.spec, exc.problem) == (spec, problem)
    assert str(exc) == f"provision {spec!r}: {problem}"
    assert "--" not in str(exc)


@pytest.mark.parametrize("bound, end", [("since", "start"), ("until", "end")])
def test_cut_series_errors_speak_of_the_series(bound, end):
    ds = [Draft("s/one.md", date="2025-11-20"), Draft("s/two.md", date="2025-11-23")]
    names = series.short_names(ds)
    with pytest.raises(series.SeriesCutError) as caught:
        series.cut_series(ds, names, **{bound: "nonsense"})
    exc = caught.value
    assert (exc.bound, exc.spec) == (bound, "nonsense")
    assert str(exc) == (
        f"series {end} 'nonsense' names no draft of the series and is not a date (drafts: 2025-11-20, 2025-11-23)"
    )
    assert "--" not in str(exc)


def test_other_core_errors_name_no_option(tmp_path):
    messages = []
    for call in (
        lambda: series.order_drafts([Draft("a.md"), Draft("b.md", date="2025-01-01")], "date"),
        lambda: series.draft_files(str(tmp_path / "missing")),
        lambda: lineage.build_history([Draft("a.md")]),
    ):
        with pytest.raises(DraftdiffError) as caught:
            call()
        messages.append(str(caught.value))
    assert all(m and "--" not in m for m in messages), messages


NAMES = "2025-11-20, 2025-11-23, 2025-11-24, 2025-12-23"  # the short names of drafts/


@pytest.mark.parametrize(
    "args, line",
    [
        (
            ["--since", "nonsense"],
            f"--since 'nonsense' names no draft of the series and is not a date (drafts: {NAMES})",
        ),
        (
            ["--until", "later"],
            f"--until 'later' names no draft of the series and is not a date (drafts: {NAMES})",
        ),
        (["--provision", "99"], "--provision '99': no draft of the series has a point with that id"),
        (
            ["--provision", "1999-01-01:1"],
            f"--provision '1999-01-01:1': no draft called '1999-01-01' (drafts: {NAMES})",
        ),
        (
            ["--provision", "2025-11-20:999"],
            "--provision '2025-11-20:999': draft 2025-11-20 has no point '999'",
        ),
    ],
)
def test_the_cli_names_the_option(capsys, args, line):
    code, out, err = run(capsys, "history", str(DRAFTS), *args)
    assert (code, out) == (2, "")
    assert err == f"draftdiff: error: {line}\n"


def test_blame_names_since(capsys):
    code, out, err = run(
        capsys, "blame", str(DRAFTS / "04-20-point-framework.md"), "--history", str(DRAFTS), "--since", "x"
    )
    assert (code, out) == (2, "")
    assert (
        err.startswith("draftdiff: error: --since 'x' names no draft of the series") and err.count("\n") == 1
    )
