"""Front matter: a leading ``---`` block of ``key: value`` lines (a small YAML subset) or a ``+++`` TOML block.

The YAML subset, parsed here without PyYAML (documented in docs/draft-format.md):

- ``key: value`` with a key of letters, digits, ``_`` and ``-``; ``# comment`` lines and blank lines;
- scalars are kept as strings (``version: 1.10`` stays ``"1.10"``, dates stay as written), except
  ``true``/``false`` (booleans) and ``null``/``~``/empty (None);
- ``"double"`` (with ``\\"`` ``\\\\`` ``\\n`` ``\\t`` escapes) and ``'single'`` (``''`` for a quote) strings;
- inline lists ``[a, "b, c", 3]``;
- block lists: ``key:`` followed by ``- item`` lines;
- block scalars: ``key: |`` (lines kept) or ``key: >`` (lines folded) followed by indented lines.

Anything else (nested mappings, anchors, flow mappings) is an InputError naming the line.

>>> meta, body, offset = split_front_matter("---\\ntitle: Plan\\nwithdrawn: [3, 26]\\n---\\n1. A\\n", "p.md")
>>> meta, body, offset
({'title': 'Plan', 'withdrawn': ['3', '26']}, '1. A\\n', 4)
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from typing import Any

from ..errors import InputError

__all__ = ["parse_yaml_subset", "plain_value", "split_front_matter"]

_RE_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]{0,100})[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
_RE_TOML_LINE = re.compile(r"line (\d+)")
_RE_TOML_START = re.compile(r"(?:[A-Za-z0-9_\-\"'.]+[ \t]*=|\[)")  # key = ..., [table] or [[array]]


def plain_value(value: Any) -> Any:
    """TOML dates/times become ISO strings, so metadata is plain JSON data (and survives a round trip)."""
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_value(v) for v in value]
    return value


def _is_closing(line: str, opener: str) -> bool:
    s = line.rstrip()
    return s == opener or (opener == "---" and s == "...")


def split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str, int]:
    """(metadata, the rest of the text, number of lines removed). No front matter: ({}, text, 0)."""
    first, _, rest = text.partition("\n")
    opener = first.rstrip()
    if opener not in ("---", "+++"):
        return {}, text, 0
    lines = rest.split("\n")
    # a thematic break (or a line of pluses), not front matter, unless a key line or the closing line follows
    nxt = next((ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    key_line = _RE_KEY.match(nxt.strip()) if opener == "---" else _RE_TOML_START.match(nxt.strip())
    if not (key_line or _is_closing(nxt, opener)):
        return {}, text, 0
    for i, line in enumerate(lines):
        if _is_closing(line, opener):
            block = lines[:i]
            if (
                opener == "---"
                and any(b.strip() for b in block)
                and not any(_RE_KEY.match(b.strip()) for b in block)
            ):
                return {}, text, 0  # only "#" lines between two rules: Markdown headings, not YAML comments
            body = "\n".join(lines[i + 1 :])
            consumed = i + 2
            if opener == "+++":
                meta = _parse_toml("\n".join(block), source)
            else:
                meta = parse_yaml_subset(block, source, first_line=2)
            return meta, body, consumed
    raise InputError(
        f"front matter opened with {opener!r} on line 1 is never closed (add a {opener!r} line after it)",
        source=source,
        line=1,
    )


def _parse_toml(block: str, source: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _RE_TOML_LINE.search(msg)
        if m:
            line: int | None = int(m.group(1)) + 1
        elif "end of document" in msg:
            line = block.count("\n") + 2
        else:
            line = None
        raise InputError(f"front matter is not valid TOML: {msg}", source=source, line=line) from None
    except RecursionError:
        raise InputError("front matter nested too deeply", source=source) from None
    return plain_value(data)


def _scalar(raw: str, source: str, line: int) -> Any:
    s = raw.strip()
    if not s or s in ("~", "null", "Null", "NULL"):
        return None
    if s[0] == '"':
        return _double_quoted(s, source, line)
    if s[0] == "'":
        if len(s) < 2 or not s.endswith("'"):
            raise InputError("unterminated single-quoted string in front matter", source=source, line=line)
        return s[1:-1].replace("''", "'")
    if s[0] in "{&*!|>":
        raise InputError(
            f"unsupported front matter value {s[:20]!r} (only strings, lists and true/false)",
            source=source,
            line=line,
        )
    if " #" in s:
        s = s.split(" #", 1)[0].rstrip()
    if s in ("true", "True", "TRUE"):
        return True
    if s in ("false", "False", "FALSE"):
        return False
    return s


def _double_quoted(s: str, source: str, line: int) -> str:
    out: list[str] = []
    i = 1
    escapes = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "/": "/"}
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            if nxt not in escapes:
                raise InputError(
                    f"unsupported escape \\{nxt} in front matter string", source=source, line=line
                )
            out.append(escapes[nxt])
            i += 2
            continue
        if ch == '"':
            tail = s[i + 1 :].strip()
            if tail and not tail.startswith("#"):
                raise InputError("text after a closing quote in front matter", source=source, line=line)
            return "".join(out)
        out.append(ch)
        i += 1
    raise InputError("unterminated double-quoted string in front matter", source=source, line=line)


def _inline_list(s: str, source: str, line: int) -> list[Any]:
    items: list[str] = []
    buf: list[str] = []
    quote: str | None = None
    closed_at = -1
    for i, ch in enumerate(s[1:], 1):
        if quote:
            buf.append(ch)
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            buf.append(ch)
        elif ch == ",":
            items.append("".join(buf))
            buf = []
        elif ch == "]":
            closed_at = i
            break
        elif ch in "[{}":
            raise InputError(
                "nested lists or mappings in front matter are not supported", source=source, line=line
            )
        else:
            buf.append(ch)
    if closed_at < 0:
        raise InputError("inline list in front matter is not closed with ']'", source=source, line=line)
    tail = s[closed_at + 1 :].strip()
    if tail and not tail.startswith("#"):
        raise InputError("text after the closing ']' in front matter", source=source, line=line)
    items.append("".join(buf))
    if len(items) == 1 and not items[0].strip():
        return []
    out = []
    for item in items:
        if not item.strip():
            raise InputError("empty item in a front matter list", source=source, line=line)
        out.append(_scalar(item, source, line))
    return out


def parse_yaml_subset(lines: list[str], source: str, *, first_line: int = 1) -> dict[str, Any]:
    """Parse ``key: value`` lines (see the module docstring); line numbers start at ``first_line``."""
    meta: dict[str, Any] = {}
    i = 0
    while i < len(lines):
        line_no = first_line + i
        raw = lines[i]
        stripped = raw.strip()
        i += 1
        if not stripped or stripped.startswith("#"):
            continue
        if raw[:1] in " \t" or stripped.startswith("- "):
            raise InputError(
                f"unexpected indented or list line in front matter: {stripped[:40]!r}",
                source=source,
                line=line_no,
            )
        m = _RE_KEY.match(stripped)
        if not m:
            raise InputError(
                f"front matter line is not 'key: value': {stripped[:40]!r}", source=source, line=line_no
            )
        key, value = m.group(1), (m.group(2) or "").strip()
        if key in meta:
            raise InputError(f"front matter key {key!r} appears twice", source=source, line=line_no)
        if value in ("|", ">", "|-", ">-", "|+", ">+"):
            block: list[str] = []
            while i < len(lines) and (not lines[i].strip() or lines[i][:1] in " \t"):
                block.append(lines[i].strip())
                i += 1
            while block and not block[-1]:
                block.pop()
            meta[key] = "\n".join(block) if value[0] == "|" else " ".join(b for b in block if b)
        elif value.startswith("["):
            meta[key] = _inline_list(value, source, line_no)
        elif not value:
            items: list[Any] = []
            while i < len(lines):
                nxt = lines[i].strip()
                if not nxt or nxt.startswith("#"):
                    i += 1
                    continue
                if nxt == "-" or nxt.startswith("- "):
                    items.append(_scalar(nxt[1:], source, first_line + i))
                    i += 1
                    continue
                if lines[i][:1] in " \t":
                    raise InputError(
                        f"nested mappings are not supported in front matter (under {key!r})",
                        source=source,
                        line=first_line + i,
                    )
                break
            meta[key] = items if items else None
        else:
            meta[key] = _scalar(value, source, line_no)
    return meta
