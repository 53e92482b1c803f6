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
    _tune_gc()
    try:
        app(args=args, prog_name="draftdiff", standalone_mode=True)
    except DraftdiffError as exc:
        if state.DEBUG:
            raise
        state.error(state.in_cli_terms(exc))
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
        _silence_stdout()
        sys.exit(0)
    except OSError as exc:
        if state.DEBUG:
            raise
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        state.error(f"{where}{exc.strerror or exc}")
        sys.exit(2)
    except Exception as exc:  # a bug: still one line, and a way to get the traceback
        if state.DEBUG:
            raise
        state.error(f"internal error: {type(exc).__name__}: {exc} (run again with --debug for a traceback)")
        sys.exit(2)


def _tune_gc() -> None:
    """A short-lived process building many small objects: collect cycles rarely.

    draftdiff's data (tuples, frozen dataclasses, dicts) holds no reference cycles, so reference counting
    frees it; the cyclic collector only re-scans it. At 20,000 points it spent about a third of a compare
    doing so. Collection still runs, a hundred times less often.
    """
    import gc

    gc.freeze()  # what the imports made is never garbage
    gc.set_threshold(70_000, 100, 100)


def _silence_stdout() -> None:
    """After EPIPE, point stdout at devnull so the interpreter's final flush does not complain."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
