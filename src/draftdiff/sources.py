"""Where draft bytes come from: a file, standard input (``-``) or a git revision (``REV:PATH``).

No shell is ever involved: git is run with an argument list, a revision that starts with ``-`` is
refused before git sees it, and the revision is resolved with ``--end-of-options`` so that git never
reads it as an option either.

How a command-line name is read:

- ``-`` is standard input.
- A name that exists on disk is that file, even when it looks like ``REV:PATH`` (the file wins).
- Otherwise ``REV:PATH`` (split at the first colon) is PATH as committed at revision REV, read with
  ``git cat-file`` in the repository of the current directory. As in git, PATH is relative to the
  repository's top folder; ``REV:./PATH`` and ``REV:../PATH`` are relative to the current directory.

>>> parse_rev_spec("HEAD~1:drafts/plan.md")
('HEAD~1', 'drafts/plan.md')
>>> parse_rev_spec("origin/main:plan.md")
('origin/main', 'plan.md')
>>> parse_rev_spec("plan.md") is None
True
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import dataclass

from .errors import InputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "GitError",
    "MissingAtRevision",
    "NoSuchRevision",
    "NotInRepository",
    "Source",
    "git_show",
    "parse_rev_spec",
    "read_blob",
    "read_source",
    "repo_path",
    "resolve_commit",
]

#: Inputs larger than this are refused (``--max-bytes`` changes it).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Source:
    name: str  # what to call it in messages: the path, "-", or "REV:PATH"
    data: bytes
    path: str | None = None  # a file-system path when there is one (its extension picks the reader)


class GitError(InputError):
    """Reading from git failed (exit status 2 like any other input trouble)."""


class NotInRepository(GitError):
    """The folder is not inside a git work tree (or git is missing)."""


class NoSuchRevision(GitError):
    """The revision does not name a commit (or was refused: it starts with ``-``)."""


class MissingAtRevision(GitError):
    """The path does not exist at that revision (the guard treats such a file as new)."""


def parse_rev_spec(spec: str) -> tuple[str, str] | None:
    """Split ``REV:PATH`` at the first colon into (rev, path); None when spec is not of that form.

    Whether the name is a file on disk is decided by :func:`read_source` (a file wins); this only looks
    at the form. A Windows drive (``C:\\x``) and an empty revision or path are not of that form.

    >>> parse_rev_spec("v1.0:docs/a:b.md")
    ('v1.0', 'docs/a:b.md')
    >>> parse_rev_spec(":plan.md") is None, parse_rev_spec("HEAD:") is None
    (True, True)
    """
    rev, colon, path = spec.partition(":")
    if not colon or not rev or not path:
        return None
    if len(rev) == 1 and rev.isalpha() and os.name == "nt":
        return None
    return rev, path


def _read_limited(stream, name: str, max_bytes: int) -> bytes:  # type: ignore[no-untyped-def]
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"larger than max_bytes ({max_bytes} bytes); refusing to read it", source=name)
    return data


def _git(
    args: list[str], *, cwd: str | None, name: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git with an argument list (never a shell); stdout and stderr captured."""
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.setdefault("GIT_OPTIONAL_LOCKS", "0")
    try:
        return subprocess.run(
            ["git", *args], input=stdin, capture_output=True, cwd=cwd or None, env=env, check=False
        )
    except FileNotFoundError:
        raise NotInRepository("git is not installed; cannot read a git revision", source=name) from None
    except NotADirectoryError:
        raise NotInRepository(f"{cwd!r} is not a folder", source=name) from None


def _check_rev(rev: str, name: str) -> None:
    if not rev:
        raise NoSuchRevision("empty git revision", source=name)
    if rev.startswith("-"):
        raise NoSuchRevision(f"revision {rev!r} starts with '-'; refusing it", source=name)
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in rev):
        raise NoSuchRevision(f"revision {rev!r} contains a control character; refusing it", source=name)


def _in_work_tree(cwd: str | None, name: str) -> bool:
    proc = _git(["rev-parse", "--is-inside-work-tree"], cwd=cwd, name=name)
    return proc.returncode == 0 and proc.stdout.strip() == b"true"


def resolve_commit(rev: str, *, name: str, cwd: str | None = None) -> str:
    """The full commit id REV names in the repository of cwd.

    Raises :class:`NoSuchRevision` when REV starts with ``-``, holds a control character or names no
    commit, and :class:`NotInRepository` when cwd is not inside a git work tree.
    """
    _check_rev(rev, name)
    proc = _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd=cwd, name=name
    )
    if proc.returncode != 0:
        if not _in_work_tree(cwd, name):
            where = os.path.abspath(cwd or os.curdir)
            raise NotInRepository(
                f"not inside a git repository ({where}); cannot read revision {rev!r}", source=name
            )
        raise NoSuchRevision(f"no such git revision {rev!r}", source=name)
    return proc.stdout.decode("ascii", "replace").strip()


def read_blob(
    commit: str,
    path: str,
    *,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cwd: str | None = None,
    rev: str | None = None,
) -> bytes:
    """The bytes of PATH in COMMIT (a full commit id from :func:`resolve_commit`).

    PATH is relative to the repository's top folder, or to cwd when it starts with ``./`` or ``../``.
    Raises :class:`MissingAtRevision` when there is no such path at that commit, and
    :class:`GitError` when it is a folder or a submodule there, or larger than max_bytes.
    """
    shown = rev or commit[:12]
    if any(ch in path for ch in "\0\n\r"):
        raise GitError("path contains a line break or NUL; refusing it", source=name)
    obj = f"{commit}:{path}"
    check = _git(
        ["cat-file", "--batch-check"],
        cwd=cwd,
        name=name,
        stdin=obj.encode("utf-8", "surrogateescape") + b"\n",
    )
    fields = check.stdout.decode("utf-8", "replace").split()
    if check.returncode != 0 or len(fields) != 3 or fields[1] == "missing":
        raise MissingAtRevision(f"{path!r} does not exist at revision {shown!r}", source=name)
    oid, kind, size = fields
    if kind == "tree":
        raise GitError(f"{path!r} is a folder at revision {shown!r}, not a draft file", source=name)
    if kind != "blob":
        raise GitError(f"{path!r} is a {kind} at revision {shown!r}, not a draft file", source=name)
    if int(size) > max_bytes:
        raise GitError(f"larger than max_bytes ({max_bytes} bytes); refusing to read it", source=name)
    proc = _git(["cat-file", "blob", oid], cwd=cwd, name=name)
    if proc.returncode != 0:  # pragma: no cover - the object was there a moment ago
        raise GitError(f"git could not read {path!r} at revision {shown!r}", source=name)
    return proc.stdout


def git_show(
    rev: str, path: str, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES, cwd: str | None = None
) -> bytes:
    """The bytes of PATH at revision REV (``git cat-file`` with an argument list, no shell)."""
    commit = resolve_commit(rev, name=name, cwd=cwd)
    return read_blob(commit, path, name=name, max_bytes=max_bytes, cwd=cwd, rev=rev)


def repo_path(path: str) -> tuple[str, str]:
    """(top folder of the work tree, PATH relative to it with ``/``) for a file on disk.

    Symbolic links in the folders are resolved (as git sees them); the file name itself is kept.
    Raises :class:`NotInRepository` when the file is not inside a git work tree.
    """
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    proc = _git(["rev-parse", "--show-toplevel"], cwd=folder, name=path)
    if proc.returncode != 0:
        raise NotInRepository(f"not inside a git repository ({folder})", source=path)
    top = os.path.realpath(os.fsdecode(proc.stdout.rstrip(b"\r\n")))
    rel = os.path.relpath(os.path.join(folder, os.path.basename(path)), top)
    return top, rel.replace(os.sep, "/")


def read_source(spec: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read the bytes named by spec: ``-`` (stdin), an existing path, or ``REV:PATH``."""
    if spec == "-":
        return Source("-", _read_limited(sys.stdin.buffer, "<stdin>", max_bytes))
    rev_spec = None if os.path.lexists(spec) else parse_rev_spec(spec)
    if rev_spec is None:
        try:
            st = os.stat(spec)
        except FileNotFoundError:
            raise InputError("no such file", source=spec) from None
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), source=spec) from None
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory, not a draft file", source=spec)
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise InputError(f"larger than max_bytes ({max_bytes} bytes); refusing to read it", source=spec)
        try:
            with open(spec, "rb") as fh:
                return Source(spec, _read_limited(fh, spec, max_bytes), path=spec)
        except PermissionError:
            raise InputError("permission denied", source=spec) from None
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), source=spec) from None
    rev, path = rev_spec
    try:
        data = git_show(rev, path, name=spec, max_bytes=max_bytes)
    except NoSuchRevision as exc:
        if rev.startswith("-") or "/" not in rev:
            raise
        # "drafts/a:b.md" that is not a file: say both readings failed.
        raise NoSuchRevision(f"no such file, and no such git revision {rev!r}", source=spec) from exc
    return Source(spec, data, path=path)
