"""Where draft bytes come from: a file, standard input (``-``) or a git revision (``REV:PATH``).

No shell is ever involved: git is run with an argument list, and a revision that starts with ``-``
is refused before git sees it.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import dataclass

from .errors import InputError

__all__ = ["Source", "read_source", "DEFAULT_MAX_BYTES", "parse_rev_spec", "git_show"]

#: Inputs larger than this are refused (``--max-bytes`` changes it).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Source:
    name: str  # what to call it in messages: the path, "-", or "REV:PATH"
    data: bytes
    path: str | None = None  # a file-system path when there is one (its extension picks the reader)


def parse_rev_spec(spec: str) -> tuple[str, str] | None:
    """Split ``REV:PATH`` into (rev, path); None when spec is not of that form.

    >>> parse_rev_spec("HEAD~1:drafts/plan.md")
    ('HEAD~1', 'drafts/plan.md')
    >>> parse_rev_spec("plan.md") is None
    True
    """
    if ":" not in spec:
        return None
    rev, _, path = spec.partition(":")
    if not rev or not path or os.sep in rev or (len(rev) == 1 and rev.isalpha() and os.name == "nt"):
        return None
    return rev, path


def _read_limited(stream, name: str, max_bytes: int) -> bytes:  # type: ignore[no-untyped-def]
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"larger than --max-bytes ({max_bytes} bytes); refusing to read it", source=name)
    return data


def git_show(rev: str, path: str, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES, cwd: str | None = None) -> bytes:
    """The bytes of PATH at revision REV, through ``git cat-file`` with an argument list."""
    if rev.startswith("-"):
        raise InputError(f"revision {rev!r} starts with '-'; refusing it", source=name)
    if any(ch in rev for ch in "\0\n\r"):
        raise InputError("revision contains a control character", source=name)
    try:
        check = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            capture_output=True,
            cwd=cwd,
            check=False,
        )
    except FileNotFoundError:
        raise InputError("git is not installed; cannot read a revision", source=name) from None
    if check.returncode != 0:
        raise InputError(f"no such git revision {rev!r} (or not inside a git repository)", source=name)
    commit = check.stdout.decode().strip()
    proc = subprocess.run(
        ["git", "cat-file", "blob", f"{commit}:{path}"], capture_output=True, cwd=cwd, check=False
    )
    if proc.returncode != 0:
        raise InputError(f"{path!r} does not exist at revision {rev!r}", source=name)
    if len(proc.stdout) > max_bytes:
        raise InputError(f"larger than --max-bytes ({max_bytes} bytes); refusing to read it", source=name)
    return proc.stdout


def read_source(spec: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read the bytes named by spec: ``-`` (stdin), an existing path, or ``REV:PATH``."""
    if spec == "-":
        return Source("-", _read_limited(sys.stdin.buffer, "<stdin>", max_bytes))
    if os.path.lexists(spec) or parse_rev_spec(spec) is None:
        try:
            st = os.stat(spec)
        except FileNotFoundError:
            raise InputError("no such file", source=spec) from None
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), source=spec) from None
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory, not a draft file", source=spec)
        if st.st_size > max_bytes:
            raise InputError(f"larger than --max-bytes ({max_bytes} bytes); refusing to read it", source=spec)
        try:
            with open(spec, "rb") as fh:
                return Source(spec, _read_limited(fh, spec, max_bytes), path=spec)
        except PermissionError:
            raise InputError("permission denied", source=spec) from None
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), source=spec) from None
    rev, path = parse_rev_spec(spec)  # type: ignore[misc]
    return Source(spec, git_show(rev, path, name=spec, max_bytes=max_bytes), path=path)
