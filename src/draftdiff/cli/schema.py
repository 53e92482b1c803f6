"""draftdiff schema NAME: print the JSON Schema of a JSON output (every file in draftdiff/schemas/)."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from .app import app

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def schema_names() -> list[str]:
    """The schemas shipped with the package: the names of ``draftdiff/schemas/*.json``."""
    from importlib import resources

    folder = resources.files("draftdiff").joinpath("schemas")
    return sorted(f.name[: -len(".json")] for f in folder.iterdir() if f.name.endswith(".json"))


def schema_text(name: str) -> str:
    """The text of schema NAME; DraftdiffError naming the available ones if there is none."""
    from importlib import resources

    from ..errors import DraftdiffError

    names = schema_names()
    if not _NAME.match(name) or name not in names:
        raise DraftdiffError(f"no schema {name!r}; available: {', '.join(names)}")
    text = resources.files("draftdiff").joinpath("schemas", f"{name}.json").read_text(encoding="utf-8")
    return text if text.endswith("\n") else text + "\n"


@app.command("schema")
def schema_command(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="Which schema: compare, draft, history, check, ... (without NAME: list the available ones).",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a JSON output, e.g. `draftdiff schema compare`."""
    from .common import write_output

    if name is None:
        write_output("".join(f"{n}\n" for n in schema_names()), None)
        return
    write_output(schema_text(name), None)
