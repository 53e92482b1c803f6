"""The command line: a thin typer layer over the library. Each command lives in its own module."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``draftdiff`` console script: runs the app, turns trouble into exit status 2."""
    from ..errors import DraftdiffError
    from . import state
    from .app import app

    args = list(sys.argv[1:] if argv is None else argv)
    state.DEBUG = "--debug" in args
    args = [a for a in args if a != "--debug"]  # accepted anywhere on the line
    try:
        app(args=args, prog_name="draftdiff", standalone_mode=True)
    except DraftdiffError as exc:
        if state.DEBUG:
            raise
        state.error(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        state.error("interrupted")
        sys.exit(130)
    except RecursionError:
        if state.DEBUG:
            raise
        state.error("input nested too deeply to process")
        sys.exit(2)
    except MemoryError:
        state.error("out of memory")
        sys.exit(2)
    except BrokenPipeError:
        # The reader of our output went away (`draftdiff ... | head`): not an error worth a message.
        sys.stderr.close()
        sys.exit(0)
