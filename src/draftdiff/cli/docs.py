"""docs/cli.md, generated from the commands' own ``--help``: ``python3 -m draftdiff.cli.docs > docs/cli.md``.

The reference is the help text itself, rendered by click at a fixed width without colour, so it reads
the same on every machine; a test regenerates it and fails when docs/cli.md and ``--help`` disagree.
docs/cli-guide.md is the hand-written guide (examples, exit statuses, what each option is for).
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["WIDTH", "render_cli_docs"]

#: The width the help texts are wrapped at in docs/cli.md.
WIDTH = 100

_HEADER = """\
# Command-line reference

Generated from `draftdiff COMMAND --help` by `python3 -m draftdiff.cli.docs > docs/cli.md`; do not
edit by hand (tests/test_cli_docs.py fails when this file and `--help` disagree). The hand-written
guide, with examples and what each option is for, is [cli-guide.md](cli-guide.md).

Exit status everywhere, as with diff(1): **0** fine, **1** a difference or a failed gate *when you asked
for one*, **2** trouble (unreadable input, a bad option), with one line on stderr.
"""


def render_cli_docs() -> str:
    """The whole of docs/cli.md: a short header, then each command's help in registration order."""
    import typer.main

    from .app import app

    group = typer.main.get_command(app)

    # the command's own context class: typer bundles its click, and no other click is a dependency
    def help_ctx(command: Any, name: str, parent: Any) -> Any:
        settings = dict(command.context_settings or {})
        settings.update(terminal_width=WIDTH, max_content_width=WIDTH, color=False)
        return command.context_class(command, info_name=name, parent=parent, **settings)

    def help_of(command: Any, name: str, parent: Any) -> str:
        return command.get_help(help_ctx(command, name, parent))

    root = help_ctx(group, "draftdiff", None)
    parts = [_HEADER, "## draftdiff\n\n```text\n" + group.get_help(root) + "\n```\n"]
    for name in group.list_commands(root):  # type: ignore[attr-defined]
        command = group.get_command(root, name)  # type: ignore[attr-defined]
        parts.append(f"## draftdiff {name}\n\n```text\n{help_of(command, name, root)}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(render_cli_docs())
