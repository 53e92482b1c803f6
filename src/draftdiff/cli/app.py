"""The typer application. Command modules register themselves on ``app`` when imported below."""

from __future__ import annotations

import typer
import typer.core

from .. import __version__

#: The order of `draftdiff --help` (and of docs/cli.md): the everyday commands first. Fixed here, not by
#: the order the command modules happen to be imported in (a library user importing cli.compare first).
COMMAND_ORDER = ("compare", "history", "blame", "show", "check", "guard", "schema")


class _Commands(typer.core.TyperGroup):
    def list_commands(self, ctx):  # type: ignore[no-untyped-def]
        names = super().list_commands(ctx)
        rank = {name: k for k, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda n: (rank.get(n, len(rank)), n))


app = typer.Typer(
    cls=_Commands,
    name="draftdiff",
    help="Follow numbered provisions through successive drafts: what was kept, reworded, revised, "
    "moved, merged, split, dropped, added or deferred.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"draftdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on trouble (for bug reports)."),
) -> None:
    """draftdiff: structured diffs of numbered provisions."""


# Command modules: each adds its commands to `app`. Keep their heavy imports inside the functions.
# The order of registration is the order of `draftdiff --help`: the everyday commands first.
from . import compare  # noqa: F401, I001
from . import history  # noqa: F401
from . import show  # noqa: F401
from . import check  # noqa: F401
from . import schema  # noqa: F401
