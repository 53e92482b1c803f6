"""Errors the user should see as one line on stderr (exit status 2), never as a traceback."""

from __future__ import annotations

__all__ = ["DraftdiffError", "InputError"]


class DraftdiffError(Exception):
    """Trouble: a message naming the file, the place and the problem.

    >>> str(InputError("not valid UTF-8 (byte 0xff)", source="plan.md", line=3))
    'plan.md:3: not valid UTF-8 (byte 0xff)'
    """

    def __init__(
        self, message: str, *, source: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column

    @property
    def where(self) -> str:
        """``source:line:column: `` (the parts known), or "" when the error names no place."""
        if self.source is None:
            return ""
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where + ": "

    def __str__(self) -> str:
        return self.where + self.message


class InputError(DraftdiffError):
    """A draft could not be read or parsed."""
