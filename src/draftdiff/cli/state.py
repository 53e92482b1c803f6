"""Process-wide CLI state and the one-line error printer (no rich: it must work before anything loads)."""

from __future__ import annotations

import sys

from ..textsafe import escape_control

DEBUG = False


def error(message: str) -> None:
    """One line on stderr: ``draftdiff: error: MESSAGE``, escaped like every untrusted text."""
    sys.stderr.write(f"draftdiff: error: {escape_control(message)}\n")
    sys.stderr.flush()


def note(message: str) -> None:
    """One line on stderr: ``draftdiff: note: MESSAGE`` (what was read differently from the usual), escaped."""
    sys.stderr.write(f"draftdiff: note: {escape_control(message)}\n")
    sys.stderr.flush()
