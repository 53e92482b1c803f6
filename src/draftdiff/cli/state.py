"""Process-wide CLI state and the one-line error printer (no rich: it must work before anything loads)."""

from __future__ import annotations

import sys

from ..textsafe import escape_control

DEBUG = False


#: Library settings as the messages of the core name them, and the CLI options that set them: the core
#: speaks in library terms (``max_bytes``), the command line in its own (``--max-bytes``).
OPTION_FOR_SETTING = (("max_bytes", "--max-bytes"), ("paragraphs=True", "--paragraphs"))


def in_cli_terms(exc: BaseException) -> str:
    """The one-line message of a library error, its settings named as the CLI options that set them.

    Only the message is rewritten, never the file name or place in front of it.

    >>> from draftdiff.errors import InputError
    >>> in_cli_terms(InputError("larger than max_bytes (300 bytes); refusing to read it", source="max_bytes.md"))
    'max_bytes.md: larger than --max-bytes (300 bytes); refusing to read it'
    """
    where, message = getattr(exc, "where", ""), getattr(exc, "message", str(exc))
    return where + cli_terms(message)


def cli_terms(text: str) -> str:
    """``text`` (a message of the core, no file name in it) with library settings named as CLI options."""
    for setting, option in OPTION_FOR_SETTING:
        text = text.replace(setting, option)
    return text


def error(message: str) -> None:
    """One line on stderr: ``draftdiff: error: MESSAGE``, escaped like every untrusted text."""
    sys.stderr.write(f"draftdiff: error: {escape_control(message)}\n")
    sys.stderr.flush()


def note(message: str) -> None:
    """One line on stderr: ``draftdiff: note: MESSAGE`` (what was read differently from the usual), escaped."""
    sys.stderr.write(f"draftdiff: note: {escape_control(message)}\n")
    sys.stderr.flush()
