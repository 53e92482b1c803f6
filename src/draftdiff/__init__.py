"""draftdiff: follow numbered provisions through successive drafts of a negotiated text.

Library use::

    from draftdiff import read_draft, compare
    cmp = compare(read_draft("drafts/01-us-28-point-plan.md"), read_draft("drafts/02-e3-counter-proposal.md"))
    for change in cmp.changes:
        print(change.kind, change.old, change.new)

The core (model, read, align, classify) imports neither rich nor typer.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "Change",
    "Comparison",
    "Draft",
    "Kind",
    "Point",
    "__version__",
    "compare",
    "parse_draft",
    "read_draft",
]


def __getattr__(name: str) -> Any:  # lazy, so that `import draftdiff` stays cheap
    if name in ("read_draft", "parse_draft"):
        from . import read

        return getattr(read, name)
    if name == "compare":
        from .compare import compare

        return compare
    if name in ("Draft", "Point"):
        from . import model

        return getattr(model, name)
    if name in ("Comparison", "Change", "Kind"):
        from . import changes

        return getattr(changes, name)
    raise AttributeError(name)
